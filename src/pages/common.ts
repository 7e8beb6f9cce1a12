/**
 * What every page model shares: the layout (site name, nav, <head> basics),
 * dates as a reader sees them, article cards for lists, and paging rules.
 * Pure functions of the catalog; nothing here touches a request.
 */
import type { Catalog } from '../content/catalog';
import type { Article, ImageAsset, Site } from '../content/model';
import { fallbackWidth, srcset, variantUrl } from '../images/variants';
import { directionOf, type Direction } from './direction';
import { absoluteUrl, pageUrl, urls } from '../routes/urls';
import { joinNames } from '../text/names';
import { plainInline } from '../text/inline';
import { layoutFeedLinks, type FeedLink } from './feed-links';

/** URLs of fingerprinted static files, from the asset manifest. */
export interface AssetUrls {
  stylesheet: string;
  favicon: string;
}

export interface PageContext {
  catalog: Catalog;
  assets: AssetUrls;
}

export interface NavItem {
  label: string;
  url: string;
  current: boolean;
}

/** A <meta> tag in <head>: `name` (description, twitter:*) or `property` (og:*, article:*). */
export interface MetaTag {
  name?: string;
  property?: string;
  content: string;
}

export interface LayoutModel {
  lang: string;
  /** The full <title>: "Page – Site". */
  title: string;
  description: string;
  canonicalUrl: string;
  robots: string;
  siteName: string;
  siteDescription: string;
  logo?: ImageModel;
  nav: NavItem[];
  stylesheetUrl: string;
  faviconUrl: string;
  prevUrl?: string;
  nextUrl?: string;
  year: number;
  /** Extra <meta> tags (Open Graph, Twitter, article:*), printed in order. */
  meta: MetaTag[];
  /** JSON-LD blocks, already serialised and escaped so no text can close the <script>. */
  jsonLd: string[];
  feeds: FeedLink[];
  /** The search box's current text (empty except on the search page). */
  searchQuery: string;
}

export interface DateModel {
  iso: string;
  label: string;
}

export interface ImageModel {
  /** The JPEG a browser without srcset support loads (a variant, not the original). */
  url: string;
  width: number;
  height: number;
  alt: string;
  /** srcset values per format, for <picture>; the template adds `sizes`, which depends on the layout. */
  srcset: { avif: string; webp: string; jpeg: string };
}

export interface ArticleCard {
  url: string;
  headline: string;
  standfirst: string;
  section: { name: string; url: string };
  published: DateModel;
  bylines: string;
  image?: ImageModel;
  lang?: string;
  dir?: Direction;
}

export interface Pagination {
  page: number;
  pageCount: number;
  prevUrl?: string;
  nextUrl?: string;
}

export type PageResult<M> =
  | { kind: 'page'; status: number; view: string; model: M }
  | { kind: 'redirect'; status: 301 | 302 | 308; location: string }
  | { kind: 'not-found' };

