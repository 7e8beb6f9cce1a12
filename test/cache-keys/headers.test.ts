/**
 * Surrogate keys on every cacheable answer: pages, feeds, sitemaps and
 * images name what they show, in the header CACHE_KEY_HEADER chooses, in its
 * format; a hit from the page cache carries the same keys as the miss; no-store
 * answers carry none; a list too long for the header falls back to broad keys.
 */
import request from 'supertest';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { createFrontHandler } from '../../src/http/front';
import { PageCache } from '../../src/http/page-cache';
import { createLogger } from '../../src/log';
import { keyOf } from '../../src/cache-keys/scheme';
import { fitKeys } from '../../src/cache-keys/header';
import { ConfigError, readConfig, type CacheKeyHeaderName } from '../../src/config';
import { baseRecords, NOW, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

async function siteWith(options: { header?: CacheKeyHeaderName; maxBytes?: number; records?: ReturnType<typeof baseRecords> } = {}) {
  const dir = await writeDataDir(options.records ?? baseRecords());
  const content = await loadContent(dir, { now: NOW });
  const store = new CatalogStore(content, () => NOW);
  const logger = createLogger('silent');
  const pageCache = new PageCache(8 * 1024 * 1024);
  const express = createApp({
    store,
    dataDir: dir,
    logger,
    pageCache,
    ...(options.header && { cacheKeyHeader: options.header }),
    ...(options.maxBytes !== undefined && { cacheKeyMaxBytes: options.maxBytes }),
  });
  return createFrontHandler({ app: express, store, logger, pageCache });
}

/** The keys of an answer, read back from the xkey header. */
async function keysOf(app: Parameters<typeof request>[0], url: string, status = 200): Promise<string[]> {
  const res = await request(app).get(url);
  expect(res.status).toBe(status);
  const value = res.headers.xkey as string | undefined;
  return value ? value.split(' ') : [];
}

describe('keys on pages', () => {
  let app: Awaited<ReturnType<typeof siteWith>>;
  beforeAll(async () => {
    app = await siteWith();
  });

  test('an article page names the article, its section, authors, sources, related list and the related cards', async () => {
    const keys = await keysOf(app, '/articles/second-story');
    expect(keys[0]).toBe('site');
    expect(keys).toEqual(expect.arrayContaining(['a:second-story', 'c:world', 'au:ada-lane', 'au:ben-okafor', 's:city-hall', 's:wire-agency', 'r:second-story']));
    // Related stories are shown as cards: their own keys are on the page too.
    expect(keys).toEqual(expect.arrayContaining(['a:first-story', 'a:third-story', 'c:business']));
    expect(keys).not.toContain('home');
  });

  test('the front page names its list, every card on it and the section strips', async () => {
    const keys = await keysOf(app, '/');
    expect(keys).toEqual(expect.arrayContaining(['site', 'home', 'a:first-story', 'a:second-story', 'a:third-story', 'c:world', 'c:business', 'au:ada-lane']));
  });

  test('page 2 of the front page names the home list and only its own cards', async () => {
    const records = baseRecords();
    const many: Json[] = Array.from({ length: 14 }, (_, i) => ({ ...(records.articles[0] as Json), slug: `story-${String(i).padStart(2, '0')}`, publishedAt: `2026-05-${String(4 + i).padStart(2, '0')}T09:00:00Z` }));
    records.articles.push(...many);
    const paged = await siteWith({ records });
    const keys = await keysOf(paged, '/?page=2');
    expect(keys).toEqual(expect.arrayContaining(['site', 'home']));
    // 17 articles, 12 on page 1: page 2 shows the 5 oldest, and not the newest.
    expect(keys).toContain('a:first-story');
    expect(keys).not.toContain('a:story-13');
  });

  test('author, source, tag and section pages name their list, their owner and their cards', async () => {
    expect(await keysOf(app, '/authors/ben-okafor')).toEqual(['site', 'aul:ben-okafor', 'au:ben-okafor', 'a:second-story', 'c:world', 'au:ada-lane']);
    expect(await keysOf(app, '/sources/city-hall')).toEqual(expect.arrayContaining(['sl:city-hall', 's:city-hall', 'a:second-story']));
    expect(await keysOf(app, '/tags/ferries')).toEqual(['site', 'tl:ferries', 'a:third-story', 'c:business', 'au:ada-lane']);
    expect(await keysOf(app, '/sections/business')).toEqual(['site', 'cl:business', 'c:business', 'a:third-story', 'au:ada-lane']);
  });

  test('a static page names itself; corrections and search name their lists', async () => {
    expect(await keysOf(app, '/about')).toEqual(['site', 'pg:about']);
    expect(await keysOf(app, '/corrections')).toEqual(['site', 'corrections']);
    expect(await keysOf(app, '/search')).toEqual(['site', 'search']);
  });

  test('a 404 carries `missing`, which is purged when anything comes into being', async () => {
    expect(await keysOf(app, '/articles/not-yet-published', 404)).toEqual(['site', 'missing']);
  });

  test('a page-cache hit carries the same keys as the miss that stored it', async () => {
    const first = await request(app).get('/tags/harbours');
    const second = await request(app).get('/tags/harbours');
    expect(second.headers.xkey).toBe(first.headers.xkey);
    const notModified = await request(app).get('/tags/harbours').set('If-None-Match', first.headers.etag as string);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.xkey).toBe(first.headers.xkey);
  });

  test('answers nobody may keep carry no keys', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await request(app).get(url);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.xkey).toBeUndefined();
    }
  });
});

