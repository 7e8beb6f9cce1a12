/**
 * robots.txt, the sitemap index and the sitemaps it lists
 * (https://www.sitemaps.org/protocol.html), plus a Google News sitemap of the
 * last 48 hours. Only what readers can see is listed: the catalog holds no
 * drafts or embargoes, and an author, source, tag or section is listed only
 * while it has a visible article; static pages are listed when published. Pure functions: the clock for the news
 * sitemap is a parameter. A page costs its own entries, not the site: article
 * pages are slices of the catalog's newest-first list, the other kinds and the
 * index's lines are made once per catalog, and list dates come from
 * content/list-dates.ts, which an embargo lifting carries forward.
 */
import type { Catalog } from '../content/catalog';
import type { Article } from '../content/model';
import { lastModified } from '../content/last-modified';
import { changeTimes, newestChange } from '../content/list-dates';
import { build } from '../routes/table';
import { absoluteUrl, urls } from '../routes/urls';
import { element, XML_DECLARATION } from './xml';

/** The protocol's limit of URLs per sitemap file. */
export const SITEMAP_PAGE_SIZE = 50_000;
/** Google News reads articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_LIMIT = 1000;

export const SITEMAP_KINDS = ['articles', 'authors', 'sources', 'tags', 'sections', 'pages'] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

export interface SitemapEntry {
  /** Site-relative path. */
  path: string;
  lastmod?: Date;
  /** Absolute URL of the main image, for image:image. */
  image?: string;
}

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export function robotsTxt(catalog: Catalog): string {
  // Previews are noindex and answer 404 without a valid signature; crawlers need not ask at all.
  return ['User-agent: *', 'Allow: /', 'Disallow: /search', `Disallow: ${build.preview('')}`, '', `Sitemap: ${absoluteUrl(catalog.site, '/sitemap.xml')}`, ''].join('\n');
}

function articleEntry(catalog: Catalog, article: Article): SitemapEntry {
  return { path: urls.article(article.slug), lastmod: lastModified(article), ...(article.image && { image: absoluteUrl(catalog.site, article.image.asset.url) }) };
}

function listEntries(index: ReadonlyMap<string, readonly Article[]>, path: (slug: string) => string): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  for (const slug of [...index.keys()].sort()) {
    const articles = index.get(slug) as readonly Article[];
    if (!articles.length) continue;
    const lastmod = newestChange(articles);
    entries.push({ path: path(slug), ...(lastmod && { lastmod }) });
  }
  return entries;
}

/** The kinds with an entry per list or page rather than per article: a few thousand entries, made once per catalog. */
type ListedKind = Exclude<SitemapKind, 'articles'>;

function listedEntriesOf(catalog: Catalog, kind: ListedKind): SitemapEntry[] {
  switch (kind) {
    case 'authors':
      return listEntries(catalog.articlesByAuthor, urls.author);
    case 'sources':
      return listEntries(catalog.articlesBySource, urls.source);
    case 'tags':
      return listEntries(catalog.articlesByTag, urls.tag);
    case 'sections': {
      // Sections come after the front page, whose date is the newest change of all.
      const home = newestChange(catalog.articles);
      const sections: SitemapEntry[] = [];
      for (const slug of catalog.sections.keys()) {
        const list = catalog.articlesBySection.get(slug);
        if (!list?.length) continue;
        const lastmod = newestChange(list);
        sections.push({ path: urls.section(slug), ...(lastmod && { lastmod }) });
      }
      return [{ path: '/', ...(home && { lastmod: home }) }, ...sections];
    }
    case 'pages':
      // Published static pages by slug; lastmod only where the record says when it was updated.
      return [...catalog.pages.values()]
        .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
        .map((page) => ({ path: urls.page(page.slug), ...(page.updatedAt && { lastmod: page.updatedAt }) }));
  }
}

const listed = new WeakMap<Catalog, Map<ListedKind, readonly SitemapEntry[]>>();

function listedEntries(catalog: Catalog, kind: ListedKind): readonly SitemapEntry[] {
  let kinds = listed.get(catalog);
  if (!kinds) listed.set(catalog, (kinds = new Map()));
  let entries = kinds.get(kind);
  if (!entries) kinds.set(kind, (entries = listedEntriesOf(catalog, kind)));
  return entries;
}

/** How many URLs one kind lists. */
export function sitemapEntryCount(catalog: Catalog, kind: SitemapKind): number {
  return kind === 'articles' ? catalog.articles.length : listedEntries(catalog, kind).length;
}

/**
 * The URLs of one page of one kind, in a stable order (articles newest first,
 * lists by slug, sections after the front page); empty past the last page.
 * Costs the page, not the site: articles are a slice of the catalog's list.
 */
export function sitemapPageEntries(catalog: Catalog, kind: SitemapKind, page: number, pageSize = SITEMAP_PAGE_SIZE): SitemapEntry[] {
  const from = (page - 1) * pageSize;
  if (kind === 'articles') return catalog.articles.slice(from, from + pageSize).map((article) => articleEntry(catalog, article));
  return listedEntries(catalog, kind).slice(from, from + pageSize);
}

