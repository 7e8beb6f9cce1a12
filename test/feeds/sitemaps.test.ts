/**
 * robots.txt, the sitemap index, paged sitemaps and the news sitemap as pure
 * functions of the catalog (and, for news, of the time asked about).
 */
import { buildCatalog, type Catalog } from '../../src/content/catalog';
import { newsArticles, newsSitemap, robotsTxt, sitemapIndex, sitemapPage } from '../../src/feeds/sitemaps';
import { baseRecords, loadFixture, NOW, removeDataDirs, type FixtureRecords, type Json } from '../helpers/fixture';
import { parseXml } from './xml-check';

afterAll(removeDataDirs);

const BASE = 'https://news.example.test';

async function catalogOf(records: FixtureRecords = baseRecords()): Promise<Catalog> {
  const { content } = await loadFixture(records);
  expect(content.problems).toEqual([]);
  return buildCatalog(content, 1, NOW);
}

function locs(xml: string): string[] {
  const doc = parseXml(xml);
  return (doc.urlset?.url ?? doc.sitemapindex?.sitemap ?? []).map((u: Json) => String(u.loc));
}

test('robots.txt allows everything but search and names the sitemap index', async () => {
  const catalog = await catalogOf();
  expect(robotsTxt(catalog)).toBe(`User-agent: *\nAllow: /\nDisallow: /search\nDisallow: /preview/\n\nSitemap: ${BASE}/sitemap.xml\n`);
});

test('the index lists one sitemap per kind, then the news sitemap', async () => {
  const catalog = await catalogOf();
  const xml = sitemapIndex(catalog, NOW);
  expect(parseXml(xml).sitemapindex['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  expect(locs(xml)).toEqual(['articles-1', 'authors-1', 'sources-1', 'tags-1', 'sections-1', 'pages-1', 'news'].map((n) => `${BASE}/sitemaps/${n}.xml`));
  // lastmod of a sitemap is its newest URL's.
  expect(parseXml(xml).sitemapindex.sitemap[0].lastmod).toBe('2026-05-03T09:00:00.000Z');
});

test('each kind lists its URLs with lastmod; lists use their newest article', async () => {
  const r = baseRecords();
  r.articles[0] = { ...r.articles[0], updatedAt: '2026-05-20T10:00:00Z' }; // first-story, updated after the others were published
  const catalog = await catalogOf(r);
  const urlsOf = (kind: Parameters<typeof sitemapPage>[1]) =>
    parseXml(sitemapPage(catalog, kind, 1) as string).urlset.url.map((u: Json) => [String(u.loc).replace(BASE, ''), u.lastmod]);
  expect(urlsOf('articles')).toEqual([
    ['/articles/third-story', '2026-05-03T09:00:00.000Z'],
    ['/articles/second-story', '2026-05-02T09:00:00.000Z'],
    ['/articles/first-story', '2026-05-20T10:00:00.000Z'],
  ]);
  expect(urlsOf('authors')).toEqual([
    ['/authors/ada-lane', '2026-05-20T10:00:00.000Z'],
    ['/authors/ben-okafor', '2026-05-02T09:00:00.000Z'],
  ]);
  expect(urlsOf('sources')).toEqual([
    ['/sources/city-hall', '2026-05-02T09:00:00.000Z'],
    ['/sources/wire-agency', '2026-05-20T10:00:00.000Z'],
  ]);
  expect(urlsOf('tags')).toEqual([
    ['/tags/ferries', '2026-05-03T09:00:00.000Z'],
    ['/tags/harbours', '2026-05-20T10:00:00.000Z'],
  ]);
  expect(urlsOf('sections')).toEqual([
    ['/', '2026-05-20T10:00:00.000Z'],
    ['/sections/world', '2026-05-20T10:00:00.000Z'],
    ['/sections/business', '2026-05-03T09:00:00.000Z'],
  ]);
  // Static pages: published ones by slug, lastmod where the record gives updatedAt; drafts nowhere.
  expect(urlsOf('pages')).toEqual([['/about', '2026-04-01T10:00:00.000Z']]);
  // The main image rides along with its article.
  expect(parseXml(sitemapPage(catalog, 'articles', 1) as string).urlset.url[0]['image:image']['image:loc']).toBe(`${BASE}/images/pic.jpg`);
});

test('static pages are listed by slug, lastmod only where updatedAt is given, drafts left out', async () => {
  const r = baseRecords();
  r.pages!.push(
    { slug: 'contact', title: 'Contact', body: [{ type: 'paragraph', text: 'Write to us.' }] },
    { slug: 'privacy', title: 'Privacy', status: 'draft', body: [{ type: 'paragraph', text: 'Soon.' }] },
  );
  const catalog = await catalogOf(r);
  const urls = parseXml(sitemapPage(catalog, 'pages', 1) as string).urlset.url as Json[];
  expect(urls.map((u) => [String(u.loc), u.lastmod])).toEqual([
    [`${BASE}/about`, '2026-04-01T10:00:00.000Z'],
    [`${BASE}/contact`, undefined],
  ]);
});

test('sitemaps split at the page size; a page past the end does not exist', async () => {
  const r = baseRecords();
  const template = r.articles[0] as Json;
  r.articles = Array.from({ length: 7 }, (_, i) => ({ ...template, slug: `story-${i + 1}`, publishedAt: new Date(Date.UTC(2026, 3, i + 1, 9)).toISOString() }));
  const catalog = await catalogOf(r);
  const index = locs(sitemapIndex(catalog, NOW, 3));
  expect(index.filter((u) => u.includes('/articles-'))).toEqual([1, 2, 3].map((n) => `${BASE}/sitemaps/articles-${n}.xml`));
  const pages = [1, 2, 3].map((n) => locs(sitemapPage(catalog, 'articles', n, 3) as string));
  expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
  expect(pages.flat()).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `${BASE}/articles/story-${n}`));
  expect(sitemapPage(catalog, 'articles', 4, 3)).toBeUndefined();
  expect(sitemapPage(catalog, 'articles', 0, 3)).toBeUndefined();
});

