/**
 * Responsive image variants: the /img/ route answers only for variants we
 * make (and 404s everything else without writing a file), sends them as
 * immutable, makes each once even under concurrent first requests, and pages
 * print <picture> with AVIF/WebP sources, a JPEG fallback with width/height,
 * and the right loading hints. A picture that goes missing never breaks a page.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { VariantStore } from '../../src/images/generate';
import { parseVariantName, variantWidths } from '../../src/images/variants';
import { createLogger } from '../../src/log';
import { baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const scratch: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** The fixture site with its article picture replaced by a 1000×562 one (variants 320, 640 and 960 wide). */
async function site() {
  const records = baseRecords();
  records.articles[1] = {
    ...records.articles[1],
    body: [
      { type: 'paragraph', text: 'Opening words.' },
      { type: 'image', src: 'images/pic.jpg', alt: 'Body picture' },
    ],
  };
  const dir = await writeDataDir(records);
  const big = await sharp({ create: { width: 1000, height: 562, channels: 3, background: '#335577' } }).jpeg().toBuffer();
  writeFileSync(path.join(dir, 'images', 'pic.jpg'), big);
  const content = await loadContent(dir, { now: NOW });
  const store = new CatalogStore(content, () => NOW);
  const cacheDir = tempDir('newsreel-variants-');
  const app = createApp({ store, dataDir: dir, logger: createLogger('silent'), imageCacheDir: cacheDir });
  const hash = content.articles.get('second-story')!.image!.asset.hash;
  return { dir, app, cacheDir, hash, content };
}

