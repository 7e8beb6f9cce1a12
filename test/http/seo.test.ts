/**
 * What search engines and link-card scrapers read in <head>: Open Graph, Twitter
 * and article:* meta tags and JSON-LD, on every page type, over the fixture and
 * the demo data. Every URL is absolute; no text can break out of a JSON-LD script.
 */
import request from 'supertest';
import { appFor, baseRecords, decodeEntities, DEMO_DATA_DIR, removeDataDirs, writeDataDir, type FixtureRecords } from '../helpers/fixture';

afterAll(removeDataDirs);

const BASE = 'https://news.example.test';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Properties whose values are addresses. */
const URL_KEYS = new Set(['url', '@id', 'item', 'sameAs', 'urlTemplate', 'image', 'logo', 'mainEntityOfPage']);

type Node = Record<string, unknown>;


function jsonLdBlocks(html: string): Node[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Node);
  expect(blocks.length).toBeGreaterThan(0);
  for (const block of blocks) expect(block['@context']).toBe('https://schema.org');
  return blocks;
}

function blockOfType(blocks: Node[], type: string): Node {
  const block = blocks.find((b) => b['@type'] === type);
  expect(block).toBeDefined();
  return block!;
}

/** Every address anywhere in the JSON-LD (including nested nodes) is absolute http(s). */
function expectAbsoluteUrls(value: unknown, key = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) expectAbsoluteUrls(item, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectAbsoluteUrls(v, k);
  } else if (typeof value === 'string' && URL_KEYS.has(key)) {
    expect(value).toMatch(/^https?:\/\/[^/\s]+/);
  }
}

function metaTags(html: string): { key: string; content: string }[] {
  return [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)].map((m) => ({ key: decodeEntities(m[1]!), content: decodeEntities(m[2]!) }));
}

function metaAll(html: string, key: string): string[] {
  return metaTags(html)
    .filter((t) => t.key === key)
    .map((t) => t.content);
}

function meta(html: string, key: string): string {
  const values = metaAll(html, key);
  expect({ key, count: values.length }).toEqual({ key, count: 1 });
  return values[0]!;
}

/** The Open Graph and Twitter tags every indexable page carries, all URLs under the site's base. */
function expectSocialMeta(html: string, base: string, expected: { type: string; url: string; card: 'summary' | 'summary_large_image'; image?: boolean }): void {
  expect(meta(html, 'og:type')).toBe(expected.type);
  expect(meta(html, 'og:url')).toBe(expected.url);
  expect(meta(html, 'og:title')).not.toBe('');
  expect(meta(html, 'og:description')).not.toBe('');
  expect(meta(html, 'og:site_name')).not.toBe('');
  expect(meta(html, 'og:locale')).toMatch(/^[a-z]{2,3}(_[A-Z]{2})?$/);
  expect(meta(html, 'twitter:card')).toBe(expected.card);
  expect(meta(html, 'twitter:title')).toBe(meta(html, 'og:title'));
  expect(meta(html, 'twitter:description')).toBe(meta(html, 'og:description'));
  if (expected.image !== false) {
    expect(meta(html, 'og:image').startsWith(`${base}/`)).toBe(true);
    expect(Number(meta(html, 'og:image:width'))).toBeGreaterThan(0);
    expect(Number(meta(html, 'og:image:height'))).toBeGreaterThan(0);
    expect(meta(html, 'og:image:alt')).not.toBe('');
    expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'));
  }
  expect(html).toMatch(/<meta name="robots" content="[^"]*max-image-preview:large/);
}

