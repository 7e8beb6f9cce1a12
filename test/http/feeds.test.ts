/**
 * Feeds, sitemaps and robots.txt over HTTP: content types, caching, 404s,
 * feed discovery in <head>, and a crawl robots.txt → sitemap index → every
 * sitemap → every URL in them, which must all answer 200. Drafts and
 * embargoes appear nowhere. The demo data's feeds parse too.
 */
import express from 'express';
import Parser from 'rss-parser';
import request from 'supertest';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { HTML_CACHE_CONTROL } from '../../src/routes/cache-policy';
import { feedRoutes } from '../../src/http/feed-routes';
import { createLogger } from '../../src/log';
import { expectWellFormed, parseXml } from '../feeds/xml-check';
import { appFor, baseRecords, DEMO_DATA_DIR, NOW, removeDataDirs, writeDataDir, type FixtureRecords, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

const BASE = 'https://news.example.test';
const HIDDEN = /draft-story|embargoed-story|Draft headline|Embargoed headline|secret-writer|hidden-source|secret-tag/;

function withHidden(): FixtureRecords {
  const r = baseRecords();
  r.authors.push({ slug: 'secret-writer', name: 'Secret Writer', bio: 'Writes hidden things.' });
  r.sources.push({ slug: 'hidden-source', name: 'Hidden Source' });
  const hidden = { ...r.articles[0], authors: ['ada-lane', 'secret-writer'], tags: ['harbours', 'secret-tag'], sources: ['wire-agency', 'hidden-source'] };
  r.pages!.push({ slug: 'draft-page', title: 'Draft page', status: 'draft', nav: true, body: [{ type: 'paragraph', text: 'Not yet.' }] });
  r.articles.push(
    { ...hidden, slug: 'draft-story', headline: 'Draft headline', status: 'draft', publishedAt: '2026-05-31T09:00:00Z' },
    { ...hidden, slug: 'embargoed-story', headline: 'Embargoed headline', publishedAt: '2026-06-01T13:00:00Z' },
    { ...r.articles[0], slug: 'fresh-story', headline: 'Fresh headline', publishedAt: '2026-06-01T08:00:00Z' },
  );
  return r;
}

/**
 * The real app with the fixture clock. createApp gives the feed routes the
 * wall clock, so for the news sitemap's 48 hours the test mounts feedRoutes
 * with the fixture clock in front of it (the same routes, the same store).
 */
async function appWithClock(records: FixtureRecords, clock = { now: NOW }, sitemapPageSize?: number) {
  const dir = await writeDataDir(records);
  const store = new CatalogStore(await loadContent(dir, { now: clock.now }), () => clock.now);
  const inner = createApp({ store, dataDir: dir, logger: createLogger('silent') });
  const outer = express();
  outer.use(feedRoutes({ store, notFound: (req, res) => inner(req, res), clock: () => clock.now, ...(sitemapPageSize && { sitemapPageSize }) }));
  outer.use(inner);
  return { app: outer, clock };
}

const FEED_TYPES: Record<string, string> = {
  'feed.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};

describe('feed routes (as wired in createApp)', () => {
  test.each(['', '/authors/ada-lane', '/authors/ben-okafor', '/sources/wire-agency', '/sources/city-hall', '/tags/harbours', '/tags/ferries'])(
    '%s/{feed.xml,atom.xml,feed.json} answer with the right type and the HTML cache policy',
    async (prefix) => {
      const { app } = await appFor(await writeDataDir(baseRecords()));
      for (const [file, type] of Object.entries(FEED_TYPES)) {
        const res = await request(app).get(`${prefix}/${file}`).expect(200);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['cache-control']).toBe(HTML_CACHE_CONTROL);
        expect(res.headers.etag).toBeDefined();
        if (file === 'feed.json') expect(JSON.parse(res.text)).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: expect.any(String), items: expect.any(Array) });
        else {
          expectWellFormed(res.text, `${prefix}/${file}`);
          const feed = await new Parser().parseString(res.text);
          expect(feed.items.length).toBeGreaterThan(0);
          for (const item of feed.items) expect(item.link).toMatch(new RegExp(`^${BASE}/articles/`));
        }
        await request(app).get(`${prefix}/${file}`).set('If-None-Match', res.headers.etag as string).expect(304);
      }
    },
  );

  test.each(['/authors/nobody/feed.xml', '/sources/nobody/atom.xml', '/tags/nobody/feed.json', '/tags/Bad_Slug/feed.xml', '/sections/world/feed.xml', '/sitemaps/articles-2.xml', '/sitemaps/articles-0.xml', '/sitemaps/other-1.xml'])(
    '%s is the site’s 404 page',
    async (url) => {
      const { app } = await appFor(await writeDataDir(baseRecords()));
      const res = await request(app).get(url).expect(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('Test Gazette');
    },
  );

  test('robots.txt and sitemaps have their types', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    const robots = await request(app).get('/robots.txt').expect(200);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.text).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    for (const url of ['/sitemap.xml', '/sitemaps/articles-1.xml', '/sitemaps/news.xml']) {
      const res = await request(app).get(url).expect(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expectWellFormed(res.text, url);
    }
  });
});

