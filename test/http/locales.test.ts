/**
 * Every page type (the 404, 410 and 500 pages too), in every shipped locale, on the demo site: no English
 * string of en.json is left where the locale translates it. The demo's own
 * content is English, so it is first replaced by a neutral word ("Zorbl 7"):
 * then any English phrase on the page can only be the site's own words.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import en from '../../locales/en.json';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { Views } from '../../src/http/views';
import { createLogger } from '../../src/log';
import { previewPath } from '../../src/routes/preview-signature';
import { shippedLocales, type MessageKey } from '../../src/text/locale';
import { appFor, DEMO_DATA_DIR, NOW } from '../helpers/fixture';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Fields whose strings are content people wrote (and would write in the site's language). */
const WRITTEN = new Set(['headline', 'standfirst', 'text', 'name', 'bio', 'role', 'description', 'caption', 'credit', 'alt', 'title', 'label', 'attribution', 'items', 'header', 'rows']);

function neutralise(value: unknown, counter: { n: number }, written = false): unknown {
  if (typeof value === 'string') return written ? `Zorbl ${++counter.n}` : value;
  if (Array.isArray(value)) return value.map((v) => neutralise(v, counter, written));
  if (value && typeof value === 'object') {
    // An article marked English would rightly keep English labels on another site: it is left to default to the site's language.
    const entries = Object.entries(value).filter(([k, v]) => !(k === 'language' && v === 'en'));
    return Object.fromEntries(entries.map(([k, v]) => [k, k === 'tags' ? (v as string[]).map((_, i) => `zorbl-${i + 1}`) : neutralise(v, counter, written || WRITTEN.has(k))]));
  }
  return value;
}

/** The demo data with every written string neutral, the site in `language`. */
function demoIn(language: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-demo-locale-'));
  made.push(dir);
  cpSync(DEMO_DATA_DIR, dir, { recursive: true });
  const counter = { n: 0 };
  for (const folder of ['articles', 'authors', 'sources', 'pages']) {
    for (const file of readdirSync(path.join(dir, folder)).filter((f) => f.endsWith('.json'))) {
      const full = path.join(dir, folder, file);
      writeFileSync(full, JSON.stringify(neutralise(JSON.parse(readFileSync(full, 'utf8')), counter)));
    }
  }
  const sitePath = path.join(dir, 'site.json');
  const site = neutralise(JSON.parse(readFileSync(sitePath, 'utf8')), counter) as Record<string, unknown>;
  writeFileSync(sitePath, JSON.stringify({ ...site, language, locale: language }));
  return dir;
}

