/**
 * The route table is the one declaration of the site's routes: every route
 * has a name, a label, a cache policy and a builder; a URL built for a route
 * is labelled as that route and reaches that route's own handler once
 * mounted; the same URL with one more trailing slash redirects to it; and the
 * real app answers every route's URL, with the cache policy the table names.
 */
import express from 'express';
import request from 'supertest';
import { AssetManifest } from '../../src/http/assets';
import { routeLabel } from '../../src/http/metrics';
import { mountRoutes, type RouteHandlers } from '../../src/http/mount-routes';
import { STATIC_DIR } from '../../src/paths';
import { CACHE_POLICIES } from '../../src/routes/cache-policy';
import { compileLabelMatcher } from '../../src/routes/label-matcher';
import { build, cacheControlOf, FEED_FILES, RESERVED_FIRST_SEGMENTS, ROUTES, TABLE, UNROUTED_LABEL, type RouteName } from '../../src/routes/table';
import { previewExpiry, previewPath } from '../../src/routes/preview-signature';
import { feedPaths, urls } from '../../src/routes/urls';
import { appFor, baseRecords, removeDataDirs, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

/** The labels dashboards and tests know: a route's label is one of these (image-variant is new with the table). */
const KNOWN_LABELS = ['home', 'home-page-alias', 'article', 'author', 'source', 'tag', 'section', 'search', 'corrections', 'feed', 'author-feed', 'source-feed', 'tag-feed', 'sitemap', 'robots', 'static', 'image', 'image-variant', 'healthz', 'readyz', 'preview', 'page'];

const stylesheet = new AssetManifest(STATIC_DIR).pageUrls().stylesheet;
const STATIC_NAME = stylesheet.slice('/static/'.length);
/** Filled in from the fixture's article page: the name of its lead image's 64 px JPEG variant. */
let variantName = '';

/**
 * Parameters for each route's builder that exist in the fixture, so the real
 * app answers every built URL with a page, not a 404. Typed by the table: a
 * new route does not compile until it has an example here.
 */
const EXAMPLES: { [N in RouteName]: () => Parameters<(typeof build)[N]> } = {
  home: () => [],
  'home-page-alias': () => ['2'],
  article: () => ['first-story'],
  author: () => ['ada-lane'],
  source: () => ['wire-agency'],
  tag: () => ['harbours'],
  section: () => ['world'],
  search: () => [],
  corrections: () => [],
  preview: () => ['first-story'],
  feed: () => [FEED_FILES.atom],
  'author-feed': () => ['ada-lane', FEED_FILES.rss],
  'source-feed': () => ['wire-agency', FEED_FILES.json],
  'tag-feed': () => ['harbours', FEED_FILES.rss],
  robots: () => [],
  sitemap: () => [],
  'news-sitemap': () => [],
  'sitemap-page': () => ['articles-1.xml'],
  static: () => [STATIC_NAME],
  favicon: () => [],
  image: () => ['pic.jpg'],
  'image-variant': () => [variantName],
  healthz: () => [],
  readyz: () => [],
  page: () => ['about'],
};

/** A preview link's query, signed with the key the real app below is given (the route answers 404 without it). */
const PREVIEW_SECRET = 'a-test-preview-secret-of-32-chars-or-more';
const QUERIES: Partial<Record<RouteName, () => string>> = {
  preview: () => previewPath(PREVIEW_SECRET, 'first-story', previewExpiry(Date.now(), 1)).slice(build.preview('first-story').length),
};

/** Where the real app sends a route's URL when its answer is a redirect. */
const REDIRECTS: Partial<Record<RouteName, string>> = {
  'home-page-alias': '/?page=2',
  favicon: new AssetManifest(STATIC_DIR).pageUrls().favicon,
};

/** The site over the fixture, as the server runs it (front layer, page cache). */
let app: Awaited<ReturnType<typeof appFor>>['app'];
beforeAll(async () => {
  ({ app } = await appFor(await writeDataDir(baseRecords()), undefined, undefined, { previewSecret: PREVIEW_SECRET }));
  const article = await request(app).get('/articles/first-story').expect(200);
  variantName = /\/img\/([0-9a-f]{16}-64\.jpg)/.exec(article.text)![1]!;
});

function exampleUrl(name: RouteName): string {
  return (build[name] as (...params: string[]) => string)(...EXAMPLES[name]());
}

describe('the route table', () => {
  test.each(TABLE.map((route) => [route.name, route] as const))('%s has a name, a label, a cache policy and a builder', (name, route) => {
    expect(route.name).toBe(name);
    expect(KNOWN_LABELS).toContain(route.label);
    expect(Object.keys(CACHE_POLICIES)).toContain(route.cache);
    expect(typeof route.build).toBe('function');
    expect(build[name]).toBe(route.build);
    expect(route.path).toMatch(/^\//);
  });

  test('the labels are the ones dashboards know, each still given by some route', () => {
    expect(new Set(TABLE.map((route) => route.label))).toEqual(new Set(KNOWN_LABELS));
  });

  test("a URL built for each route is labelled as that route, also with a query string and a trailing slash", () => {
    for (const route of TABLE) {
      const url = exampleUrl(route.name);
      expect([url, routeLabel(url)]).toEqual([url, route.label]);
      expect([url, routeLabel(`${url}?page=2`)]).toEqual([url, route.label]);
      expect([url, routeLabel(`${url}/`)]).toEqual([url, route.label]);
    }
  });

  test('builders fill patterns in as the pages always spelled them', () => {
    expect(urls.home()).toBe('/');
    expect(urls.article('a-b')).toBe('/articles/a-b');
    expect(urls.author('a')).toBe('/authors/a');
    expect(urls.source('a')).toBe('/sources/a');
    expect(urls.tag('a')).toBe('/tags/a');
    expect(urls.section('a')).toBe('/sections/a');
    expect(urls.search()).toBe('/search');
    expect(urls.page('about')).toBe('/about');
    expect(build['tag-feed']('x', 'feed.json')).toBe('/tags/x/feed.json');
    expect(build.image('a/b.jpg')).toBe('/images/a/b.jpg');
    expect(feedPaths('/')).toEqual({ rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' });
    expect(feedPaths(urls.author('a'))).toEqual({ rss: '/authors/a/feed.xml', atom: '/authors/a/atom.xml', json: '/authors/a/feed.json' });
  });

  test('/img/ (responsive variants) and /images/ (originals) are counted apart', () => {
    expect(routeLabel('/img/0123456789abcdef-640.avif')).toBe('image-variant');
    expect(routeLabel('/images/pic.jpg')).toBe('image');
    expect(routeLabel('/imgs/x')).toBe(UNROUTED_LABEL);
  });

  test('the first segments the routes claim are reserved: a static page may take none of them', () => {
    expect([...RESERVED_FIRST_SEGMENTS].sort()).toEqual(
      ['articles', 'atom.xml', 'authors', 'corrections', 'favicon.ico', 'feed.json', 'feed.xml', 'healthz', 'images', 'img', 'page', 'preview', 'readyz', 'robots.txt', 'search', 'sections', 'sitemap.xml', 'sitemaps', 'sources', 'static', 'tags'].sort(),
    );
    // The static page route comes last, so every route above it wins its own first segment.
    expect(TABLE[TABLE.length - 1]?.name).toBe('page');
  });

  test('a table the matcher cannot label consistently is refused when compiled', () => {
    const [robots, healthz] = [TABLE.find((r) => r.name === 'robots')!, TABLE.find((r) => r.name === 'healthz')!];
    // Two routes lending different labels to everything under one first segment.
    expect(() => compileLabelMatcher([healthz, { ...robots, segments: healthz.segments }])).toThrow(/already labelled/);
  });
});

describe('mounted by walking the table', () => {
  /** Every route's handler answers with its own name; anything no route takes reaches the catch-all. */
  function stubApp() {
    const app = express();
    app.set('strict routing', true);
    const handlers = Object.fromEntries(TABLE.map((route) => [route.name, (_req: express.Request, res: express.Response) => res.type('text/plain').send(route.name)])) as unknown as RouteHandlers;
    mountRoutes(app, handlers);
    app.use((_req, res) => res.status(404).type('text/plain').send('unrouted'));
    return app;
  }

  test("each route's URL reaches that route's own handler, never another's nor the catch-all", async () => {
    const stub = stubApp();
    for (const route of TABLE) {
      const url = exampleUrl(route.name);
      const res = await request(stub).get(url);
      expect([url, res.status, res.text]).toEqual([url, 200, route.name]);
    }
  });

  test('one more trailing slash answers 301 to the declared form, query kept; routes that only redirect take both', async () => {
    const stub = stubApp();
    for (const route of TABLE) {
      const url = exampleUrl(route.name);
      const res = await request(stub).get(`${url}/?utm=x&b=/c`);
      if (route.trailingSlash === 'either') expect([url, res.status, res.text]).toEqual([url, 200, route.name]);
      else if (route.mount === 'prefix') expect([url, res.status]).toEqual([url, 200]); // the mounted middleware sees every path under it
      else expect([url, res.status, res.headers.location]).toEqual([url, 301, `${url}?utm=x&b=/c`]);
    }
    // The root: "//" is "/" with one more slash; two more is not a route.
    await request(stub).get('//').expect(301).expect('Location', '/');
    await request(stub).get('///').expect(404);
  });

  test('a parameter outside its oneOf values is not the route', async () => {
    const stub = stubApp();
    await request(stub).get('/feed.xml').expect(200, 'feed');
    // Not the feed: the next route that takes any one segment, the static pages' (which 404s a page nobody wrote).
    await request(stub).get('/feeds.xml').expect(200, 'page');
    await request(stub).get('/authors/ada-lane/rss.xml').expect(404, 'unrouted');
    await request(stub).get('/authors/ada-lane/rss.xml/').expect(404, 'unrouted');
  });

  test('a redirect never leaves the site: double slashes are not routed', async () => {
    const stub = stubApp();
    for (const url of ['//evil.example/', '//evil.example/feed.xml/', '/articles//x/', '//articles/x/']) {
      const res = await request(stub).get(url);
      expect([url, res.status]).toEqual([url, 404]);
    }
  });
});

describe('the real app answers every route of the table', () => {
  test.each(TABLE.map((route) => [route.name] as const))('%s: its URL is answered by it, with the cache policy the table names', async (name) => {
    const url = exampleUrl(name) + (QUERIES[name]?.() ?? '');
    const res = await request(app).get(url);
    const redirect = REDIRECTS[name];
    if (redirect) expect([res.status, res.headers.location]).toEqual([301, redirect]);
    else expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe(cacheControlOf(name));
    if (ROUTES[name].cache === 'redirect') expect(res.headers['cache-control']).toBeUndefined();
  });
});