describe('feed discovery', () => {
  const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2], m[3]]);
  const SITE_FEEDS = [
    ['application/rss+xml', 'Test Gazette (RSS)', `${BASE}/feed.xml`],
    ['application/atom+xml', 'Test Gazette (Atom)', `${BASE}/atom.xml`],
  ];

  test('every page names the site’s RSS and Atom feeds', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    for (const url of ['/', '/articles/first-story', '/sections/world', '/no-such-page']) {
      const res = await request(app).get(url);
      expect(alternates(res.text)).toEqual(SITE_FEEDS);
    }
  });

  test.each([
    ['/authors/ben-okafor', 'Ben Okafor'],
    ['/sources/city-hall', 'City Hall'],
    ['/tags/ferries', 'Ferries'],
  ])('%s adds its own feeds, which answer 200', async (path, name) => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    const res = await request(app).get(path).expect(200);
    const found = alternates(res.text);
    expect(found).toEqual([
      ...SITE_FEEDS,
      ['application/rss+xml', `${name} – Test Gazette (RSS)`, `${BASE}${path}/feed.xml`],
      ['application/atom+xml', `${name} – Test Gazette (Atom)`, `${BASE}${path}/atom.xml`],
    ]);
    for (const [, , url] of found) await request(app).get((url as string).replace(BASE, '')).expect(200);
  });
});

