/**
 * A catalog's fingerprints: for every surrogate key (src/cache-keys/scheme.ts),
 * a hash of what answers carrying it show. Two catalogs' fingerprints compared
 * key by key say which keys' content changed (diff.ts). Made once per catalog
 * (a WeakMap), off the request path.
 *
 *   a:<slug>   the article's own fields as pages, cards and feeds print them,
 *              with its authors, sources, tags and section by slug (their own
 *              names have keys of their own), and whether each article its
 *              promos link to is visible (a promo is linked only then)
 *   au:, s:, c:, pg:, img:, site   the record's shown fields
 *   home, aul:, sl:, tl:, cl:, corrections   the list's slugs in order: an
 *              insertion shifts every later page, so one key covers all pages
 *   sitemaps   every sitemap entry (paths, dates, images)
 */
import { createHash } from 'node:crypto';
import { blockArticleLinks } from '../blocks/registry';
import { keyOf, CORRECTIONS_KEY, HOME_KEY, SITE_KEY, SITEMAPS_KEY } from '../cache-keys/scheme';
import type { Catalog } from '../content/catalog';
import { imageRegistry } from '../content/image-registry';
import type { Article, Block } from '../content/model';
import { SITEMAP_KINDS, sitemapEntries } from '../feeds/sitemaps';
import { correctionsOf } from '../pages/corrections';
import { SECTION_STRIP_SIZE } from '../pages/home';

export interface CatalogPrints {
  /** Key → fingerprint of what it shows. */
  readonly prints: ReadonlyMap<string, string>;
  /** List key → how many entries it has (a longer list has pages that were 404s). */
  readonly sizes: ReadonlyMap<string, number>;
  /** Tag, source, author and section list key → its first RELATED_WINDOW slugs: what related stories are chosen from. */
  readonly windows: ReadonlyMap<string, string>;
}

/** How many of the newest articles per list "related stories" weigh (src/pages/article.ts, RELATED_CANDIDATES_PER_KEY). */
export const RELATED_WINDOW = 50;

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function time(date: Date | undefined): number | null {
  return date ? date.getTime() : null;
}

/** Whether each article the blocks link to is visible, in block order. */
function linkVisibility(catalog: Catalog, body: readonly Block[]): boolean[] {
  const seen: boolean[] = [];
  for (const block of body) for (const slug of blockArticleLinks(block)) seen.push(catalog.articleBySlug.has(slug));
  return seen;
}

export function articlePrint(catalog: Catalog, article: Article): string {
  return hash(
    JSON.stringify([
      article.headline,
      article.standfirst,
      article.section.slug,
      article.section.name,
      article.tags.map((tag) => [tag.slug, tag.name]),
      article.authors.map((author) => author.slug),
      article.origin?.slug ?? null,
      article.citations.map((citation) => [citation.source.slug, citation.url ?? null]),
      article.publishedAt.getTime(),
      time(article.updatedAt),
      article.corrections ?? null,
      article.language ?? null,
      article.image ?? null,
      article.body,
      linkVisibility(catalog, article.body),
    ]),
  );
}

/** The catalog's author, source, tag and section lists, each with the key builder of its list key. */
export function listIndexes(catalog: Catalog): [ReadonlyMap<string, readonly Article[]>, (slug: string) => string][] {
  return [
    [catalog.articlesByAuthor, keyOf.authorList],
    [catalog.articlesBySource, keyOf.sourceList],
    [catalog.articlesByTag, keyOf.tagList],
    [catalog.articlesBySection, keyOf.sectionList],
  ];
}

function slugsOf(articles: readonly Article[], count = articles.length): string {
  let text = '';
  const end = Math.min(count, articles.length);
  for (let i = 0; i < end; i++) text += `${(articles[i] as Article).slug} `;
  return text;
}

const made = new WeakMap<Catalog, CatalogPrints>();

export function catalogPrints(catalog: Catalog): CatalogPrints {
  let prints = made.get(catalog);
  if (!prints) {
    prints = computePrints(catalog);
    made.set(catalog, prints);
  }
  return prints;
}

function computePrints(catalog: Catalog): CatalogPrints {
  const prints = new Map<string, string>();
  const sizes = new Map<string, number>();
  const windows = new Map<string, string>();

  // What every page shows: site.json, the footer's page links, the copyright year.
  prints.set(
    SITE_KEY,
    hash(JSON.stringify([catalog.site, catalog.navPages.map((page) => [page.slug, page.title]), catalog.builtAt.getUTCFullYear()])),
  );

  for (const article of catalog.articles) prints.set(keyOf.article(article.slug), articlePrint(catalog, article));
  for (const author of catalog.authors.values()) {
    prints.set(keyOf.author(author.slug), hash(JSON.stringify([author.name, author.role ?? null, author.bio ?? null, author.avatar ?? null, author.links])));
  }
  for (const source of catalog.sources.values()) {
    prints.set(keyOf.source(source.slug), hash(JSON.stringify([source.name, source.url ?? null, source.kind ?? null, source.description ?? null])));
  }
  for (const section of catalog.sections.values()) prints.set(keyOf.section(section.slug), hash(JSON.stringify([section.name, section.description ?? null])));
  for (const page of catalog.pages.values()) {
    prints.set(
      keyOf.page(page.slug),
      hash(JSON.stringify([page.title, page.description ?? null, page.body, time(page.updatedAt), page.language ?? null, page.nav, linkVisibility(catalog, page.body)])),
    );
  }
  for (const asset of imageRegistry(catalog.content).values()) prints.set(keyOf.image(asset.path), `${asset.hash} ${asset.width}x${asset.height}`);

  // Lists: their slugs in order. The front page also shows each section's newest few.
  let strips = '';
  for (const section of catalog.sections.values()) {
    const list = catalog.articlesBySection.get(section.slug);
    if (list?.length) strips += `${section.slug}: ${slugsOf(list, SECTION_STRIP_SIZE)}\n`;
  }
  prints.set(HOME_KEY, hash(`${slugsOf(catalog.articles)}\n${strips}`));
  sizes.set(HOME_KEY, catalog.articles.length);
  for (const [index, keyFor] of listIndexes(catalog)) {
    for (const [slug, articles] of index) {
      const key = keyFor(slug);
      prints.set(key, hash(slugsOf(articles)));
      sizes.set(key, articles.length);
      windows.set(key, slugsOf(articles, RELATED_WINDOW));
    }
  }
  const corrections = correctionsOf(catalog);
  prints.set(CORRECTIONS_KEY, hash(corrections.map(({ article, correction }) => `${article.slug} ${correction.at.getTime()}`).join('\n')));
  sizes.set(CORRECTIONS_KEY, corrections.length);

  // Sitemaps: every entry of every kind (the news sitemap follows the clock; diff.ts adds it).
  const sitemap = createHash('sha1');
  let entries = 0;
  for (const kind of SITEMAP_KINDS) {
    for (const entry of sitemapEntries(catalog, kind)) {
      sitemap.update(`${entry.path} ${time(entry.lastmod)} ${entry.image ?? ''}\n`);
      entries++;
    }
  }
  prints.set(SITEMAPS_KEY, sitemap.digest('base64'));
  sizes.set(SITEMAPS_KEY, entries);

  return { prints, sizes, windows };
}