/** The NewsArticle checks shared by the fixture and the demo data. */
function expectNewsArticle(blocks: Node[], base: string, url: string): Node {
  const ld = blockOfType(blocks, 'NewsArticle');
  expectAbsoluteUrls(blocks);
  expect(ld.url).toBe(url);
  expect(typeof ld.headline).toBe('string');
  expect(typeof ld.description).toBe('string');
  expect(ld.datePublished).toMatch(ISO_DATE);
  expect(ld.dateModified).toMatch(ISO_DATE);
  expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': url });
  expect(typeof ld.inLanguage).toBe('string');
  expect(typeof ld.articleSection).toBe('string');
  const authors = ld.author as Node[];
  expect(authors.length).toBeGreaterThan(0);
  for (const author of authors) {
    expect(author['@type']).toBe('Person');
    expect(typeof author.name).toBe('string');
    expect(String(author.url).startsWith(`${base}/authors/`)).toBe(true);
  }
  const publisher = ld.publisher as Node;
  expect(publisher['@type']).toBe('NewsMediaOrganization');
  expect(publisher.url).toBe(`${base}/`);
  if (publisher.logo) {
    const logo = publisher.logo as Node;
    expect(logo['@type']).toBe('ImageObject');
    expect(String(logo.url).startsWith(`${base}/`)).toBe(true);
    expect(logo.width).toBeGreaterThan(0);
    expect(logo.height).toBeGreaterThan(0);
  }
  for (const image of (ld.image as Node[] | undefined) ?? []) expect(String(image.url).startsWith(`${base}/`)).toBe(true);
  for (const cited of (ld.citation as Node[] | undefined) ?? []) {
    expect(cited['@type']).toBe('CreativeWork');
    expect(typeof cited.name).toBe('string');
    expect(typeof cited.url).toBe('string');
  }
  const crumbs = blockOfType(blocks, 'BreadcrumbList');
  const items = crumbs.itemListElement as Node[];
  expect(items.map((i) => i.position)).toEqual([1, 2, 3]);
  expect(items[0]!.item).toBe(`${base}/`);
  expect(String(items[1]!.item).startsWith(`${base}/sections/`)).toBe(true);
  expect(items[2]!.item).toBe(url);
  return ld;
}

async function fixtureApp(change: (r: FixtureRecords) => void = () => {}) {
  const records = baseRecords();
  change(records);
  return (await appFor(await writeDataDir(records))).app;
}