export const PAGE_SIZE = 10;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date as the site's readers expect it ("29 September 2022"), with its ISO form for <time>. */
export function formatDate(site: Site, date: Date): DateModel {
  const key = `${site.locale}|${site.timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(site.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: site.timeZone });
    dateFormats.set(key, format);
  }
  return { iso: date.toISOString(), label: format.format(date) };
}

/** An image as <picture> prints it: AVIF, WebP and JPEG variants; width/height keep its box reserved while it loads. */
export function imageModel(asset: ImageAsset, alt: string): ImageModel {
  return {
    url: variantUrl(asset.hash, { kind: 'resize', width: fallbackWidth(asset.width), format: 'jpg' }),
    width: asset.width,
    height: asset.height,
    alt,
    srcset: { avif: srcset(asset.hash, asset.width, 'avif'), webp: srcset(asset.hash, asset.width, 'webp'), jpeg: srcset(asset.hash, asset.width, 'jpg') },
  };
}

/** lang and dir for content in another language than the site's; empty when it is the site's own. */
export function languageOf(site: Site, language: string | undefined): { lang?: string; dir?: Direction } {
  if (!language || language === site.language) return {};
  return { lang: language, dir: directionOf(language) };
}

export function articleCard(site: Site, article: Article): ArticleCard {
  return {
    url: urls.article(article.slug),
    headline: article.headline,
    standfirst: plainInline(article.standfirst),
    section: { name: article.section.name, url: urls.section(article.section.slug) },
    published: formatDate(site, article.publishedAt),
    bylines: joinNames(article.authors.map((a) => a.name)),
    ...(article.image && { image: imageModel(article.image.asset, article.image.alt) }),
    ...languageOf(site, article.language),
  };
}

/**
 * Parses the page number of a paged list. undefined means "no such page"
 * (not a positive whole number); page 1 written out is redirected to the root
 * by the caller so each list has one canonical first page.
 */
function parsePageNumber(raw: unknown): number | undefined {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,6}$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * Where page `page` of `itemCount` items stands: its count and prev/next links (made by urlFor);
 * undefined when the page is past the end (a 404). Page 1 of nothing exists.
 */
export function paginationFor(page: number, itemCount: number, urlFor: (page: number) => string, size = PAGE_SIZE): Pagination | undefined {
  const pageCount = Math.max(1, Math.ceil(itemCount / size));
  if (page > pageCount) return undefined;
  return {
    page,
    pageCount,
    ...(page > 1 && { prevUrl: urlFor(page - 1) }),
    ...(page < pageCount && { nextUrl: urlFor(page + 1) }),
  };
}

/** Slices one page of a list; undefined when the page is past the end (a 404). Page 1 of an empty list exists. */
function paginate<T>(items: readonly T[], page: number, basePath: string, size = PAGE_SIZE): { items: T[]; pagination: Pagination } | undefined {
  const pagination = paginationFor(page, items.length, (p) => pageUrl(basePath, p), size);
  return pagination && { items: items.slice((page - 1) * size, page * size), pagination };
}

export function layoutModel(
  ctx: PageContext,
  page: { title?: string; description: string; path: string; currentNav?: string; pagination?: Pagination },
): LayoutModel {
  const site = ctx.catalog.site;
  const paged = page.pagination && page.pagination.page > 1 ? ` (page ${page.pagination.page})` : '';
  const toAbsolute = (url: string | undefined) => (url ? absoluteUrl(site, url) : undefined);
  const prevUrl = toAbsolute(page.pagination?.prevUrl);
  const nextUrl = toAbsolute(page.pagination?.nextUrl);
  return {
    lang: site.language,
    title: page.title ? `${page.title}${paged} – ${site.name}` : `${site.name}${paged}`,
    description: page.description,
    canonicalUrl: absoluteUrl(site, page.pagination ? pageUrl(page.path, page.pagination.page) : page.path),
    robots: 'index, follow, max-image-preview:large',
    siteName: site.name,
    siteDescription: site.description,
    // The logo's fallback is the original (a PNG keeps its transparency; a JPEG variant would not).
    ...(site.logo && { logo: { ...imageModel(site.logo, ''), url: site.logo.url } }),
    nav: site.nav.map((item) => ({ label: item.label, url: item.url, current: item.url === page.currentNav })),
    stylesheetUrl: ctx.assets.stylesheet,
    faviconUrl: ctx.assets.favicon,
    ...(prevUrl && { prevUrl }),
    ...(nextUrl && { nextUrl }),
    year: ctx.catalog.builtAt.getUTCFullYear(),
    meta: [],
    jsonLd: [],
    feeds: layoutFeedLinks(ctx.catalog, page.path),
    searchQuery: '',
  };
}

/** The shared paging rules for a request: a bad page number is a 404, "?page=1" redirects to the list root; else the page number. */
export function requestedPage(rawPage: unknown, basePath: string): number | PageResult<never> {
  const page = parsePageNumber(rawPage);
  if (page === undefined) return { kind: 'not-found' };
  if (rawPage === '1') return { kind: 'redirect', status: 301, location: basePath };
  return page;
}

/** Handles the shared paging rules (requestedPage) and slices the list. */
export function withPaging<T, M>(
  rawPage: unknown,
  basePath: string,
  items: readonly T[],
  build: (slice: { items: T[]; pagination: Pagination }) => PageResult<M>,
  size = PAGE_SIZE,
): PageResult<M> {
  const page = requestedPage(rawPage, basePath);
  if (typeof page !== 'number') return page;
  const slice = paginate(items, page, basePath, size);
  return slice ? build(slice) : { kind: 'not-found' };
}