export function sitemapPageCount(catalog: Catalog, kind: SitemapKind, pageSize = SITEMAP_PAGE_SIZE): number {
  return Math.ceil(sitemapEntryCount(catalog, kind) / pageSize);
}

export function sitemapPath(kind: SitemapKind, page: number): string {
  return `/sitemaps/${kind}-${page}.xml`;
}

export const NEWS_SITEMAP_PATH = '/sitemaps/news.xml';

function sitemapLine(catalog: Catalog, path: string, lastmod: Date | undefined): string {
  return `<sitemap>${element('loc', absoluteUrl(catalog.site, path))}${lastmod ? element('lastmod', lastmod.toISOString()) : ''}</sitemap>`;
}

/** The newest lastModified among articles [from, to) of the catalog's list, from their change times (list-dates.ts). */
function newestOfRange(articles: readonly Article[], from: number, to: number): Date | undefined {
  const times = changeTimes(articles);
  let newest = -Infinity;
  for (let i = from; i < to; i++) if ((times[i] as number) > newest) newest = times[i] as number;
  return to > from ? new Date(newest) : undefined;
}

/**
 * The index's line for every page of every kind, made once per catalog (and
 * page size). The dates of the article pages read one number per visible
 * article from an array an embargo lifting carries forward: a pass over
 * contiguous memory once per catalog version, never a walk over the articles.
 */
const indexLines = new WeakMap<Catalog, Map<number, readonly string[]>>();

function pageLines(catalog: Catalog, pageSize: number): readonly string[] {
  let bySize = indexLines.get(catalog);
  if (!bySize) indexLines.set(catalog, (bySize = new Map()));
  let lines = bySize.get(pageSize);
  if (lines) return lines;
  const made: string[] = [];
  for (const kind of SITEMAP_KINDS) {
    const count = sitemapEntryCount(catalog, kind);
    for (let page = 1; (page - 1) * pageSize < count; page++) {
      const from = (page - 1) * pageSize;
      const to = Math.min(count, page * pageSize);
      const lastmod = kind === 'articles' ? newestOfRange(catalog.articles, from, to) : newest(listedEntries(catalog, kind).slice(from, to).map((e) => e.lastmod));
      made.push(sitemapLine(catalog, sitemapPath(kind, page), lastmod));
    }
  }
  bySize.set(pageSize, (lines = made));
  return lines;
}

/** The sitemap index: every non-empty page of every kind, then the news sitemap. */
export function sitemapIndex(catalog: Catalog, now: Date, pageSize = SITEMAP_PAGE_SIZE): string {
  const news = newsArticles(catalog, now);
  const lines = [...pageLines(catalog, pageSize), sitemapLine(catalog, NEWS_SITEMAP_PATH, newest(news.map(lastModified)))];
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`, ...lines, '</sitemapindex>', ''].join('\n');
}

function newest(dates: (Date | undefined)[]): Date | undefined {
  return dates.reduce<Date | undefined>((max, d) => (d && (!max || d > max) ? d : max), undefined);
}

/** One page of one kind; undefined when that page does not exist (a 404). */
export function sitemapPage(catalog: Catalog, kind: SitemapKind, page: number, pageSize = SITEMAP_PAGE_SIZE): string | undefined {
  if (!Number.isInteger(page) || page < 1) return undefined;
  const entries = sitemapPageEntries(catalog, kind, page, pageSize);
  if (!entries.length) return undefined;
  const withImages = entries.some((e) => e.image);
  const lines = entries.map(
    (e) =>
      `<url>${element('loc', absoluteUrl(catalog.site, e.path))}${e.lastmod ? element('lastmod', e.lastmod.toISOString()) : ''}${
        e.image ? `<image:image>${element('image:loc', e.image)}</image:image>` : ''
      }</url>`,
  );
  const ns = withImages ? ` xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"` : '';
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}"${ns}>`, ...lines, '</urlset>', ''].join('\n');
}

/** Visible articles published in the 48 hours up to `now`, newest first, at most NEWS_LIMIT. */
export function newsArticles(catalog: Catalog, now: Date): Article[] {
  const nowMs = now.getTime();
  const since = nowMs - NEWS_WINDOW_MS;
  const picked: Article[] = [];
  for (const article of catalog.articles) {
    const at = article.publishedAt.getTime();
    if (at < since) break; // newest first: everything after this is older
    if (at <= nowMs) picked.push(article);
    if (picked.length === NEWS_LIMIT) break;
  }
  return picked;
}

/** The Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). */
export function newsSitemap(catalog: Catalog, now: Date): string {
  const { site } = catalog;
  const lines = newsArticles(catalog, now).map((article) =>
    [
      '<url>',
      element('loc', absoluteUrl(site, urls.article(article.slug))),
      '<news:news>',
      `<news:publication>${element('news:name', site.name)}${element('news:language', article.language ?? site.language)}</news:publication>`,
      element('news:publication_date', article.publishedAt.toISOString()),
      element('news:title', article.headline),
      '</news:news>',
      '</url>',
    ].join(''),
  );
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`, ...lines, '</urlset>', ''].join('\n');
}