afterAll(() => {
  removeDataDirs();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('naming rules', () => {
  test('widths stop at the original; a small original gets one variant at its own width', () => {
    expect(variantWidths(4000)).toEqual([320, 640, 960, 1280, 1920]);
    expect(variantWidths(1600)).toEqual([320, 640, 960, 1280]);
    expect(variantWidths(960)).toEqual([320, 640, 960]);
    expect(variantWidths(200)).toEqual([200]);
  });

  test('only names of variants we make parse', () => {
    const width = (hash: string) => (hash === 'aaaaaaaaaaaaaaaa' ? 1000 : undefined);
    expect(parseVariantName('aaaaaaaaaaaaaaaa-640.avif', width)).toEqual({ hash: 'aaaaaaaaaaaaaaaa', variant: { kind: 'resize', width: 640, format: 'avif' } });
    expect(parseVariantName('aaaaaaaaaaaaaaaa-og.jpg', width)).toEqual({ hash: 'aaaaaaaaaaaaaaaa', variant: { kind: 'og' } });
    for (const bad of ['aaaaaaaaaaaaaaaa-1280.jpg', 'aaaaaaaaaaaaaaaa-641.jpg', 'aaaaaaaaaaaaaaaa-640.png', 'aaaaaaaaaaaaaaaa-og.webp', 'bbbbbbbbbbbbbbbb-640.jpg', 'aaaaaaaaaaaaaaaa-0640.jpg', '../aaaaaaaaaaaaaaaa-640.jpg', 'aaaaaaaaaaaaaaaa-640.jpg/x']) {
      expect(parseVariantName(bad, width)).toBeUndefined();
    }
  });
});

describe('GET /img/…', () => {
  test.each([
    ['avif', 'image/avif', 640],
    ['webp', 'image/webp', 320],
    ['jpg', 'image/jpeg', 960],
  ])('%s variants: the format, the width, cached for a year', async (ext, type, width) => {
    const { app, hash, cacheDir } = await site();
    const res = await request(app).get(`/img/${hash}-${width}.${ext}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.etag).toBeDefined();
    const meta = await sharp(res.body as Buffer).metadata();
    expect(meta.format).toBe(ext === 'jpg' ? 'jpeg' : ext === 'avif' ? 'heif' : ext);
    expect(meta.width).toBe(width);
    expect(meta.height).toBe(Math.round((width * 562) / 1000));
    expect(readdirSync(cacheDir)).toEqual([`${hash}-${width}.${ext}`]);
    // A second request is served from the cache folder, and revalidation gets 304.
    await request(app).get(`/img/${hash}-${width}.${ext}`).expect(200);
    await request(app).get(`/img/${hash}-${width}.${ext}`).set('If-None-Match', res.headers.etag as string).expect(304);
  });

  test('the og:image crop is a 1200×630 JPEG', async () => {
    const { app, hash } = await site();
    const res = await request(app)
      .get(`/img/${hash}-og.jpg`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    const meta = await sharp(res.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
  });

  test('sizes and formats we do not make, unknown pictures and traversal are 404 and write nothing', async () => {
    const { app, hash, cacheDir } = await site();
    for (const url of [
      `/img/${hash}-1280.jpg`, // wider than the original
      `/img/${hash}-1920.avif`,
      `/img/${hash}-500.jpg`, // not a width we offer
      `/img/${hash}-640.png`, // not a format we make
      `/img/${hash}-640.gif`,
      `/img/${hash}-og.webp`,
      `/img/${hash}-640`,
      `/img/0123456789abcdef-640.jpg`, // no such picture
      `/img/${hash.toUpperCase()}-640.jpg`,
      '/img/..%2F..%2Fsite.json',
      '/img/%2e%2e%2fimages%2fpic.jpg',
      `/img/${hash}-640.jpg%00.png`,
      '/img/../site.json',
    ]) {
      const res = await request(app).get(url);
      expect([url, res.status]).toEqual([url, 404]);
    }
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  test('concurrent first requests for one variant make it once', async () => {
    const { app, hash, cacheDir } = await site();
    const responses = await Promise.all(Array.from({ length: 6 }, () => request(app).get(`/img/${hash}-640.webp`)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(readdirSync(cacheDir)).toEqual([`${hash}-640.webp`]); // no leftover temporary files either
  });

  test('the store shares one encode between concurrent callers', async () => {
    const { dir, content, hash } = await site();
    const store = new VariantStore({ dataDir: dir, cacheDir: tempDir('newsreel-variants-') });
    const asset = [...content.articles.values()].find((a) => a.image?.asset.hash === hash)!.image!.asset;
    const results = await Promise.all(Array.from({ length: 5 }, () => store.get(asset, { kind: 'resize', width: 320, format: 'avif' })));
    expect(store.encodes).toBe(1);
    expect(new Set(results.map((r) => r.file)).size).toBe(1);
    await store.get(asset, { kind: 'resize', width: 320, format: 'avif' });
    expect(store.encodes).toBe(1); // later calls find the file
  });

  test('an unwritable cache folder still serves variants (made per request)', async () => {
    const { dir, content, hash } = await site();
    const blocker = path.join(tempDir('newsreel-variants-'), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const errors: Error[] = [];
    const store = new VariantStore({ dataDir: dir, cacheDir: path.join(blocker, 'cache'), onWriteError: (e) => errors.push(e) });
    const asset = [...content.articles.values()].find((a) => a.image?.asset.hash === hash)!.image!.asset;
    const made = await store.get(asset, { kind: 'resize', width: 320, format: 'jpg' });
    expect(made.bytes?.length).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
  });

  test('a picture deleted after loading: its variants are 404, the page still renders', async () => {
    const { app, dir, hash } = await site();
    unlinkSync(path.join(dir, 'images', 'pic.jpg'));
    await request(app).get(`/img/${hash}-320.jpg`).expect(404);
    const page = await request(app).get('/articles/second-story').expect(200);
    expect(page.text).toContain('<picture>');
  });
});

describe('<picture> markup', () => {
  test('the article lead image: AVIF and WebP sources, a JPEG fallback with width/height, fetched first', async () => {
    const { app, hash } = await site();
    const html = (await request(app).get('/articles/second-story').expect(200)).text;
    const lead = html.match(/<figure class="figure figure--lead">([\s\S]*?)<\/figure>/)?.[1] ?? '';
    const sizes = '(min-width: 44rem) 40rem, calc(100vw - 2rem)';
    const set = (ext: string) => [320, 640, 960].map((w) => `/img/${hash}-${w}.${ext} ${w}w`).join(', ');
    expect(lead).toContain(`<source type="image/avif" srcset="${set('avif')}" sizes="${sizes}">`);
    expect(lead).toContain(`<source type="image/webp" srcset="${set('webp')}" sizes="${sizes}">`);
    const img = lead.match(/<img [^>]*>/)?.[0] ?? '';
    expect(img).toContain(`src="/img/${hash}-960.jpg"`);
    expect(img).toContain(`srcset="${set('jpg')}"`);
    expect(img).toContain(`sizes="${sizes}"`);
    expect(img).toContain('width="1000" height="562"');
    expect(img).toContain('fetchpriority="high"');
    expect(img).not.toContain('loading="lazy"');
    // AVIF first: the browser takes the first source type it supports.
    expect(lead.indexOf('image/avif')).toBeLessThan(lead.indexOf('image/webp'));
  });

  test('images further down load lazily; the front page lead card is fetched first', async () => {
    const { app } = await site();
    const article = (await request(app).get('/articles/second-story').expect(200)).text;
    const body = article.match(/<div class="article__body">([\s\S]*?)<\/div>/)?.[1] ?? '';
    expect(body).toMatch(/<img class="figure__image" [^>]*alt="Body picture" loading="lazy"/);
    expect(body).not.toContain('fetchpriority');
    expect(article).toMatch(/<img class="author-card__avatar" [^>]*loading="lazy"/);

    const home = (await request(app).get('/').expect(200)).text;
    const cards = [...home.matchAll(/<img class="card__image" [^>]*>/g)].map((m) => m[0]);
    expect(cards.length).toBeGreaterThan(1);
    expect(cards[0]).toContain('fetchpriority="high"');
    expect(cards[0]).not.toContain('loading="lazy"');
    for (const card of cards.slice(1)) expect(card).toContain('loading="lazy"');
  });

  test('on list pages the first card is loaded eagerly, the rest lazily', async () => {
    const { app } = await site();
    const html = (await request(app).get('/tags/harbours').expect(200)).text;
    const cards = [...html.matchAll(/<img class="card__image" [^>]*>/g)].map((m) => m[0]);
    expect(cards.length).toBeGreaterThan(1);
    expect(cards[0]).not.toContain('loading="lazy"');
    for (const card of cards.slice(1)) expect(card).toContain('loading="lazy"');
  });
});
