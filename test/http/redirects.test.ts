/**
 * Redirects over HTTP: an address nothing answers is looked up in
 * data/redirects.json and the articles' previousSlugs before the 404 page:
 * the declared status with a Location (the reader's query string kept), or
 * the 410 page in the site's design; both with the page Cache-Control. Pages
 * always win; an embargoed article's old address answers only once it is out;
 * edits to redirects.json answer without a restart; /readyz counts them.
 */
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { HTML_CACHE_CONTROL } from '../../src/routes/cache-policy';
import { appFor, baseRecords, NOW, removeDataDirs, visibleText, writeDataDir, type FixtureRecords, type Json } from '../helpers/fixture';
import { eventually, liveSiteFor, writeRecord } from '../helpers/live-site';

afterAll(removeDataDirs);

const REDIRECTS = [
  { from: '/old-story', to: '/articles/first-story' },
  { from: '/news/:slug', to: '/articles/:slug' },
  { from: '/desk/:who/latest', to: '/authors/:who', status: 302 },
  { from: '/promo', to: '/tags/harbours?from=promo#top', status: 307 },
  { from: '/moved-for-good', to: '/about', status: 308 },
  { from: '/elsewhere', to: 'https://example.org/archive' },
  { from: '/newsletter', status: 410 },
  { from: '/chain-start', to: '/old-story' },
];

function records(): FixtureRecords {
  const r = baseRecords();
  r.articles = r.articles.map((a) => {
    if (a.slug === 'second-story') return { ...a, previousSlugs: ['second-draft-title'] };
    // Embargoed until 2026-07-01: its old address must not tell the new one before then.
    if (a.slug === 'third-story') return { ...a, publishedAt: '2026-07-01T09:00:00Z', previousSlugs: ['third-old'] };
    return a;
  });
  return r;
}

async function site() {
  const dir = await writeDataDir(records(), { 'redirects.json': JSON.stringify(REDIRECTS) });
  return appFor(dir, { now: NOW });
}

let app: Awaited<ReturnType<typeof appFor>>['app'];
beforeAll(async () => {
  ({ app } = await site());
});

describe('answers', () => {
  test.each<[string, number, string]>([
    ['/old-story', 301, '/articles/first-story'],
    ['/news/second-story', 301, '/articles/second-story'],
    ['/desk/ada-lane/latest', 302, '/authors/ada-lane'],
    ['/promo', 307, '/tags/harbours?from=promo#top'],
    ['/moved-for-good', 308, '/about'],
    ['/elsewhere', 301, 'https://example.org/archive'],
    ['/articles/second-draft-title', 301, '/articles/second-story'],
    // A chain answers with its end in one step, and a pattern's value may lead into another redirect.
    ['/chain-start', 301, '/articles/first-story'],
    ['/news/second-draft-title', 301, '/articles/second-story'],
    // The form with a trailing slash answers in one step too, also where a route would first 301 to the slashless form.
    ['/old-story/', 301, '/articles/first-story'],
    ['/articles/second-draft-title/', 301, '/articles/second-story'],
  ])('%s answers %i to %s, with the page Cache-Control', async (url, status, location) => {
    const res = await request(app).get(url).expect(status);
    expect(res.headers.location).toBe(location);
    expect(res.headers['cache-control']).toBe(HTML_CACHE_CONTROL);
  });

  test('the query string a reader sent is kept, joined to the target’s own and before its fragment', async () => {
    expect((await request(app).get('/news/second-story?utm_source=mail&x=1').expect(301)).headers.location).toBe('/articles/second-story?utm_source=mail&x=1');
    expect((await request(app).get('/promo?ref=a').expect(307)).headers.location).toBe('/tags/harbours?from=promo&ref=a#top');
    expect((await request(app).get('/articles/second-draft-title/?ref=b').expect(301)).headers.location).toBe('/articles/second-story?ref=b');
  });

  test('HEAD answers the same status and Location', async () => {
    const res = await request(app).head('/old-story').expect(301);
    expect(res.headers.location).toBe('/articles/first-story');
  });

  test('410 is the site’s own page: its design, the status, a way back, not indexed, cached like a page', async () => {
    const res = await request(app).get('/newsletter?x=1').expect(410);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe(HTML_CACHE_CONTROL);
    expect(res.headers.location).toBeUndefined();
    const text = visibleText(res.text);
    expect(text).toContain('This page has been removed');
    expect(text).toContain('Error 410');
    expect(text).toContain('Test Gazette');
    expect(res.text).toContain('<meta name="robots" content="noindex"');
    expect(res.text).toContain('href="/">Go to the front page</a>');
  });

  test('a pattern value that names no page leads to that page’s 404; an address no redirect covers is the 404 page', async () => {
    expect((await request(app).get('/news/no-such-story').expect(301)).headers.location).toBe('/articles/no-such-story');
    await request(app).get('/articles/no-such-story').expect(404);
    await request(app).get('/news').expect(404);
    await request(app).get('/news/a/b').expect(404);
    await request(app).get('/desk/ada-lane').expect(404);
  });

  test('pages win: the article at its address, and paths matched exactly as written', async () => {
    await request(app).get('/articles/second-story').expect(200);
    await request(app).get('/Old-Story').expect(404);
  });

  test('an embargoed article’s old address is the 404 page until the embargo lifts, then redirects', async () => {
    const { app: live, clock } = await site();
    await request(live).get('/articles/third-old').expect(404);
    clock.now = new Date('2026-07-01T09:00:01Z');
    expect((await request(live).get('/articles/third-old').expect(301)).headers.location).toBe('/articles/third-story');
  });
});

