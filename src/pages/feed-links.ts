/**
 * Where a page's feeds live and how its <head> names them (<link rel="alternate">).
 * Every page names the site's RSS and Atom feeds; author, source and tag pages
 * add their own. Decided from the page's path, so the page-model functions
 * need not know about feeds. The feeds' own addresses come from src/routes/urls.ts.
 */
import type { Catalog } from '../content/catalog';
import type { Site } from '../content/model';
import { absoluteUrl, feedPaths } from '../routes/urls';

/** A <link rel="alternate"> to a feed, for feed readers to discover. */
export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  title: string;
  url: string;
}

function linksFor(site: Site, pagePath: string, title: string): FeedLink[] {
  const paths = feedPaths(pagePath);
  return [
    { type: 'application/rss+xml', title: `${title} (RSS)`, url: absoluteUrl(site, paths.rss) },
    { type: 'application/atom+xml', title: `${title} (Atom)`, url: absoluteUrl(site, paths.atom) },
  ];
}

function siteFeedLinks(site: Site): FeedLink[] {
  return linksFor(site, '/', site.name);
}

const OWN_FEEDS = /^\/(authors|sources|tags)\/([a-z0-9-]+)$/;

/** The name of the author, source or tag a page path belongs to, when that page has feeds of its own. */
function ownerName(catalog: Catalog, pagePath: string): string | undefined {
  const match = OWN_FEEDS.exec(pagePath);
  if (!match) return undefined;
  const slug = match[2] as string;
  switch (match[1]) {
    case 'authors':
      return catalog.authors.get(slug)?.name;
    case 'sources':
      return catalog.sources.get(slug)?.name;
    default:
      return catalog.tags.get(slug)?.name;
  }
}

/** The site's feeds, then the page's own ("Ada Lane – Test Gazette (RSS)") on author, source and tag pages. */
export function layoutFeedLinks(catalog: Catalog, pagePath: string): FeedLink[] {
  const { site } = catalog;
  const name = ownerName(catalog, pagePath);
  return name ? [...siteFeedLinks(site), ...linksFor(site, pagePath, `${name} – ${site.name}`)] : siteFeedLinks(site);
}