/** English fragments of a message (placeholders and plural numbers cut out), kept when long enough to mean something. */
function fragments(message: string): string[] {
  const formatted = message
    .replace(/\{(\w+), plural,((?:[^{}]|\{[^{}]*\})*)\}/g, (_m, _arg, forms: string) => [...forms.matchAll(/\{([^{}]*)\}/g)].map((f) => f[1]).join('\u0000'))
    .replace(/\{\w+\}|#/g, '\u0000');
  return formatted
    .split('\u0000')
    .map((f) => f.trim().replace(/^[“”(),.:·–-]+|[“”(),.:·–-]+$/g, '').trim())
    // A phrase, or a capitalised label ("Sources"); lone lower-case words ("article") are too common to be evidence.
    .filter((f) => f.length >= 4 && f !== 'newsreel' && (/\s/.test(f) || /^\p{Lu}/u.test(f)));
}

/** The needles for a locale: English fragments of each message the locale words differently, which it does not itself contain. */
function needlesFor(language: string): { key: string; needle: string }[] {
  const locale = shippedLocales().locales.find(language)!;
  const out: { key: string; needle: string }[] = [];
  for (const key of Object.keys(en) as MessageKey[]) {
    const mine = locale.messages.get(key) as string;
    if (mine === en[key]) continue;
    for (const needle of fragments(en[key])) if (!mine.includes(needle)) out.push({ key, needle });
  }
  return out;
}

/**
 * What a reader can read or hear: text, the attributes that are words (labels, titles, placeholders, alt,
 * descriptions) and JSON-LD names; not markup, types or addresses.
 */
function readable(body: string): string {
  const attributes = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const meta = [...body.matchAll(/<meta (?:name|property)="(?:description|og:title|og:description|twitter:title|twitter:description)" content="([^"]*)"/g)].map((m) => m[1]);
  const ld = [...body.matchAll(/"(?:name|description|headline)":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  const text = body.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ');
  return [text, ...attributes, ...meta, ...ld].join('\n').replace(/https?:\/\/\S+/g, ' ');
}

/** A whole-word match: "Page" is not found in "WebPage". */
const containsPhrase = (text: string, needle: string) => new RegExp(`(?<![\\p{L}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text);

class ArticleViewsThatThrow extends Views {
  override render(view: string, model: object): string {
    if (view === 'article') throw new Error('boom');
    return super.render(view, model);
  }
}

const PREVIEW_SECRET = 'locales-test-preview-secret-0123456789';
/** A signed preview link, valid for an hour of the real clock (the one previews are checked against). */
const PREVIEW_EXPIRES = Math.floor(Date.now() / 1000) + 3600;
const preview = (slug: string) => previewPath(PREVIEW_SECRET, slug, PREVIEW_EXPIRES);
const ARTICLE = 'port-alder-punctuality-data'; // has a correction, sources, a table, an updated date
const ADAPTED = 'unfit-conscripts-sent-home'; // adapted from a source
const PAGES = [
  '/',
  '/?page=2',
  `/articles/${ARTICLE}`,
  `/articles/${ADAPTED}`,
  '/authors/james-springer',
  '/sources/hotnews',
  '/sources/meduza',
  '/tags/zorbl-1',
  '/sections/world',
  '/search',
  '/search?q=Zorbl',
  '/search?q=Zorbl&page=2',
  '/search?q=qqqqqqqq',
  '/search?q=Zorbl+qqqqqqqq',
  `/search?q=${'Zorbl '.repeat(45)}`,
  '/about',
  '/corrections',
  '/no-such-page',
  '/newsletter', // data/redirects.json: gone (410)
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  '/authors/james-springer/feed.xml',
  '/sources/hotnews/atom.xml',
  '/tags/zorbl-1/feed.json',
  preview('market-hall-plans'), // a draft
  preview('new-year-drone-show'), // embargoed
  preview(ARTICLE), // live
];

describe.each(['de', 'ru', 'ar'])('every page type in %s', (language) => {
  let pages: { url: string; status: number; body: string }[];

  beforeAll(async () => {
    const dir = demoIn(language);
    const { app } = await appFor(dir, { now: NOW }, 8 * 1024 * 1024, { previewSecret: PREVIEW_SECRET });
    pages = [];
    for (const url of PAGES) {
      const res = await request(app).get(url);
      pages.push({ url, status: res.status, body: res.text });
    }
    const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
    const failing = createApp({ store, dataDir: dir, logger: createLogger('silent'), views: new ArticleViewsThatThrow() });
    const res = await request(failing).get(`/articles/${ARTICLE}`);
    pages.push({ url: '500', status: res.status, body: res.text });
  });

  test('every page answers as it should, in the site’s language and direction', () => {
    const expected = (url: string) => ({ '/no-such-page': 404, '/newsletter': 410 })[url] ?? 200;
    expect(pages.map((p) => [p.url, p.status])).toEqual([...PAGES.map((url) => [url, expected(url)]), ['500', 500]]);
    for (const page of pages.filter((p) => !p.url.includes('feed') && !p.url.includes('atom'))) {
      expect([page.url, page.body]).toEqual([page.url, expect.stringContaining(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`)]);
    }
  });

  test('no English phrase of en.json is left where the locale has its own words', () => {
    const needles = needlesFor(language);
    expect(needles.length).toBeGreaterThan(80);
    const left = pages.flatMap((page) => {
      const text = readable(page.body);
      return needles.filter(({ needle }) => containsPhrase(text, needle)).map(({ key, needle }) => `${page.url}: ${key} “${needle}”`);
    });
    expect(left).toEqual([]);
  });

  test('the pages use the locale’s words: a sample from each page type', () => {
    const locale = shippedLocales().locales.find(language)!;
    const word = (key: MessageKey) => locale.messages.get(key) as string;
    const body = (url: string) => pages.find((p) => p.url === url)!.body;
    expect(body('/')).toContain(word('layout.skipLink'));
    expect(body(`/articles/${ARTICLE}`)).toContain(`>${word('article.sources')}</h2>`);
    expect(body(`/articles/${ARTICLE}`)).toContain(`>${word('article.corrections')}</h2>`);
    expect(body(`/articles/${ADAPTED}`)).toContain(word('article.adaptedFrom'));
    expect(body('/corrections')).toContain(word('corrections.intro'));
    expect(body('/no-such-page')).toContain(word('error.notFoundHeading'));
    expect(body('500')).toContain(word('error.serverHeading'));
    expect(body('/newsletter')).toContain(word('error.goneHeading'));
    expect(body('/search?q=qqqqqqqq')).toContain(word('search.tipSpelling'));
    expect(body('/?page=2')).toContain(word('paging.newer'));
    expect(body(preview('market-hall-plans'))).toContain(word('preview.draft'));
    expect(body(preview('new-year-drone-show'))).toContain(word('preview.scheduled'));
    expect(body(preview(ARTICLE))).toContain(word('preview.liveLink'));
  });

  test('dates and counts are written as the locale writes them (Intl)', () => {
    const body = (url: string) => pages.find((p) => p.url === url)!.body;
    const published = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date('2025-07-14T08:00:00Z'));
    expect(body(`/articles/${ARTICLE}`)).toContain(`<time datetime="2025-07-14T08:00:00.000Z">${published}</time>`);
    const count = /<p class="search-count" role="status">([\s\S]*?)<\/p>/.exec(body('/search?q=Zorbl'))?.[1] ?? '';
    const locale = shippedLocales().locales.find(language)!;
    const form = new Intl.PluralRules(language).select(Number(/\d+/.exec(count)?.[0]));
    // The count's words are the plural form the language picks for that number.
    const forms = Object.fromEntries([...(locale.messages.get('search.count') as string).matchAll(/(zero|one|two|few|many|other) \{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
    expect(count).toContain((forms[form] ?? forms.other)!.replace('#', '').trim());
  });
});