describe('structured data and link cards over the fixture', () => {
  test('an article with two authors, an origin and a cited URL', async () => {
    const app = await fixtureApp();
    const url = `${BASE}/articles/second-story`;
    const { text: html } = await request(app).get('/articles/second-story').expect(200);
    const ld = expectNewsArticle(jsonLdBlocks(html), BASE, url);
    expect(ld.headline).toBe('Headline of second-story');
    expect(ld.description).toBe('Standfirst of second-story.');
    expect(ld.datePublished).toBe('2026-05-02T09:00:00.000Z');
    expect(ld.inLanguage).toBe('en');
    expect(ld.articleSection).toBe('World');
    expect(ld.keywords).toEqual(['Harbours']);
    // The 1200×630 crop, the same picture as og:image.
    expect(ld.image).toEqual([{ '@type': 'ImageObject', url: expect.stringMatching(new RegExp(`^${BASE}/img/[0-9a-f]{16}-og\\.jpg$`)), width: 1200, height: 630 }]);
    expect((ld.image as Node[])[0]!.url).toBe(meta(html, 'og:image'));
    expect((ld.author as Node[]).map((a) => [a.name, a.url, a.sameAs])).toEqual([
      ['Ada Lane', `${BASE}/authors/ada-lane`, ['https://example.org/ada']],
      ['Ben Okafor', `${BASE}/authors/ben-okafor`, undefined],
    ]);
    expect(ld.citation).toEqual([expect.objectContaining({ '@type': 'CreativeWork', name: 'City Hall', url: 'https://city.example.org/report' })]);
    expect((ld.citation as Node[])[0]!.publisher).toEqual(expect.objectContaining({ '@type': 'GovernmentOrganization', '@id': `${BASE}/sources/city-hall` }));
    expect(ld.isBasedOn).toEqual(expect.objectContaining({ '@type': 'CreativeWork', name: 'Wire Agency', url: 'https://wire.example.org' }));

    expectSocialMeta(html, BASE, { type: 'article', url, card: 'summary_large_image' });
    expect(meta(html, 'og:title')).toBe('Headline of second-story');
    expect(meta(html, 'og:locale')).toBe('en_GB');
    expect(meta(html, 'og:image')).toMatch(new RegExp(`^${BASE}/img/[0-9a-f]{16}-og\\.jpg$`));
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('630');
    expect(meta(html, 'article:published_time')).toBe('2026-05-02T09:00:00.000Z');
    expect(meta(html, 'article:modified_time')).toMatch(ISO_DATE);
    expect(metaAll(html, 'article:author')).toEqual([`${BASE}/authors/ada-lane`, `${BASE}/authors/ben-okafor`]);
    expect(meta(html, 'article:section')).toBe('World');
    expect(metaAll(html, 'article:tag')).toEqual(['Harbours']);
  });

  test('a citation without its own URL points at our page on the source', async () => {
    const app = await fixtureApp();
    const { text: html } = await request(app).get('/articles/first-story').expect(200);
    const ld = expectNewsArticle(jsonLdBlocks(html), BASE, `${BASE}/articles/first-story`);
    expect(ld.citation).toEqual([expect.objectContaining({ name: 'Wire Agency', url: `${BASE}/sources/wire-agency` })]);
    expect(ld.isBasedOn).toBeUndefined();
  });

  test('updatedAt is the modified time', async () => {
    const app = await fixtureApp((r) => {
      r.articles[0] = { ...r.articles[0], updatedAt: '2026-05-04T08:30:00+02:00' };
    });
    const { text: html } = await request(app).get('/articles/first-story').expect(200);
    expect(blockOfType(jsonLdBlocks(html), 'NewsArticle').dateModified).toBe('2026-05-04T06:30:00.000Z');
    expect(meta(html, 'article:modified_time')).toBe('2026-05-04T06:30:00.000Z');
  });

  test('a headline that tries to close the script stays inside the JSON', async () => {
    const headline = 'Breaking </script><script>alert(1)</script> <!-- \u2028 & more';
    const app = await fixtureApp((r) => {
      r.articles[0] = { ...r.articles[0], headline };
      r.authors[0] = { ...r.authors[0], name: 'Ada </script><script>alert(2)</script>' };
    });
    for (const path of ['/articles/first-story', '/authors/ada-lane']) {
      const { text: html } = await request(app).get(path).expect(200);
      expect(html).not.toContain('</script><script>alert');
      expect(html).not.toContain('<script>alert');
      jsonLdBlocks(html);
    }
    const { text: html } = await request(app).get('/articles/first-story').expect(200);
    expect(blockOfType(jsonLdBlocks(html), 'NewsArticle').headline).toBe(headline);
    expect(meta(html, 'og:title')).toBe(headline);
  });

  test('the author page is a ProfilePage about a Person', async () => {
    const app = await fixtureApp();
    const url = `${BASE}/authors/ada-lane`;
    const { text: html } = await request(app).get('/authors/ada-lane').expect(200);
    const blocks = jsonLdBlocks(html);
    expectAbsoluteUrls(blocks);
    const profile = blockOfType(blocks, 'ProfilePage');
    expect(profile.url).toBe(url);
    expect(profile.mainEntity).toEqual(
      expect.objectContaining({
        '@type': 'Person',
        name: 'Ada Lane',
        url,
        description: 'Ada writes about harbours.',
        jobTitle: 'Reporter',
        sameAs: ['https://example.org/ada'],
        image: expect.objectContaining({ url: `${BASE}/images/avatar.jpg` }),
      }),
    );
    expectSocialMeta(html, BASE, { type: 'profile', url, card: 'summary' });
    expect(meta(html, 'og:image')).toBe(`${BASE}/images/avatar.jpg`);
  });

  test.each([
    ['wire-agency', 'NewsMediaOrganization', 'https://wire.example.org'],
    ['city-hall', 'GovernmentOrganization', `${BASE}/sources/city-hall`],
  ])('the source page %s is an organisation', async (slug, type, url) => {
    const app = await fixtureApp();
    const { text: html } = await request(app).get(`/sources/${slug}`).expect(200);
    const blocks = jsonLdBlocks(html);
    expectAbsoluteUrls(blocks);
    const org = blockOfType(blocks, type);
    expect(org['@id']).toBe(`${BASE}/sources/${slug}`);
    expect(org.url).toBe(url);
    expect(typeof org.name).toBe('string');
    expectSocialMeta(html, BASE, { type: 'website', url: `${BASE}/sources/${slug}`, card: 'summary', image: false });
  });

  test('the front page is a WebSite with a site search action', async () => {
    const app = await fixtureApp();
    const { text: html } = await request(app).get('/').expect(200);
    const blocks = jsonLdBlocks(html);
    expectAbsoluteUrls(blocks);
    const site = blockOfType(blocks, 'WebSite');
    expect(site).toEqual(
      expect.objectContaining({
        name: 'Test Gazette',
        url: `${BASE}/`,
        inLanguage: 'en',
        publisher: expect.objectContaining({ '@type': 'NewsMediaOrganization', name: 'Test Gazette', url: `${BASE}/` }),
        potentialAction: {
          '@type': 'SearchAction',
          target: { '@type': 'EntryPoint', urlTemplate: `${BASE}/search?q={search_term_string}` },
          'query-input': 'required name=search_term_string',
        },
      }),
    );
    // The fixture site has no logo: the cards carry no image rather than a broken one.
    expectSocialMeta(html, BASE, { type: 'website', url: `${BASE}/`, card: 'summary', image: false });
    expect(metaAll(html, 'og:image')).toEqual([]);
  });

  test('with a site logo, list pages use it as their card image and the publisher logo', async () => {
    const app = await fixtureApp((r) => {
      r.site = { ...r.site, logo: 'images/pic.jpg' };
    });
    const { text: html } = await request(app).get('/').expect(200);
    expectSocialMeta(html, BASE, { type: 'website', url: `${BASE}/`, card: 'summary' });
    expect(meta(html, 'og:image')).toBe(`${BASE}/images/pic.jpg`);
    const publisher = blockOfType(jsonLdBlocks(html), 'WebSite').publisher as Node;
    expect(publisher.logo).toEqual({ '@type': 'ImageObject', url: `${BASE}/images/pic.jpg`, width: 64, height: 36 });
  });

  test('tag and section pages are CollectionPages; sections have breadcrumbs', async () => {
    const app = await fixtureApp();
    for (const [path, name] of [['/tags/harbours', 'Harbours'], ['/sections/world', 'World']] as const) {
      const { text: html } = await request(app).get(path).expect(200);
      const blocks = jsonLdBlocks(html);
      expectAbsoluteUrls(blocks);
      expect(blockOfType(blocks, 'CollectionPage')).toEqual(expect.objectContaining({ name, url: `${BASE}${path}` }));
      expectSocialMeta(html, BASE, { type: 'website', url: `${BASE}${path}`, card: 'summary', image: false });
    }
    const { text: html } = await request(app).get('/sections/world').expect(200);
    const items = blockOfType(jsonLdBlocks(html), 'BreadcrumbList').itemListElement as Node[];
    expect(items.map((i) => [i.position, i.name, i.item])).toEqual([
      [1, 'Test Gazette', `${BASE}/`],
      [2, 'World', `${BASE}/sections/world`],
    ]);
  });

  test('paged lists give the paged canonical URL to og:url', async () => {
    const app = await fixtureApp((r) => {
      for (let i = 0; i < 12; i++) r.articles.push({ ...r.articles[0], slug: `extra-${i}` });
    });
    const { text: html } = await request(app).get('/tags/harbours?page=2').expect(200);
    expect(meta(html, 'og:url')).toBe(`${BASE}/tags/harbours?page=2`);
    expect(blockOfType(jsonLdBlocks(html), 'CollectionPage').url).toBe(`${BASE}/tags/harbours?page=2`);
  });

  test('drafts and embargoed articles never appear in metadata', async () => {
    const app = await fixtureApp((r) => {
      r.articles.push({ ...r.articles[0], slug: 'secret-draft', headline: 'Secret draft headline', status: 'draft', tags: ['hidden-tag'] });
      r.articles.push({ ...r.articles[0], slug: 'secret-embargo', headline: 'Secret embargo headline', publishedAt: '2027-01-01T00:00:00Z' });
    });
    for (const path of ['/', '/authors/ada-lane', '/sources/wire-agency', '/tags/harbours', '/sections/world', '/articles/first-story']) {
      const { text: html } = await request(app).get(path).expect(200);
      expect(html).not.toContain('secret-');
      expect(html).not.toContain('Secret');
    }
  });
});

