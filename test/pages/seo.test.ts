/** The <head> builders: JSON-LD serialised so no text can close its script, and the meta tags each page type carries. */
import { buildCatalog, type Catalog } from '../../src/content/catalog';
import type { MetaTag } from '../../src/pages/layout';
import { articleHead, authorHead, homeHead, jsonLdScript, ogLocale, organizationType, sectionHead, sourceHead, tagHead, withHead } from '../../src/pages/seo';
import { baseRecords, loadFixture, NOW, removeDataDirs } from '../helpers/fixture';

afterAll(removeDataDirs);

const BASE = 'https://news.example.test';

async function catalog(): Promise<Catalog> {
  const records = baseRecords();
  records.authors[1] = { ...records.authors[1], links: [{ label: 'Mail', url: 'mailto:ben@example.org' }, { label: 'Site', url: 'https://example.org/ben' }] };
  return buildCatalog((await loadFixture(records)).content, 1, NOW);
}

function metaValues(meta: MetaTag[], key: string): string[] {
  return meta.filter((m) => (m.property ?? m.name) === key).map((m) => m.content);
}

function one(meta: MetaTag[], key: string): string | undefined {
  const values = metaValues(meta, key);
  expect(values).toHaveLength(1);
  return values[0];
}

const page = (path: string, description = 'A description.') => ({ canonicalUrl: BASE + path, description, lang: 'en' });

describe('jsonLdScript', () => {
  test('no text can close the script or open a comment', () => {
    const value = { headline: '</script><script>alert(1)</script> <!-- & -->' };
    const out = jsonLdScript(value);
    expect(out).not.toMatch(/[<>&]/);
    expect(out).toContain('\\u003c/script\\u003e');
    expect(out).toContain('\\u0026');
    expect(JSON.parse(out)).toEqual(value);
  });

  test('U+2028 and U+2029 are escaped and still parse to the same text', () => {
    const value = { text: 'line\u2028separator\u2029paragraph' };
    const out = jsonLdScript(value);
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(out).toContain('\\u2028');
    expect(out).toContain('\\u2029');
    expect(JSON.parse(out)).toEqual(value);
  });

  test('refuses values JSON cannot hold', () => {
    expect(() => jsonLdScript(undefined)).toThrow(TypeError);
  });
});