test('in the index, each page of a split sitemap is dated by the newest change among its own URLs', async () => {
  const r = baseRecords();
  const template = r.articles[0] as Json;
  r.articles = Array.from({ length: 7 }, (_, i) => ({ ...template, slug: `story-${i + 1}`, publishedAt: new Date(Date.UTC(2026, 3, i + 1, 9)).toISOString() }));
  (r.articles[2] as Json).updatedAt = '2026-05-15T08:00:00Z'; // story-3, on page 2 (story-4, story-3, story-2)
  const catalog = await catalogOf(r);
  const index = parseXml(sitemapIndex(catalog, NOW, 3)).sitemapindex.sitemap as Json[];
  const dated = index.filter((s) => String(s.loc).includes('/articles-')).map((s) => [String(s.loc).replace(`${BASE}/sitemaps/`, ''), s.lastmod]);
  expect(dated).toEqual([
    ['articles-1.xml', '2026-04-07T09:00:00.000Z'],
    ['articles-2.xml', '2026-05-15T08:00:00.000Z'],
    ['articles-3.xml', '2026-04-01T09:00:00.000Z'],
  ]);
});

test('the news sitemap holds only articles of the 48 hours up to now', async () => {
  const r = baseRecords();
  r.articles.push(
    { ...r.articles[0], slug: 'fresh-story', headline: 'Fresh & <new>', publishedAt: '2026-06-01T11:00:00Z', language: 'de' },
    { ...r.articles[0], slug: 'day-old-story', publishedAt: '2026-05-31T09:00:00Z' },
    { ...r.articles[0], slug: 'too-old-story', publishedAt: '2026-05-30T11:59:59Z' },
    { ...r.articles[0], slug: 'draft-story', status: 'draft', publishedAt: '2026-06-01T10:00:00Z' },
    { ...r.articles[0], slug: 'embargoed-story', publishedAt: '2026-06-01T12:30:00Z' },
  );
  const catalog = await catalogOf(r);
  const xml = newsSitemap(catalog, NOW);
  const doc = parseXml(xml).urlset;
  expect(doc['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
  expect(doc.url.map((u: Json) => u.loc)).toEqual([`${BASE}/articles/fresh-story`, `${BASE}/articles/day-old-story`]);
  expect(doc.url[0]['news:news']).toEqual({
    'news:publication': { 'news:name': 'Test Gazette', 'news:language': 'de' },
    'news:publication_date': '2026-06-01T11:00:00.000Z',
    'news:title': 'Fresh & <new>',
  });
  expect(xml).toContain('<news:title>Fresh &amp; &lt;new&gt;</news:title>');
  // The catalog can be older than the request: "now" is the request's time, not the catalog's.
  expect(newsArticles(catalog, new Date('2026-06-02T10:00:00Z')).map((a) => a.slug)).toEqual(['fresh-story']);
  expect(newsArticles(catalog, new Date('2026-06-10T00:00:00Z'))).toEqual([]);
  expect(parseXml(newsSitemap(catalog, new Date('2026-06-10T00:00:00Z'))).urlset.url).toBeUndefined();
});

test('drafts, embargoes and what only they mention are in no sitemap', async () => {
  const r = baseRecords();
  r.authors.push({ slug: 'secret-writer', name: 'Secret Writer' });
  r.sources.push({ slug: 'hidden-source', name: 'Hidden Source' });
  const hidden = { ...r.articles[0], authors: ['secret-writer'], tags: ['secret-tag'], sources: ['hidden-source'], section: 'secret-section' };
  r.articles.push(
    { ...hidden, slug: 'draft-story', status: 'draft', publishedAt: '2026-05-31T09:00:00Z' },
    { ...hidden, slug: 'embargoed-story', publishedAt: '2026-06-01T13:00:00Z' },
  );
  const catalog = await catalogOf(r);
  const all = [sitemapIndex(catalog, NOW), newsSitemap(catalog, NOW)];
  for (const kind of ['articles', 'authors', 'sources', 'tags', 'sections'] as const) all.push(sitemapPage(catalog, kind, 1) as string);
  for (const xml of all) expect(xml).not.toMatch(/draft-story|embargoed-story|secret-writer|hidden-source|secret-tag|secret-section/);
});
