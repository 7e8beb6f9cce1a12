/**
 * The Express application: routes map URLs to page-model functions, views
 * turn models into HTML, and this file sets status, headers and caching.
 * Which URLs exist is the route table's business (src/routes/table.ts): this
 * file gives a handler per route name and mount-routes.ts mounts them.
 * It never builds content itself; it asks the CatalogStore for the catalog
 * of the moment on every request.
 */
import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import path from 'node:path';
import type { CatalogStore } from '../content/catalog';
import { SLUG_PATTERN } from '../content/schema';
import type { Logger } from '../log';
import { articlePage } from '../pages/article';
import { authorPage } from '../pages/author';
import type { PageContext, PageResult } from '../pages/context';
import { notFoundModel, serverErrorModel } from '../pages/errors';
import { homePage, homePageAlias } from '../pages/home';
import { searchPage } from '../pages/search';
import { correctionsPage } from '../pages/corrections';
import { sourcePage } from '../pages/source';
import { staticPage } from '../pages/static-page';
import { sectionPage, tagPage } from '../pages/topic';
import { STATIC_DIR } from '../paths';
import { AssetManifest } from './assets';
import { HTML_CACHE_CONTROL, NO_STORE } from '../routes/cache-policy';
import { cacheControlOf, type RouteName } from '../routes/table';
import { chooseEncoding } from './encoding';
import { makeCachedPage, type PageCache } from './page-cache';
import { sendCachedPage } from './send-cached';
import { feedRouteHandlers } from './feed-routes';
import { defaultImageCacheDir } from '../config';
import { VariantStore } from '../images/generate';
import { imageRouteHandlers } from './image-routes';
import { mountRoutes, type RouteHandlers } from './mount-routes';
import { Views } from './views';
import { keyHeaderWriter, type KeyHeaderWriter } from './key-header';
import { IMAGES_KEY, keyOf, MISSING_KEY, SITE_KEY } from '../cache-keys/scheme';
import type { CacheKeyHeaderName } from '../config';

/** What a 503 page tells clients to wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

export interface AppOptions {
  store: CatalogStore;
  dataDir: string;
  logger: Logger;
  hsts?: boolean;
  views?: Views;
  assets?: AssetManifest;
  /** Rendered pages kept as bytes; without one every request renders (the front layer serves the hits). */
  pageCache?: PageCache;
  /** Cache-Control of HTML pages (HTML_CACHE_CONTROL unless configured). */
  htmlCacheControl?: string;
  /** Where responsive image variants are kept (IMAGE_CACHE_DIR, else a folder under the OS temp folder). */
  imageCacheDir?: string;
  /** What /readyz reports (LiveContent.status in the server): 503 while `ready` is false. */
  readiness?: () => { ready: boolean };
  /** The header surrogate keys are printed in (CACHE_KEY_HEADER; xkey unless configured). */
  cacheKeyHeader?: CacheKeyHeaderName;
  /** Overrides the header's byte budget (tests of the fallback to broad keys). */
  cacheKeyMaxBytes?: number;
}

/**
 * A 404 is kept a minute by any cache. It carries `missing`, which the purge
 * side sends whenever something comes into being (an article published, an
 * embargo lifting, a new page, author or list page), so a story's address that
 * was a 404 a second ago is not served as one for the rest of that minute.
 */
const NOT_FOUND_KEYS = [SITE_KEY, MISSING_KEY] as const;


function slugParam(req: Request): string | undefined {
  const slug = req.params.slug;
  return typeof slug === 'string' && SLUG_PATTERN.test(slug) ? slug : undefined;
}