describe('meta builders', () => {
  test('og:locale is written with an underscore', () => {
    expect(ogLocale('en-GB')).toBe('en_GB');
    expect(ogLocale('en')).toBe('en');
  });

  test('source kinds map to schema.org organisation types', () => {
    expect(organizationType('news-agency')).toBe('NewsMediaOrganization');
    expect(organizationType('outlet')).toBe('NewsMediaOrganization');
    expect(organizationType('official-body')).toBe('GovernmentOrganization');
    expect(organizationType('ngo')).toBe('NGO');
    expect(organizationType(undefined)).toBe('Organization');
  });

  test('an article has Open Graph, Twitter and article:* tags with absolute URLs', async () => {
    const c = await catalog();
    const article = c.articleBySlug.get('second-story')!;
    const { meta, jsonLd } = articleHead(c, article, page('/articles/second-story', 'Standfirst of second-story.'));
    expect(one(meta, 'og:type')).toBe('article');
    expect(one(meta, 'og:title')).toBe('Headline of second-story');
    expect(one(meta, 'og:description')).toBe('Standfirst of second-story.');
    expect(one(meta, 'og:url')).toBe(`${BASE}/articles/second-story`);
    expect(one(meta, 'og:site_name')).toBe('Test Gazette');
    expect(one(meta, 'og:locale')).toBe('en_GB');
    // The article's picture as the 1200×630 crop made for link cards, not the original.
    expect(one(meta, 'og:image')).toMatch(new RegExp(`^${BASE}/img/[0-9a-f]{16}-og\\.jpg$`));
    expect(one(meta, 'og:image')).toBe(`${BASE}/img/${article.image!.asset.hash}-og.jpg`);
    expect(one(meta, 'og:image:width')).toBe('1200');
    expect(one(meta, 'og:image:height')).toBe('630');
    expect(one(meta, 'og:image:alt')).toBe('Picture for second-story');
    expect(one(meta, 'twitter:card')).toBe('summary_large_image');
    expect(one(meta, 'twitter:title')).toBe('Headline of second-story');
    expect(one(meta, 'twitter:description')).toBe('Standfirst of second-story.');
    expect(one(meta, 'twitter:image')).toBe(one(meta, 'og:image'));
    expect(one(meta, 'twitter:image:alt')).toBe('Picture for second-story');
    expect(one(meta, 'article:published_time')).toBe('2026-05-02T09:00:00.000Z');
    expect(one(meta, 'article:modified_time')).toBe('2026-05-02T09:00:00.000Z');
    expect(metaValues(meta, 'article:author')).toEqual([`${BASE}/authors/ada-lane`, `${BASE}/authors/ben-okafor`]);
    expect(one(meta, 'article:section')).toBe('World');
    expect(metaValues(meta, 'article:tag')).toEqual(['Harbours']);
    expect(jsonLd).toHaveLength(2);
    expect(jsonLd.map((s) => (JSON.parse(s) as { '@type': string })['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
  });

  test('an article without an image falls back to its author’s avatar and a small card', async () => {
    const c = await catalog();
    const { image: _dropped, ...rest } = c.articleBySlug.get('first-story')!;
    const { meta } = articleHead(c, rest, page('/articles/first-story'));
    expect(one(meta, 'og:image')).toBe(`${BASE}/images/avatar.jpg`);
    expect(one(meta, 'og:image:alt')).toBe('Ada Lane');
    expect(one(meta, 'twitter:card')).toBe('summary');
  });

  test('Person sameAs keeps only web addresses', async () => {
    const c = await catalog();
    const ld = JSON.parse(articleHead(c, c.articleBySlug.get('second-story')!, page('/articles/second-story')).jsonLd[0]!) as { author: { name: string; sameAs?: string[] }[] };
    expect(ld.author.map((a) => a.name)).toEqual(['Ada Lane', 'Ben Okafor']);
    expect(ld.author[1]!.sameAs).toEqual(['https://example.org/ben']);
  });

  test('an author page is a profile with the avatar; other pages are websites with a summary card', async () => {
    const c = await catalog();
    const author = authorHead(c, c.authors.get('ada-lane')!, page('/authors/ada-lane'));
    expect(one(author.meta, 'og:type')).toBe('profile');
    expect(one(author.meta, 'og:image')).toBe(`${BASE}/images/avatar.jpg`);
    expect(one(author.meta, 'twitter:card')).toBe('summary');
    for (const head of [
      homeHead(c, page('/')),
      sourceHead(c, c.sources.get('wire-agency')!, page('/sources/wire-agency')),
      tagHead(c, c.tags.get('harbours')!, page('/tags/harbours')),
      sectionHead(c, c.sections.get('world')!, page('/sections/world')),
    ]) {
      expect(one(head.meta, 'og:type')).toBe('website');
      expect(one(head.meta, 'twitter:card')).toBe('summary');
      expect(metaValues(head.meta, 'article:published_time')).toEqual([]);
      expect(head.jsonLd.length).toBeGreaterThan(0);
    }
  });

  test('withHead adds to the layout and keeps what it already held', () => {
    const layout = { description: 'd', canonicalUrl: `${BASE}/x`, lang: 'en', meta: [{ name: 'keep', content: '1' }], jsonLd: ['{}'], feeds: [] } as unknown as Parameters<typeof withHead>[0];
    const out = withHead(layout, (p) => ({ meta: [{ property: 'og:url', content: p.canonicalUrl }], jsonLd: ['[]'] }));
    expect(out.meta).toEqual([{ name: 'keep', content: '1' }, { property: 'og:url', content: `${BASE}/x` }]);
    expect(out.jsonLd).toEqual(['{}', '[]']);
    expect(layout.meta).toHaveLength(1);
  });
});