describe('crawl: robots.txt → sitemap index → sitemaps → pages', () => {
  async function crawl(app: express.Express) {
    const robots = await request(app).get('/robots.txt').expect(200);
    const indexUrl = /^Sitemap: (\S+)$/m.exec(robots.text)?.[1] as string;
    expect(indexUrl).toBe(`${BASE}/sitemap.xml`);
    const index = await request(app).get(indexUrl.replace(BASE, '')).expect(200);
    const sitemaps = (parseXml(index.text).sitemapindex.sitemap as Json[]).map((s) => String(s.loc));
    const pages: string[] = [];
    const bodies: string[] = [index.text];
    for (const sitemap of sitemaps) {
      expect(sitemap.startsWith(BASE)).toBe(true);
      const res = await request(app).get(sitemap.replace(BASE, '')).expect(200);
      bodies.push(res.text);
      for (const url of (parseXml(res.text).urlset.url ?? []) as Json[]) pages.push(String(url.loc));
    }
    const broken: string[] = [];
    for (const page of pages) {
      expect(page.startsWith(BASE)).toBe(true);
      const res = await request(app).get(page.replace(BASE, ''));
      if (res.status !== 200) broken.push(`${page} → ${res.status}`);
    }
    expect(broken).toEqual([]);
    return { sitemaps, pages, bodies };
  }

  test('every listed sitemap and every URL in them answers 200; nothing hidden is listed', async () => {
    const { app } = await appWithClock(withHidden());
    const { sitemaps, pages, bodies } = await crawl(app);
    expect(sitemaps.map((s) => s.replace(`${BASE}/sitemaps/`, ''))).toEqual(['articles-1.xml', 'authors-1.xml', 'sources-1.xml', 'tags-1.xml', 'sections-1.xml', 'pages-1.xml', 'news.xml']);
    expect(new Set(pages)).toEqual(
      new Set(
        [
          '/',
          '/articles/fresh-story',
          '/articles/third-story',
          '/articles/second-story',
          '/articles/first-story',
          '/authors/ada-lane',
          '/authors/ben-okafor',
          '/sources/city-hall',
          '/sources/wire-agency',
          '/tags/ferries',
          '/tags/harbours',
          '/sections/world',
          '/sections/business',
          '/about',
        ].map((p) => BASE + p),
      ),
    );
    for (const body of bodies) expect(body).not.toMatch(HIDDEN);
  });

  test('with a small page size the sitemaps split into pages that all resolve', async () => {
    const { app } = await appWithClock(withHidden(), { now: NOW }, 2);
    const { sitemaps } = await crawl(app);
    expect(sitemaps.map((s) => s.replace(`${BASE}/sitemaps/`, ''))).toEqual([
      'articles-1.xml',
      'articles-2.xml',
      'authors-1.xml',
      'sources-1.xml',
      'tags-1.xml',
      'sections-1.xml',
      'sections-2.xml',
      'pages-1.xml',
      'news.xml',
    ]);
    await request(app).get('/sitemaps/articles-3.xml').expect(404);
  });

  test('the news sitemap follows the request clock: last 48 h only, embargo included once due', async () => {
    const { app, clock } = await appWithClock(withHidden());
    const newsLocs = async () => ((parseXml((await request(app).get('/sitemaps/news.xml').expect(200)).text).urlset.url ?? []) as Json[]).map((u) => String(u.loc).replace(BASE, ''));
    expect(await newsLocs()).toEqual(['/articles/fresh-story']);
    clock.now = new Date('2026-06-01T13:00:01Z');
    expect(await newsLocs()).toEqual(['/articles/embargoed-story', '/articles/fresh-story']);
    clock.now = new Date('2026-06-03T08:30:00Z');
    expect(await newsLocs()).toEqual(['/articles/embargoed-story']);
    clock.now = new Date('2026-06-10T00:00:00Z');
    expect(await newsLocs()).toEqual([]);
    // Once due, the embargoed story is in the feeds too; the draft never is.
    const rss = await request(app).get('/feed.xml').expect(200);
    expect(rss.text).toContain('/articles/embargoed-story');
    expect(rss.text).not.toContain('draft-story');
  });

  test('no feed mentions a draft or an embargoed article', async () => {
    const { app } = await appWithClock(withHidden());
    for (const prefix of ['', '/authors/ada-lane', '/sources/wire-agency', '/tags/harbours', '/authors/secret-writer', '/sources/hidden-source']) {
      for (const file of Object.keys(FEED_TYPES)) {
        const res = await request(app).get(`${prefix}/${file}`).expect(200);
        expect(res.text).not.toMatch(/draft-story|embargoed-story|Draft headline|Embargoed headline/);
      }
    }
    await request(app).get('/tags/secret-tag/feed.xml').expect(404); // a tag only hidden articles carry does not exist yet
  });
});

describe('demo data', () => {
  test('every feed of the demo site parses, and the sitemap crawl resolves', async () => {
    const { app, store } = await appFor(DEMO_DATA_DIR, { now: new Date() });
    const catalog = store.current();
    const base = catalog.site.baseUrl;
    const prefixes = ['', ...[...catalog.authors.keys()].map((s) => `/authors/${s}`), ...[...catalog.sources.keys()].map((s) => `/sources/${s}`), ...[...catalog.tags.keys()].map((s) => `/tags/${s}`)];
    const parser = new Parser();
    for (const prefix of prefixes) {
      for (const file of ['feed.xml', 'atom.xml']) {
        const res = await request(app).get(`${prefix}/${file}`).expect(200);
        expectWellFormed(res.text, `${prefix}/${file}`);
        const feed = await parser.parseString(res.text);
        for (const item of feed.items) expect(item.link?.startsWith(`${base}/articles/`)).toBe(true);
      }
      expect(JSON.parse((await request(app).get(`${prefix}/feed.json`).expect(200)).text).version).toBe('https://jsonfeed.org/version/1.1');
    }
    const site = await parser.parseString((await request(app).get('/feed.xml')).text);
    expect(site.items.map((i) => i.link)).toEqual(catalog.articles.slice(0, 20).map((a) => `${base}/articles/${a.slug}`));
    const index = parseXml((await request(app).get('/sitemap.xml').expect(200)).text);
    for (const sitemap of index.sitemapindex.sitemap as Json[]) {
      const res = await request(app).get(String(sitemap.loc).replace(base, '')).expect(200);
      for (const url of (parseXml(res.text).urlset.url ?? []) as Json[]) await request(app).get(String(url.loc).replace(base, '')).expect(200);
    }
    const all = (await request(app).get('/sitemaps/articles-1.xml')).text + site.items.map((i) => i.link).join(' ');
    expect(all).not.toContain('/articles/market-hall-plans'); // a draft
    expect(all).not.toContain('/articles/new-year-drone-show'); // an embargo
  });
});
