/**
 * Site paths as pages, feeds and sitemaps link to them. The one place that
 * spells a public URL: page models, feeds and sitemaps build links here and
 * the HTTP layer routes the same shapes (src/routes/table.ts).
 */

/** Anything that knows the site's public address (the resolved Site). */
export interface HasBaseUrl {
  baseUrl: string;
}

export const urls = {
  home: () => '/',
  article: (slug: string) => `/articles/${slug}`,
  author: (slug: string) => `/authors/${slug}`,
  source: (slug: string) => `/sources/${slug}`,
  tag: (slug: string) => `/tags/${slug}`,
  section: (slug: string) => `/sections/${slug}`,
  search: () => '/search',
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
  return { rss: `${base}/feed.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` };
}