export function createApp(options: AppOptions): express.Express {
  const { store, logger, pageCache } = options;
  const htmlCacheControl = options.htmlCacheControl ?? HTML_CACHE_CONTROL;
  const views = options.views ?? new Views();
  const assets = options.assets ?? new AssetManifest(STATIC_DIR);
  const assetUrls = assets.pageUrls();
  const context = (): PageContext => ({ catalog: store.current(), assets: assetUrls });
  const writeKeys: KeyHeaderWriter = keyHeaderWriter(options.cacheKeyHeader, options.cacheKeyMaxBytes);

  const app = express();
  // Routes match exactly as the route table declares them: "/articles/x/" is not "/articles/x" (it redirects there).
  // Set before anything is mounted: Express makes the app's router, with this setting, on first use.
  app.set('strict routing', true);
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'"],
          scriptSrc: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: options.hsts ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );

  // The site is read-only: only GET and HEAD mean anything here.
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.status(405).set({ Allow: 'GET, HEAD', 'Cache-Control': NO_STORE }).type('text/plain').send('Method not allowed\n');
  });

  const cacheControl = (name: RouteName) => cacheControlOf(name, { page: htmlCacheControl });

  // Responsive variants (/img/…), made on first request and cached on disk; see docs/images.md.
  const variants = new VariantStore({
    dataDir: options.dataDir,
    cacheDir: options.imageCacheDir ?? defaultImageCacheDir(),
    onWriteError: (error) => logger.warn({ err: error }, 'image cache folder is not writable; variants are made per request'),
  });

  /**
   * Sends a page result. A rendered page that may be cached is stored as bytes
   * (under the version of the catalog it was rendered from) and sent from that
   * stored form, exactly as the front layer will send it on the next hit.
   */
  const send = (req: Request, res: Response, result: PageResult<object>, ctx: PageContext, pageCacheControl: string, cacheable: boolean) => {
    switch (result.kind) {
      case 'redirect':
        return res.redirect(result.status, result.location);
      case 'not-found':
        return sendNotFound(req, res);
      case 'page': {
        // A 503 (search still building its index) is temporary: no browser or CDN may keep it.
        const temporary = result.status === 503;
        res.status(result.status).set({ 'Cache-Control': temporary ? NO_STORE : pageCacheControl, 'Content-Type': 'text/html; charset=utf-8' });
        if (temporary) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
        else writeKeys(res, result.keys);
        const html = views.render(result.view, result.model);
        if (!pageCache || !cacheable || result.status !== 200) return res.send(html);
        const page = makeCachedPage(result.status, res.getHeaders() as Record<string, string>, html, req.originalUrl);
        pageCache.set(ctx.catalog.version, req.originalUrl, page);
        res.locals.precompressed = true;
        return sendCachedPage(req, res, page);
      }
    }
  };
  const sendNotFound = (req: Request, res: Response) => {
    res.status(404).set({ 'Cache-Control': 'public, max-age=60', 'Content-Type': 'text/html; charset=utf-8' });
    writeKeys(res, NOT_FOUND_KEYS);
    res.send(views.render('error', notFoundModel(context(), req.path)));
  };
  /** A page route: its page-model function, sent with the route's cache policy; kept in the page cache unless `cacheable` is false. */
  const page = (name: RouteName, build: (ctx: PageContext, req: Request) => PageResult<object>, cacheable = true): RequestHandler => {
    const pageCacheControl = cacheControl(name) as string;
    return (req, res) => {
      const ctx = context();
      send(req, res, build(ctx, req), ctx, pageCacheControl, cacheable);
    };
  };
  /** A page of one slug; a slug that cannot exist is the 404 page without a lookup. */
  const bySlug = (name: RouteName, build: (ctx: PageContext, slug: string, rawPage: unknown) => PageResult<object>): RequestHandler =>
    page(name, (ctx, req) => {
      const slug = slugParam(req);
      return slug ? build(ctx, slug, req.query.page) : { kind: 'not-found' };
    });
  const healthCacheControl = cacheControl('healthz') as string;
  const readyCacheControl = cacheControl('readyz') as string;
  const imageCacheControl = cacheControl('image') as string;
  const staticCacheControl = cacheControl('static') as string;

  const handlers: RouteHandlers = {
    home: page('home', (ctx, req) => homePage(ctx, req.query.page)),
    'home-page-alias': page('home-page-alias', (_ctx, req) => homePageAlias(req.params.n as string)),
    article: bySlug('article', (ctx, slug) => articlePage(ctx, slug)),
    author: bySlug('author', authorPage),
    source: bySlug('source', sourcePage),
    tag: bySlug('tag', tagPage),
    section: bySlug('section', sectionPage),
    // Search pages are not kept: every query is a new URL, and they would push real pages out.
    search: page('search', (ctx, req) => searchPage(ctx, req.query.q, req.query.page), false),
    corrections: page('corrections', (ctx, req) => correctionsPage(ctx, req.query.page)),
    // Static pages at /<slug>: last in the table, so only a first segment no other route took gets here.
    page: bySlug('page', (ctx, slug) => staticPage(ctx, slug)),
    ...feedRouteHandlers({ store, notFound: sendNotFound, writeKeys }),
    ...imageRouteHandlers({ store, variants, logger, writeKeys, notFound: (req, res) => sendNotFound(req, res) }),

    // Health: the process is up and answering.
    healthz: (_req, res) => {
      res.set('Cache-Control', healthCacheControl).type('text/plain').send('ok\n');
    },
    readyz: (_req, res) => {
      if (options.readiness) {
        const report = options.readiness();
        return res.status(report.ready ? 200 : 503).set('Cache-Control', readyCacheControl).json({ ...report, ...(pageCache && { pageCache: pageCache.stats() }) });
      }
      const catalog = store.current();
      res.set('Cache-Control', readyCacheControl).json({
        ready: true,
        version: catalog.version,
        articles: catalog.articles.length,
        problems: catalog.content.problems.length,
        ...(pageCache && { pageCache: pageCache.stats() }),
      });
    },

    // Fingerprinted static files, from memory, already compressed.
    static: (req, res, next) => {
      const asset = assets.byName.get(req.params.name as string);
      if (!asset) return next();
      const encoding = chooseEncoding(req.headers['accept-encoding'], { br: !!asset.brotli, gzip: !!asset.gzip });
      res.set({ 'Content-Type': asset.contentType, 'Cache-Control': staticCacheControl, ETag: asset.etag, Vary: 'Accept-Encoding' });
      if (req.fresh) return res.status(304).end();
      if (encoding !== 'identity') res.set('Content-Encoding', encoding);
      res.send(encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.identity);
    },
    favicon: (_req, res) => res.redirect(301, assetUrls.favicon),

    // Original images from the data folder. serve-static refuses paths that leave the folder.
    image: express.static(path.join(options.dataDir, 'images'), {
      dotfiles: 'deny',
      index: false,
      redirect: false,
      fallthrough: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', imageCacheControl);
        // Keyed by its path in the data folder, as the content names it ("images/x.jpg"): replacing the file purges it.
        writeKeys(res, [keyOf.image(path.relative(options.dataDir, file).split(path.sep).join('/')), IMAGES_KEY]);
      },
    }),
  };

  // Pages sent from their stored, already compressed form are not compressed again.
  mountRoutes(app, handlers, compression({ filter: (req, res) => !(res as Response).locals?.precompressed && compression.filter(req, res) }));

  // No route in the table matched (or its handler passed the request on): the 404 page.
  app.use((req, res) => sendNotFound(req, res));

  // Errors: log everything, show readers the site's own 500 page, never a stack trace.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 400 && status < 500) {
      // Malformed requests (bad URL encoding, oversized bodies): the client's fault, say so plainly.
      if (status === 404) return sendNotFound(req, res);
      return res.status(status).type('text/plain').send(`${status === 400 ? 'Bad request' : 'Request refused'}\n`);
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return res.end();
    res.status(500).set({ 'Cache-Control': NO_STORE, 'Content-Type': 'text/html; charset=utf-8' });
    try {
      res.send(views.render('error', serverErrorModel(context(), req.path)));
    } catch {
      res.send('<!DOCTYPE html><html lang="en"><title>Server error</title><h1>Something went wrong</h1><p><a href="/">Front page</a></p></html>');
    }
  });

  return app;
}
