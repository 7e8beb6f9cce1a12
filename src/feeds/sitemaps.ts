/**
 * robots.txt, the sitemap index and the sitemaps it lists
 * (https://www.sitemaps.org/protocol.html), plus a Google News sitemap of the
 * last 48 hours. Only what readers can see is listed: the catalog holds no
 * drafts or embargoes, and an author, source, tag or section is listed only
 * while it has a visible article; static pages are listed when published. Pure functions: the clock for the news
 * sitemap is a parameter.
 */
import type { Catalog } from '../content/catalog';
import type { Article } from '../content/model';
import { lastModified } from '../content/last-modified';
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

function lastmodOf(article: Article): Date {
  return lastModified(article);
}

/** The newest change among a list of articles (lists are newest-published first, but updates can reorder). */
function newestChange(articles: readonly Article[]): Date | undefined {
  let newest: Date | undefined;
  for (const article of articles) {
    const date = lastmodOf(article);
    if (!newest || date > newest) newest = date;
  }
  return newest;
}

function listEntries(index: ReadonlyMap<string, readonly Article[]>, path: (slug: string) => string): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  for (const [slug, articles] of [...index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!articles.length) continue;
    const lastmod = newestChange(articles);
    entries.push({ path: path(slug), ...(lastmod && { lastmod }) });
  }
  return entries;
}

/** Every URL of one kind, in a stable order. Sections come after the front page. */
export function sitemapEntries(catalog: Catalog, kind: SitemapKind): SitemapEntry[] {
  switch (kind) {
    case 'articles':
      return catalog.articles.map((article) => ({
        path: urls.article(article.slug),
        lastmod: lastmodOf(article),
        ...(article.image && { image: absoluteUrl(catalog.site, article.image.asset.url) }),
      }));
    case 'authors':
      return listEntries(catalog.articlesByAuthor, urls.author);
    case 'sources':
      return listEntries(catalog.articlesBySource, urls.source);
    case 'tags':
      return listEntries(catalog.articlesByTag, urls.tag);
    case 'sections': {
      const home = newestChange(catalog.articles);
      const sections = [...catalog.sections.keys()]
        .filter((slug) => (catalog.articlesBySection.get(slug) ?? []).length > 0)
        .map((slug) => {
          const lastmod = newestChange(catalog.articlesBySection.get(slug) ?? []);
          return { path: urls.section(slug), ...(lastmod && { lastmod }) };
        });
      return [{ path: '/', ...(home && { lastmod: home }) }, ...sections];
    }
    case 'pages':
      // Published static pages by slug; lastmod only where the record says when it was updated.
      return [...catalog.pages.values()]
        .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
        .map((page) => ({ path: urls.page(page.slug), ...(page.updatedAt && { lastmod: page.updatedAt }) }));
  }
}

export function sitemapPageCount(catalog: Catalog, kind: SitemapKind, pageSize = SITEMAP_PAGE_SIZE): number {
  return Math.ceil(sitemapEntries(catalog, kind).length / pageSize);
}

export function sitemapPath(kind: SitemapKind, page: number): string {
  return `/sitemaps/${kind}-${page}.xml`;
}

export const NEWS_SITEMAP_PATH = '/sitemaps/news.xml';

/** The sitemap index: every non-empty page of every kind, then the news sitemap. */
export function sitemapIndex(catalog: Catalog, now: Date, pageSize = SITEMAP_PAGE_SIZE): string {
  const lines: string[] = [];
  const sitemap = (path: string, lastmod: Date | undefined) =>
    `<sitemap>${element('loc', absoluteUrl(catalog.site, path))}${lastmod ? element('lastmod', lastmod.toISOString()) : ''}</sitemap>`;
  for (const kind of SITEMAP_KINDS) {
    const entries = sitemapEntries(catalog, kind);
    for (let page = 1; (page - 1) * pageSize < entries.length; page++) {
      const slice = entries.slice((page - 1) * pageSize, page * pageSize);
      lines.push(sitemap(sitemapPath(kind, page), newest(slice.map((e) => e.lastmod))));
    }
  }
  const news = newsArticles(catalog, now);
  lines.push(sitemap(NEWS_SITEMAP_PATH, newestChange(news)));
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`, ...lines, '</sitemapindex>', ''].join('\n');
}

function newest(dates: (Date | undefined)[]): Date | undefined {
  return dates.reduce<Date | undefined>((max, d) => (d && (!max || d > max) ? d : max), undefined);
}

/** One page of one kind; undefined when that page does not exist (a 404). */
export function sitemapPage(catalog: Catalog, kind: SitemapKind, page: number, pageSize = SITEMAP_PAGE_SIZE): string | undefined {
  if (!Number.isInteger(page) || page < 1) return undefined;
  const entries = sitemapEntries(catalog, kind).slice((page - 1) * pageSize, page * pageSize);
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