describe('structured data over the demo data', () => {
  test('the seed article has a complete NewsArticle and every URL is absolute', async () => {
    const { app, content } = await appFor(DEMO_DATA_DIR, { now: new Date() });
    const base = content.site.baseUrl;
    const slug = 'unfit-conscripts-sent-home';
    const url = `${base}/articles/${slug}`;
    const { text: html } = await request(app).get(`/articles/${slug}`).expect(200);
    const ld = expectNewsArticle(jsonLdBlocks(html), base, url);
    const article = content.articles.get(slug)!;
    expect(ld.headline).toBe(article.headline);
    expect((ld.author as Node[]).map((a) => a.name)).toEqual(article.authors.map((a) => a.name));
    expect((ld.citation as Node[]).length).toBe(article.citations.length);
    expect((ld.publisher as Node).logo).toBeDefined();
    expect(ld.isBasedOn).toBeDefined();
    expectSocialMeta(html, base, { type: 'article', url, card: article.image ? 'summary_large_image' : 'summary' });
  });

  test('every demo page type carries JSON-LD with absolute URLs', async () => {
    const { app, content } = await appFor(DEMO_DATA_DIR, { now: new Date() });
    const base = content.site.baseUrl;
    const author = [...content.authors.keys()][0]!;
    const source = [...content.sources.keys()][0]!;
    for (const path of ['/', `/authors/${author}`, `/sources/${source}`, '/sections/world', '/tags/russia']) {
      const { text: html } = await request(app).get(path).expect(200);
      expectAbsoluteUrls(jsonLdBlocks(html));
      expect(meta(html, 'og:url')).toBe(`${base}${path}`);
      expect(meta(html, 'og:image').startsWith(`${base}/`)).toBe(true);
    }
  });
});