describe('keys on feeds, sitemaps and images', () => {
  let app: Awaited<ReturnType<typeof siteWith>>;
  beforeAll(async () => {
    app = await siteWith();
  });

  test('the site feed follows the home list; an author feed names the author and their list', async () => {
    for (const file of ['feed.xml', 'atom.xml', 'feed.json']) expect(await keysOf(app, `/${file}`)).toEqual(expect.arrayContaining(['site', 'feeds', 'home', 'a:first-story', 'a:third-story']));
    expect(await keysOf(app, '/authors/ben-okafor/feed.xml')).toEqual(['site', 'feeds', 'aul:ben-okafor', 'au:ben-okafor', 'a:second-story', 'c:world', 'au:ada-lane']);
    expect(await keysOf(app, '/tags/ferries/atom.xml')).toEqual(expect.arrayContaining(['tl:ferries', 'a:third-story']));
  });

  test('sitemaps carry `sitemaps`; robots.txt only the site', async () => {
    for (const url of ['/sitemap.xml', '/sitemaps/articles-1.xml', '/sitemaps/news.xml']) expect(await keysOf(app, url)).toEqual(['site', 'sitemaps']);
    expect(await keysOf(app, '/robots.txt')).toEqual(['site']);
  });

  test('an original image and its variants carry the key of its path', async () => {
    const imageKey = keyOf.image('images/pic.jpg');
    expect(imageKey).toMatch(/^img:[A-Za-z0-9_-]{16}$/);
    expect(await keysOf(app, '/images/pic.jpg')).toEqual([imageKey, 'images']);
    const page = await request(app).get('/articles/first-story');
    const variant = /\/img\/[A-Za-z0-9_-]+-\d+\.(?:avif|webp|jpg)/.exec(page.text)?.[0];
    expect(variant).toBeDefined();
    expect(await keysOf(app, variant as string)).toEqual([imageKey, 'images']);
  });
});

describe('the header as each cache expects it', () => {
  test('Surrogate-Key (Fastly) is space-separated, Cache-Tag (Cloudflare) comma-separated; xkey is not sent then', async () => {
    const fastly = await request(await siteWith({ header: 'Surrogate-Key' })).get('/tags/ferries');
    expect(fastly.headers['surrogate-key']).toBe('site tl:ferries a:third-story c:business au:ada-lane');
    expect(fastly.headers.xkey).toBeUndefined();
    const cloudflare = await request(await siteWith({ header: 'Cache-Tag' })).get('/tags/ferries');
    expect(cloudflare.headers['cache-tag']).toBe('site,tl:ferries,a:third-story,c:business,au:ada-lane');
  });

  test('keys that do not fit fall back to broad keys, never to a cut list', async () => {
    const keys = await keysOf(await siteWith({ maxBytes: 60 }), '/');
    // Every article key folded into `articles`; the standalone keys stay.
    expect(keys).toEqual(expect.arrayContaining(['site', 'home', 'articles']));
    expect(keys.some((key) => key.startsWith('a:'))).toBe(false);
    expect(keys.join(' ').length).toBeLessThanOrEqual(60);
  });

  test('the fallback folds the largest prefix first and keeps going until the list fits', () => {
    const keys = ['site', 'home', 'a:one', 'a:two', 'a:three', 'au:x', 'c:world'];
    expect(fitKeys(keys, 100)).toBe(keys);
    expect(fitKeys(keys, 40)).toEqual(['site', 'home', 'articles', 'au:x', 'c:world']);
    expect(fitKeys(keys, 30)).toEqual(['site', 'home', 'articles', 'authors', 'sections']);
  });

  test('CACHE_KEY_HEADER is one of the three names (any case); anything else stops the start naming it', () => {
    expect(readConfig({}).cacheKeyHeader).toBe('xkey');
    expect(readConfig({ CACHE_KEY_HEADER: 'surrogate-key' }).cacheKeyHeader).toBe('Surrogate-Key');
    expect(readConfig({ CACHE_KEY_HEADER: 'Cache-Tag' }).cacheKeyHeader).toBe('Cache-Tag');
    expect(() => readConfig({ CACHE_KEY_HEADER: 'X-Keys' })).toThrow(ConfigError);
    expect(() => readConfig({ CACHE_KEY_HEADER: 'X-Keys' })).toThrow(/CACHE_KEY_HEADER must be one of xkey, Surrogate-Key, Cache-Tag, got "X-Keys"/);
  });
});
