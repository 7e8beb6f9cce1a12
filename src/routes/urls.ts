/**
 * Site paths as pages, feeds and sitemaps link to them. The builders come
 * from the route table (src/routes/table.ts), which the HTTP layer routes
 * too, so a link and the route that answers it cannot drift apart.
 */
import { build, FEED_FILES } from './table';

/** Anything that knows the site's public address (the resolved Site). */
export interface HasBaseUrl {
  baseUrl: string;
}

export const urls: {
  home: () => string;
  article: (slug: string) => string;
  author: (slug: string) => string;
  source: (slug: string) => string;
  tag: (slug: string) => string;
  section: (slug: string) => string;
  search: () => string;
  /** Every correction on the site, newest first. */
  corrections: () => string;
  /** A static page (data/pages/<slug>.json). */
  page: (slug: string) => string;
} = {
  home: build.home,
  article: build.article,
  author: build.author,
  source: build.source,
  tag: build.tag,
  section: build.section,
  search: build.search,
  corrections: build.corrections,
  page: build.page,
};

/** A site path as an absolute URL, for canonical links, feeds and sitemaps. */
export function absoluteUrl(site: HasBaseUrl, pathname: string): string {
  return site.baseUrl + pathname;
}

/** Page `page` of a paged list at basePath: the list itself for page 1, else "?page=N". */
export function pageUrl(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

export interface FeedAddresses {
  rss: string;
  atom: string;
  json: string;
}

/** Site-relative paths of a page's feeds: "/feed.xml" for the site, "/authors/x/feed.xml" for an author. */
export function feedPaths(pagePath: string): FeedAddresses {
  const base = pagePath === '/' ? '' : pagePath;
  return { rss: `${base}/${FEED_FILES.rss}`, atom: `${base}/${FEED_FILES.atom}`, json: `${base}/${FEED_FILES.json}` };
}
