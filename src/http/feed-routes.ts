/**
 * Feeds, sitemaps and robots.txt. Each answer is a pure function of the
 * catalog (and, for the news sitemap, of the time of the request); the text is
 * kept per catalog so a feed is built once per content version.
 *
 *   /feed.xml /atom.xml /feed.json                    the whole site
 *   /{authors,sources,tags}/:slug/{feed.xml,atom.xml,feed.json}
 *   /robots.txt /sitemap.xml /sitemaps/<kind>-<n>.xml /sitemaps/news.xml
 *
 * The paths and cache policies are the route table's (src/routes/table.ts);
 * this module gives a handler for each of its feed and sitemap routes.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Catalog, CatalogStore } from '../content/catalog';
import { SLUG_PATTERN } from '../content/schema';
import { atomFeed } from '../feeds/atom';
import { feedModel, type FeedModel, type FeedScope } from '../feeds/feed-model';
import { jsonFeed } from '../feeds/json-feed';
import { rssFeed } from '../feeds/rss';
import { newsSitemap, robotsTxt, SITEMAP_KINDS, SITEMAP_PAGE_SIZE, sitemapIndex, sitemapPage, type SitemapKind } from '../feeds/sitemaps';
import { cacheControlOf, type FeedFile, type RouteName } from '../routes/table';
import { mountRoutes, type RouteHandlers } from './mount-routes';
import type { KeyHeaderWriter } from './key-header';
import { SITE_KEY, SITEMAPS_KEY } from '../cache-keys/scheme';

export interface FeedRouteDeps {
  store: CatalogStore;
  notFound: (req: Request, res: Response) => void;
  /** The time of the request, for the news sitemap's 48 hours. */
  clock?: () => Date;
  /** URLs per sitemap file (the protocol allows 50,000; tests use fewer). */
  sitemapPageSize?: number;
  /** Prints surrogate keys (CACHE_KEY_HEADER); none when absent. */
  writeKeys?: KeyHeaderWriter;
}

/**
 * Sitemaps list every article, author, source, tag, section and page with
 * dates: one key for them all, `sitemaps`, purged when any of what they list
 * changes (src/purge/fingerprints.ts). robots.txt only names the site's address.
 */
const SITEMAP_KEYS = [SITE_KEY, SITEMAPS_KEY] as const;
const ROBOTS_KEYS = [SITE_KEY] as const;

const FORMATS = {
  'feed.xml': { contentType: 'application/rss+xml; charset=utf-8', write: rssFeed },
  'atom.xml': { contentType: 'application/atom+xml; charset=utf-8', write: atomFeed },
  'feed.json': { contentType: 'application/feed+json; charset=utf-8', write: jsonFeed },
} as const satisfies Record<FeedFile, { contentType: string; write: (feed: FeedModel) => string }>;

/** The table's routes this module answers. */
const FEED_ROUTE_NAMES = ['feed', 'author-feed', 'source-feed', 'tag-feed', 'robots', 'sitemap', 'news-sitemap', 'sitemap-page'] as const satisfies readonly RouteName[];
export type FeedRouteName = (typeof FEED_ROUTE_NAMES)[number];

const XML_TYPE = 'application/xml; charset=utf-8';
const SITEMAP_FILE = new RegExp(`^(${SITEMAP_KINDS.join('|')})-([1-9][0-9]{0,6})\\.xml$`);

/** A handler for each feed and sitemap route of the table. */
export function feedRouteHandlers(deps: FeedRouteDeps): RouteHandlers<FeedRouteName> {
  const { store, notFound } = deps;
  const writeKeys: KeyHeaderWriter = deps.writeKeys ?? (() => {});
  const clock = deps.clock ?? (() => new Date());
  const pageSize = deps.sitemapPageSize ?? SITEMAP_PAGE_SIZE;
  /** Each route's Cache-Control, as the table's policy for it says. */
  const cacheControl = Object.fromEntries(FEED_ROUTE_NAMES.map((name) => [name, cacheControlOf(name) as string])) as Record<FeedRouteName, string>;

  // Built text per catalog: a new catalog (reload, embargo lifting) starts empty; old ones are collected.
  // Only answers that exist are kept: a crawler asking for endless unknown slugs or sitemap pages
  // must not grow this map.
  const built = new WeakMap<Catalog, Map<string, unknown>>();
  const memo = <T>(catalog: Catalog, key: string, build: () => T | undefined): T | undefined => {
    let texts = built.get(catalog);
    if (!texts) built.set(catalog, (texts = new Map()));
    const kept = texts.get(key) as T | undefined;
    if (kept !== undefined) return kept;
    const text = build();
    if (text !== undefined) texts.set(key, text);
    return text;
  };

  const reply = (res: Response, name: FeedRouteName, contentType: string, body: string, keys: readonly string[]) => {
    res.status(200).set({ 'Cache-Control': cacheControl[name], 'Content-Type': contentType });
    writeKeys(res, keys);
    res.send(body);
  };

  const serveFeed = (req: Request, res: Response, name: FeedRouteName, scope: FeedScope) => {
    const catalog = store.current();
    const file = req.params.file as FeedFile; // one of FORMATS' names: the table's oneOf for :file
    const format = FORMATS[file];
    const key = scope.kind === 'site' ? file : `${scope.kind}/${scope.slug}/${file}`;
    const built = memo(catalog, key, () => {
      const feed = feedModel(catalog, scope);
      return feed && { body: format.write(feed), keys: feed.keys };
    });
    if (built === undefined) return notFound(req, res);
    reply(res, name, format.contentType, built.body, built.keys);
  };
  const scopedFeed =
    (name: FeedRouteName, kind: 'author' | 'source' | 'tag'): RequestHandler =>
    (req, res) => {
      const slug = req.params.slug;
      if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug)) return notFound(req, res);
      serveFeed(req, res, name, { kind, slug });
    };

  return {
    feed: (req, res) => serveFeed(req, res, 'feed', { kind: 'site' }),
    'author-feed': scopedFeed('author-feed', 'author'),
    'source-feed': scopedFeed('source-feed', 'source'),
    'tag-feed': scopedFeed('tag-feed', 'tag'),
    robots: (_req, res) => {
      const catalog = store.current();
      reply(res, 'robots', 'text/plain; charset=utf-8', memo(catalog, 'robots.txt', () => robotsTxt(catalog)) as string, ROBOTS_KEYS);
    },
    // The index and the news sitemap name the last 48 hours, so they follow the clock, not only the catalog.
    sitemap: (_req, res) => reply(res, 'sitemap', XML_TYPE, sitemapIndex(store.current(), clock(), pageSize), SITEMAP_KEYS),
    'news-sitemap': (_req, res) => reply(res, 'news-sitemap', XML_TYPE, newsSitemap(store.current(), clock()), SITEMAP_KEYS),
    'sitemap-page': (req, res) => {
      const match = SITEMAP_FILE.exec(req.params.file as string);
      if (!match) return notFound(req, res);
      const kind = match[1] as SitemapKind;
      const page = Number(match[2]);
      const catalog = store.current();
      const body = memo(catalog, `sitemap/${kind}-${page}`, () => sitemapPage(catalog, kind, page, pageSize));
      if (body === undefined) return notFound(req, res);
      reply(res, 'sitemap-page', XML_TYPE, body, SITEMAP_KEYS);
    },
  };
}

/** The feed and sitemap routes alone on a strict Router (tests mount them in front of an app with another clock). */
export function feedRoutes(deps: FeedRouteDeps): express.Router {
  const router = express.Router({ strict: true });
  mountRoutes(router, feedRouteHandlers(deps));
  return router;
}
