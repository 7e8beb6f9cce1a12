/**
 * Render once, serve bytes: cached pages are answered by the front layer with
 * the very same bytes and headers as the first, rendered answer; ETags, 304,
 * encodings and HEAD behave; a reload or an embargo lifting changes what is
 * served; the cache stays inside its byte bound; hidden articles never enter it.
 */
import { createServer, request as httpRequest, type RequestListener } from 'node:http';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import pino from 'pino';
import request from 'supertest';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { createFrontHandler } from '../../src/http/front';
import { makeCachedPage, PageCache, type CachedPage } from '../../src/http/page-cache';
import { appFor, baseRecords, NOW, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';

afterAll(removeDataDirs);

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A GET (or HEAD) over a real socket, body bytes exactly as sent (supertest would decompress them). */
async function raw(handler: RequestListener, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const server = createServer(handler);
  const port = await listenOnLoopback(server);
  try {
    return await new Promise<RawResponse>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    closeNow(server);
  }
}

function withoutDate(headers: Record<string, string>): Record<string, string> {
  const { date: _date, ...rest } = headers;
  return rest;
}

describe('page cache through the front layer', () => {
  test('a hit sends the same bytes and headers as the miss that stored it', async () => {
    const { app, pageCache } = await appFor(await writeDataDir(baseRecords()));
    for (const encoding of ['br', 'gzip', 'identity']) {
      const url = `/articles/first-story?encoding=${encoding}`; // a fresh URL per encoding: the first request is a miss
      const miss = await raw(app, url, { 'Accept-Encoding': encoding });
      const hit = await raw(app, url, { 'Accept-Encoding': encoding });
      expect(miss.status).toBe(200);
      expect(hit.status).toBe(200);
      expect(withoutDate(hit.headers)).toEqual(withoutDate(miss.headers));
      expect(Buffer.compare(hit.body, miss.body)).toBe(0);
    }
    expect(pageCache!.stats().hits).toBeGreaterThanOrEqual(3);
  });

  test('the header lists made when a page is stored are exactly the headers the miss sent', async () => {
    const { app, pageCache, store } = await appFor(await writeDataDir(baseRecords()));
    const forms = { br: 'br', gzip: 'gzip', identity: 'identity' } as const;
    for (const [form, encoding] of Object.entries(forms) as [keyof typeof forms, string][]) {
      const url = `/authors/ada-lane?form=${form}`;
      const miss = await raw(app, url, { 'Accept-Encoding': encoding });
      const page = pageCache!.get(store.current().version, url)!;
      const list = page.send[form].headers;
      const sent = { ...miss.headers };
      for (const perConnection of ['date', 'connection', 'keep-alive']) delete sent[perConnection];
      const stored = Object.fromEntries(Array.from({ length: list.length / 2 }, (_, i) => [list[2 * i], list[2 * i + 1]]));
      expect(stored).toEqual(sent);
      expect(Object.isFrozen(list)).toBe(true);
      expect(Buffer.compare(page.send[form].body, miss.body)).toBe(0);
    }
    const page = pageCache!.get(store.current().version, '/authors/ada-lane?form=br')!;
    const notModified = await raw(app, '/authors/ada-lane?form=br', { 'If-None-Match': page.etag });
    expect(notModified.status).toBe(304);
    const list = page.send.notModified;
    const { date: _d, connection: _c, 'keep-alive': _k, ...sent } = notModified.headers;
    expect(Object.fromEntries(Array.from({ length: list.length / 2 }, (_, i) => [list[2 * i], list[2 * i + 1]]))).toEqual(sent);
    expect(sent['content-type']).toBeUndefined();
    expect(sent.etag).toBe(page.etag);
  });

  test('headers: strong ETag, Vary, Cache-Control, the security headers, and the right Content-Encoding', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    await request(app).get('/');
    const identity = await raw(app, '/', { 'Accept-Encoding': 'identity' });
    expect(identity.status).toBe(200);
    expect(identity.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(identity.headers.vary).toBe('Accept-Encoding');
    expect(identity.headers['cache-control']).toContain('s-maxage=300');
    expect(identity.headers['content-security-policy']).toContain("default-src 'self'");
    expect(identity.headers['x-content-type-options']).toBe('nosniff');
    expect(identity.headers['content-encoding']).toBeUndefined();
    const html = identity.body.toString('utf8');
    expect(html).toContain('Headline of third-story');
    expect(Number(identity.headers['content-length'])).toBe(identity.body.length);

    const br = await raw(app, '/', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(zlib.brotliDecompressSync(br.body).toString('utf8')).toBe(html);
    const gzip = await raw(app, '/', { 'Accept-Encoding': 'gzip;q=1, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString('utf8')).toBe(html);
    expect(br.headers.etag).toBe(identity.headers.etag);
  });

  test('If-None-Match with the ETag gets 304 and no body, on a miss and on a hit', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    const first = await request(app).get('/authors/ada-lane').expect(200);
    const etag = first.headers.etag as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await request(app).get('/authors/ada-lane').set('If-None-Match', header).expect(304);
      expect(res.text ?? '').toBe('');
      expect(res.headers.etag).toBe(etag);
    }
    await request(app).get('/authors/ada-lane').set('If-None-Match', '"stale"').expect(200);
  });

  test('HEAD gets the headers and no body', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    const get = await raw(app, '/tags/harbours', { 'Accept-Encoding': 'br' });
    const head = await raw(app, '/tags/harbours', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(withoutDate(head.headers)).toEqual(withoutDate(get.headers));
  });

  test('a content reload changes what is served', async () => {
    const records = baseRecords();
    const { app, store } = await appFor(await writeDataDir(records));
    const before = await request(app).get('/articles/first-story').expect(200);
    expect(before.text).toContain('Headline of first-story');
    records.articles[0] = { ...(records.articles[0] as Json), headline: 'A corrected headline' };
    store.replace(await loadContent(await writeDataDir(records), { now: NOW }));
    const after = await request(app).get('/articles/first-story').expect(200);
    expect(after.text).toContain('A corrected headline');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  test('an embargo lifts on time even with a full cache, and hidden articles never enter it', async () => {
    const records = baseRecords();
    records.articles.push(
      { ...(records.articles[0] as Json), slug: 'draft-story', headline: 'Draft headline', status: 'draft' },
      { ...(records.articles[0] as Json), slug: 'embargoed-story', headline: 'Embargoed headline', publishedAt: '2026-06-01T13:00:00Z' },
    );
    const clock = { now: NOW };
    const { app, pageCache } = await appFor(await writeDataDir(records), clock);
    for (let i = 0; i < 3; i++) {
      await request(app).get('/articles/draft-story').expect(404);
      await request(app).get('/articles/embargoed-story').expect(404);
      expect((await request(app).get('/').expect(200)).text).not.toContain('Embargoed headline');
    }
    expect(pageCache!.stats().entries).toBe(1); // only the front page
    clock.now = new Date('2026-06-01T13:00:00Z');
    expect((await request(app).get('/').expect(200)).text).toContain('Embargoed headline');
    await request(app).get('/articles/embargoed-story').expect(200);
    await request(app).get('/articles/draft-story').expect(404);
  });

  test('the cache never grows past its byte bound', async () => {
    const records = baseRecords();
    const template = records.articles[0] as Json;
    records.articles = Array.from({ length: 30 }, (_, i) => ({ ...template, slug: `story-${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }));
    const bound = 40_000;
    const { app, pageCache } = await appFor(await writeDataDir(records), { now: NOW }, bound);
    for (let i = 0; i < 30; i++) {
      await request(app).get(`/articles/story-${i}`).expect(200);
      expect(pageCache!.stats().bytes).toBeLessThanOrEqual(bound);
    }
    const stats = pageCache!.stats();
    expect(stats.evictions).toBeGreaterThan(0);
    expect(stats.entries).toBeGreaterThan(0);
    // An evicted page is rendered again, identically.
    await request(app).get('/articles/story-0').expect(200);
  });

  test('search pages and 404s are not kept', async () => {
    const { app, pageCache } = await appFor(await writeDataDir(baseRecords()));
    await request(app).get('/search?q=harbour').expect(200);
    await request(app).get('/nope').expect(404);
    expect(pageCache!.stats().entries).toBe(0);
  });

  test('every request is logged, hits included, with method, path, status, duration, bytes and cache outcome', async () => {
    const dir = await writeDataDir(baseRecords());
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
    const pageCache = new PageCache(1_000_000);
    const app = createFrontHandler({ app: createApp({ store, dataDir: dir, logger, pageCache }), store, logger, pageCache });
    await request(app).get('/articles/first-story').expect(200);
    await request(app).get('/articles/first-story').expect(200);
    await request(app).get('/nope').expect(404);
    await new Promise((resolve) => setImmediate(resolve));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.path, l.status, l.cache])).toEqual([
      ['/articles/first-story', 200, 'pass'],
      ['/articles/first-story', 200, 'hit'],
      ['/nope', 404, 'pass'],
    ]);
    for (const line of requests) {
      expect(line.method).toBe('GET');
      expect(typeof line.durationMs).toBe('number');
      expect(line.bytes as number).toBeGreaterThan(0);
    }
  });
});

describe('PageCache', () => {
  const page = (bytes: number): CachedPage => ({ ...makeCachedPage(200, {}, ''), bytes });

  test('evicts the least recently used entries first', () => {
    const cache = new PageCache(300);
    cache.set('v1', '/a', page(100));
    cache.set('v1', '/b', page(100));
    cache.set('v1', '/c', page(100));
    cache.get('v1', '/a'); // /b is now the least recently used
    cache.set('v1', '/d', page(100));
    expect(cache.get('v1', '/b')).toBeUndefined();
    expect(cache.get('v1', '/a')).toBeDefined();
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 300, evictions: 1 });
  });

  test('does not keep an entry larger than the bound', () => {
    const cache = new PageCache(100);
    cache.set('v1', '/big', page(101));
    expect(cache.stats().entries).toBe(0);
  });

  test('a new catalog version empties it', () => {
    const cache = new PageCache(1000);
    cache.set('v1', '/a', page(100));
    expect(cache.get('v2', '/a')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, version: 'v2' });
  });
});
