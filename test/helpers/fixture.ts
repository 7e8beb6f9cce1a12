/**
 * A small, controlled data folder for tests: a site, two authors, two
 * sources and a handful of articles, with real (tiny) images. Tests change
 * one record at a time to see exactly what that change does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import type { Content } from '../../src/content/model';
import { createApp, type AppOptions } from '../../src/http/app';
import { createFrontHandler } from '../../src/http/front';
import { PageCache } from '../../src/http/page-cache';
import { createLogger } from '../../src/log';

export type Json = Record<string, unknown>;

export interface FixtureRecords {
  site: Json;
  authors: Json[];
  sources: Json[];
  articles: Json[];
  /** Static pages (data/pages/); none when absent. */
  pages?: Json[];
}

export const NOW = new Date('2026-06-01T12:00:00Z');

export function baseRecords(): FixtureRecords {
  const article = (slug: string, extra: Json = {}): Json => ({
    slug,
    headline: `Headline of ${slug}`,
    standfirst: `Standfirst of ${slug}.`,
    section: 'world',
    tags: ['harbours'],
    authors: ['ada-lane'],
    sources: ['wire-agency'],
    publishedAt: '2026-05-01T09:00:00Z',
    status: 'published',
    image: { src: 'images/pic.jpg', alt: `Picture for ${slug}`, caption: 'A caption', credit: 'A. Photographer' },
    body: [{ type: 'paragraph', text: `Body text of ${slug} with *emphasis* and a [link](https://example.org/page).` }],
    ...extra,
  });
  return {
    site: {
      name: 'Test Gazette',
      baseUrl: 'https://news.example.test',
      language: 'en',
      locale: 'en-GB',
      description: 'A newspaper for tests.',
      nav: [{ label: 'World', href: '/sections/world' }],
      sections: [{ slug: 'world', name: 'World', description: 'News from everywhere.' }],
    },
    authors: [
      { slug: 'ada-lane', name: 'Ada Lane', role: 'Reporter', bio: 'Ada writes about harbours.', avatar: 'images/avatar.jpg', links: [{ label: 'Website', url: 'https://example.org/ada' }] },
      { slug: 'ben-okafor', name: 'Ben Okafor', role: 'Editor', bio: 'Ben edits.' },
    ],
    sources: [
      { slug: 'wire-agency', name: 'Wire Agency', url: 'https://wire.example.org', kind: 'news-agency', description: 'A news agency.' },
      { slug: 'city-hall', name: 'City Hall', kind: 'official-body' },
    ],
    articles: [
      article('first-story', { publishedAt: '2026-05-01T09:00:00Z' }),
      article('second-story', { publishedAt: '2026-05-02T09:00:00Z', authors: ['ada-lane', 'ben-okafor'], sources: [{ source: 'city-hall', url: 'https://city.example.org/report' }], origin: 'wire-agency' }),
      article('third-story', { publishedAt: '2026-05-03T09:00:00Z', tags: ['harbours', 'ferries'], section: 'business' }),
    ],
    pages: [
      {
        slug: 'about',
        title: 'About the Gazette',
        description: 'Who writes the Test Gazette.',
        nav: true,
        updatedAt: '2026-04-01T10:00:00Z',
        body: [
          { type: 'heading', text: 'Who we are' },
          { type: 'paragraph', text: 'The Gazette is written for tests, with [an email](mailto:desk@news.example.test).' },
        ],
      },
    ],
  };
}

let imageBytes: Buffer | undefined;

async function tinyJpeg(): Promise<Buffer> {
  imageBytes ??= await sharp({ create: { width: 64, height: 36, channels: 3, background: '#557799' } }).jpeg().toBuffer();
  return imageBytes;
}

const made: string[] = [];

/** Writes records into a new temporary data folder; `raw` files are written as given (for broken JSON). */
export async function writeDataDir(records: FixtureRecords, raw: Record<string, string> = {}): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-test-'));
  made.push(dir);
  for (const sub of ['authors', 'sources', 'articles', 'pages', 'images']) mkdirSync(path.join(dir, sub), { recursive: true });
  const jpeg = await tinyJpeg();
  writeFileSync(path.join(dir, 'images', 'pic.jpg'), jpeg);
  writeFileSync(path.join(dir, 'images', 'avatar.jpg'), jpeg);
  writeFileSync(path.join(dir, 'site.json'), JSON.stringify(records.site, null, 2));
  for (const [folder, list] of [['authors', records.authors], ['sources', records.sources], ['articles', records.articles], ['pages', records.pages ?? []]] as const) {
    for (const record of list) writeFileSync(path.join(dir, folder, `${String(record.slug)}.json`), JSON.stringify(record, null, 2));
  }
  for (const [file, text] of Object.entries(raw)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export function removeDataDirs(): void {
  while (made.length) rmSync(made.pop() as string, { recursive: true, force: true });
}

export async function loadFixture(records: FixtureRecords = baseRecords(), raw: Record<string, string> = {}): Promise<{ dir: string; content: Content }> {
  const dir = await writeDataDir(records, raw);
  return { dir, content: await loadContent(dir, { now: NOW }) };
}

/**
 * The site as the server runs it over a data folder: the front layer with a
 * page cache in front of the Express app, with a clock the test controls.
 * `app` is what supertest drives; `express` is the app without the front layer.
 */
export async function appFor(dir: string, clock: { now: Date } = { now: NOW }, pageCacheBytes = 8 * 1024 * 1024, appOptions: Pick<AppOptions, 'previewSecret'> = {}) {
  const content = await loadContent(dir, { now: clock.now });
  const store = new CatalogStore(content, () => clock.now);
  const logger = createLogger('silent');
  const pageCache = pageCacheBytes > 0 ? new PageCache(pageCacheBytes) : undefined;
  const expressApp = createApp({ store, dataDir: dir, logger, ...appOptions, ...(pageCache && { pageCache }) });
  const app = createFrontHandler({ app: expressApp, store, logger, ...(pageCache && { pageCache }) });
  return { app, express: expressApp, pageCache, store, content, clock };
}

export const DEMO_DATA_DIR = path.resolve(__dirname, '../../data');

/** Decodes the HTML entities our templates produce (numeric ones and the five named ones). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Visible text of an HTML page with tags dropped and entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
