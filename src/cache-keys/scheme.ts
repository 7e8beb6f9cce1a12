/**
 * The surrogate-key scheme (docs/caching.md, docs/decisions/0016-surrogate-keys.md):
 * the one place that names keys. A cache in front (Varnish xkey, Fastly,
 * Cloudflare) indexes every answer under the keys it carries; when content
 * changes, the purge side (src/purge/) names the keys whose content changed
 * and the cache drops exactly the answers that showed it.
 *
 * Keys come in three kinds:
 *   - an entity's own content, on every answer that shows it:
 *     `a:<slug>` an article (its page, and every card, feed item or notice
 *     showing it), `au:<slug>` an author, `s:<slug>` a source, `c:<slug>` a
 *     section's name and description, `pg:<slug>` a static page,
 *     `img:<hash>` an image file, `site` what every page shows (site.json,
 *     nav, the footer's page links);
 *   - what is in a list and in what order (every page of it):
 *     `home`, `aul:<slug>`, `sl:<slug>`, `tl:<slug>`, `cl:<slug>`,
 *     `corrections`, `r:<slug>` (an article's related stories),
 *     `sitemaps`, `search` and `missing` (404 answers: what may come into being);
 *   - broad keys that stand for every key of one prefix (`articles` for
 *     every `a:`…) when an answer's own list would not fit the header.
 * Slugs are already safe in a header (lowercase letters, digits, hyphens).
 */
import { createHash } from 'node:crypto';
import type { Article } from '../content/model';

/** A slug longer than this is hashed in its key: Fastly and Cloudflare refuse keys over 1024 bytes, and short keys keep headers small. */
const LONGEST_SLUG_IN_A_KEY = 100;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function scoped(prefix: string, slug: string): string {
  return `${prefix}:${slug.length > LONGEST_SLUG_IN_A_KEY ? `#${shortHash(slug)}` : slug}`;
}

/** The keys that stand alone. */
export const SITE_KEY = 'site';
export const HOME_KEY = 'home';
export const CORRECTIONS_KEY = 'corrections';
export const SEARCH_KEY = 'search';
export const MISSING_KEY = 'missing';
export const SITEMAPS_KEY = 'sitemaps';
/** Every feed and every image carries these, so an operator can purge all of one kind by hand; content changes never purge them. */
export const FEEDS_KEY = 'feeds';
export const IMAGES_KEY = 'images';

export const keyOf = {
  article: (slug: string) => scoped('a', slug),
  related: (slug: string) => scoped('r', slug),
  author: (slug: string) => scoped('au', slug),
  authorList: (slug: string) => scoped('aul', slug),
  source: (slug: string) => scoped('s', slug),
  sourceList: (slug: string) => scoped('sl', slug),
  tagList: (slug: string) => scoped('tl', slug),
  section: (slug: string) => scoped('c', slug),
  sectionList: (slug: string) => scoped('cl', slug),
  page: (slug: string) => scoped('pg', slug),
  /** An image file by its path in the data folder ("images/x.jpg"): the original and all its variants. Hashed, as paths may hold any character. */
  image: (path: string) => `img:${shortHash(path)}`,
};

/**
 * Each prefix's broad key: an answer whose keys do not fit the header carries
 * the broad key instead of that prefix's keys, and every purge of a key with
 * the prefix also purges the broad key (purgeKeysWithBroad). Images have none:
 * an image answer carries two keys.
 */
export const BROAD_KEYS: Readonly<Record<string, string>> = {
  a: 'articles',
  r: 'articles',
  au: 'authors',
  aul: 'authors',
  s: 'sources',
  sl: 'sources',
  tl: 'tags',
  c: 'sections',
  cl: 'sections',
  pg: 'pages',
};

/** The broad key that covers `key`, if any. */
export function broadKeyOf(key: string): string | undefined {
  const colon = key.indexOf(':');
  return colon === -1 ? undefined : BROAD_KEYS[key.slice(0, colon)];
}

/** Keys to purge: the given ones and, for each prefix among them, its broad key (answers that fell back carry only that). */
export function withBroadKeys(keys: Iterable<string>): string[] {
  const all = new Set(keys);
  for (const key of [...all]) {
    const broad = broadKeyOf(key);
    if (broad) all.add(broad);
  }
  return [...all];
}

/**
 * The keys of one answer, collected while its model is built. Insertion
 * order is kept (stable headers); `site` is always first.
 */
export class AnswerKeys {
  private readonly keys = new Set<string>();

  constructor(first: readonly string[] = [SITE_KEY]) {
    for (const key of first) this.keys.add(key);
  }

  add(...keys: string[]): this {
    for (const key of keys) this.keys.add(key);
    return this;
  }

  /** What a card shows: the article's own fields, its section's name and its authors' names. */
  card(article: Article): this {
    this.keys.add(keyOf.article(article.slug)).add(keyOf.section(article.section.slug));
    for (const author of article.authors) this.keys.add(keyOf.author(author.slug));
    return this;
  }

  cards(articles: readonly Article[]): this {
    for (const article of articles) this.card(article);
    return this;
  }

  /** What an article page shows of it beyond a card: its sources (name, kind, site) and its related stories' list. */
  article(article: Article): this {
    this.card(article);
    if (article.origin) this.keys.add(keyOf.source(article.origin.slug));
    for (const citation of article.citations) this.keys.add(keyOf.source(citation.source.slug));
    this.keys.add(keyOf.related(article.slug));
    return this;
  }

  list(): readonly string[] {
    return [...this.keys];
  }
}
