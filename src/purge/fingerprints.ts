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
 *   sitemaps   every sitemap entry: each article's slug, last change and image,
 *              each list's print (a list's date is its newest member's), each page
 */
import { createHash } from 'node:crypto';
import { backgroundSlices } from '../background';
import { blockArticleLinks } from '../blocks/registry';
import { keyOf, CORRECTIONS_KEY, HOME_KEY, REDIRECTS_KEY, SITE_KEY, SITEMAPS_KEY } from '../cache-keys/scheme';
import type { Catalog } from '../content/catalog';
import { imageRegistry } from '../content/image-registry';
import type { StoredBody } from '../content/bodies';
import type { Article, Block } from '../content/model';
import { lastModified } from '../content/last-modified';
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

/** The same for an article's stored body, from the links noted when it was stored (it is not read). */
function storedLinkVisibility(catalog: Catalog, body: StoredBody): boolean[] {
  return (body.links ?? []).map((slug) => catalog.articleBySlug.has(slug));
}

/**
 * An article's own fields, made once per Article object: a catalog rebuilt for
 * an embargo lifting holds the same objects, so only a reload prints them again.
 */
const ownPrints = new WeakMap<Article, string>();

function ownPrint(catalog: Catalog, article: Article): string {
  let print = ownPrints.get(article);
  if (print === undefined) {
    print = hash(
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
        // The body by its hash, and the images it shows by theirs (an image file can change under the same path).
        article.body.hash,
        (article.body.images ?? []).map((src) => {
          const asset = catalog.content.bodies.asset(src);
          return asset ? [asset.hash, asset.width, asset.height] : null;
        }),
      ]),
    );
    ownPrints.set(article, print);
  }
  return print;
}

export function articlePrint(catalog: Catalog, article: Article): string {
  const own = ownPrint(catalog, article);
  const links = storedLinkVisibility(catalog, article.body);
  return links.length === 0 ? own : hash(`${own} ${links.join()}`);
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

const made = new WeakMap<Catalog, Promise<CatalogPrints>>();

/** The catalog's fingerprints, made once (in slices that give way to requests: background.ts) and shared by every diff that needs them. */
export function catalogPrints(catalog: Catalog): Promise<CatalogPrints> {
  let prints = made.get(catalog);
  if (!prints) {
    prints = computePrints(catalog);
    made.set(catalog, prints);
  }
  return prints;
}

async function computePrints(catalog: Catalog): Promise<CatalogPrints> {
  const pause = backgroundSlices();
  const prints = new Map<string, string>();
  const sizes = new Map<string, number>();
  const windows = new Map<string, string>();

  // What every page shows: site.json, the footer's page links, the copyright year.
  prints.set(
    SITE_KEY,
    hash(JSON.stringify([catalog.site, catalog.navPages.map((page) => [page.slug, page.title]), catalog.builtAt.getUTCFullYear()])),
  );

  // The redirects that answer now (one waiting for an embargoed article answers once it is visible).
  // A new one may replace a 404, which `missing` covers: a redirect coming into being is something coming into being.
  prints.set(REDIRECTS_KEY, hash(JSON.stringify(catalog.redirects.entries.map((r) => [r.from, r.to ?? null, r.status]))));

  // Sitemaps list every article with its last change and image, and every list with its newest change:
  // the articles' entries here and the lists' own prints below determine them all.
  const sitemap = createHash('sha1');
  for (const article of catalog.articles) {
    prints.set(keyOf.article(article.slug), articlePrint(catalog, article));
    sitemap.update(`${article.slug} ${lastModified(article).getTime()} ${article.image?.asset.url ?? ''}\n`);
    const paused = pause();
    if (paused) await paused;
  }
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
      const print = hash(slugsOf(articles));
      prints.set(key, print);
      sitemap.update(`${key} ${print}\n`);
      sizes.set(key, articles.length);
      windows.set(key, slugsOf(articles, RELATED_WINDOW));
      const paused = pause();
      if (paused) await paused;
    }
  }
  const corrections = catalog.corrections;
  prints.set(CORRECTIONS_KEY, hash(corrections.map(({ article, correction }) => `${article.slug} ${correction.at.getTime()}`).join('\n')));
  sizes.set(CORRECTIONS_KEY, corrections.length);

  for (const page of catalog.pages.values()) sitemap.update(`${page.slug} ${time(page.updatedAt)}\n`);
  prints.set(SITEMAPS_KEY, sitemap.digest('base64'));
  // Entries in all: a sitemap that grew a page (50,000 entries each) had a 404 there.
  sizes.set(SITEMAPS_KEY, catalog.articles.length + windows.size + catalog.pages.size);

  return { prints, sizes, windows };
}