describe('live reload and readiness', () => {
  test('an edit to redirects.json answers without a restart; a broken edit keeps the last good redirects; /readyz counts them', async () => {
    const dir = await writeDataDir(baseRecords(), { 'redirects.json': JSON.stringify([{ from: '/old-story', to: '/articles/first-story' }]) });
    const live = await liveSiteFor(dir);
    try {
      expect((await request(live.app).get('/readyz').expect(200)).body).toMatchObject({ redirects: 1, problemCount: 0 });
      await request(live.app).get('/old-story').expect(301);
      await request(live.app).get('/gone-page').expect(404);

      writeRecord(dir, 'redirects.json', [
        { from: '/old-story', to: '/articles/second-story' },
        { from: '/gone-page', status: 410 },
      ]);
      await live.live.reload('manual');
      expect((await request(live.app).get('/old-story').expect(301)).headers.location).toBe('/articles/second-story');
      await request(live.app).get('/gone-page').expect(410);
      expect((await request(live.app).get('/readyz').expect(200)).body).toMatchObject({ redirects: 2 });

      // A broken file: the last good redirects keep answering, and /readyz says so.
      writeRecord(dir, 'redirects.json', '[{ "from": "/old-story", ');
      const result = await live.live.reload('manual');
      expect(result.servingLastGood).toEqual(['redirects.json']);
      expect((await request(live.app).get('/old-story').expect(301)).headers.location).toBe('/articles/second-story');
      const ready = (await request(live.app).get('/readyz').expect(200)).body;
      expect(ready.redirects).toBe(2);
      expect(ready.problems).toEqual([{ file: 'redirects.json', field: '', reason: expect.stringMatching(/not valid JSON.*; serving the last good version$/) }]);

      // One bad entry drops only itself.
      writeRecord(dir, 'redirects.json', [{ from: '/old-story', to: '/articles/first-story' }, { from: '/x', to: '/nowhere' }]);
      await live.live.reload('manual');
      expect((await request(live.app).get('/old-story').expect(301)).headers.location).toBe('/articles/first-story');
      await request(live.app).get('/x').expect(404);
      expect((await request(live.app).get('/readyz').expect(200)).body).toMatchObject({ redirects: 1, problems: [{ file: 'redirects.json', field: '[1].to' }] });
    } finally {
      live.close();
    }
  });

  test('an article renamed with previousSlugs: its old address, cached as a page before, answers 301 after the reload', async () => {
    const dir = await writeDataDir(baseRecords());
    const live = await liveSiteFor(dir);
    try {
      await request(live.app).get('/articles/first-story').expect(200);
      await request(live.app).get('/articles/first-story').expect(200); // now a page-cache hit
      const renamed = { ...(baseRecords().articles[0] as Json), slug: 'first-story-renamed', previousSlugs: ['first-story'] };
      unlinkSync(path.join(dir, 'articles/first-story.json'));
      writeRecord(dir, 'articles/first-story-renamed.json', renamed);
      await live.live.reload('manual');
      expect((await request(live.app).get('/articles/first-story').expect(301)).headers.location).toBe('/articles/first-story-renamed');
      await request(live.app).get('/articles/first-story-renamed').expect(200);
      expect((await request(live.app).get('/readyz').expect(200)).body).toMatchObject({ redirects: 1, problemCount: 0 });
    } finally {
      live.close();
    }
  });

  test('the watcher picks up a new redirects.json', async () => {
    const dir = await writeDataDir(baseRecords());
    const live = await liveSiteFor(dir, { watchDebounceMs: 50 });
    try {
      await request(live.app).get('/old-story').expect(404);
      writeRecord(dir, 'redirects.json', [{ from: '/old-story', to: '/articles/first-story' }]);
      await eventually(async () => (await request(live.app).get('/old-story')).status === 301, 15_000, 'the new redirect');
    } finally {
      live.close();
    }
  });
});
