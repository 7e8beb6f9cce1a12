/** The static page model: title, body blocks as an article prints them, updated date, head; drafts and unknown slugs are not pages. */
import type { Catalog } from '../../src/content/catalog';
import { layoutModel } from '../../src/pages/layout';
import { staticPage } from '../../src/pages/static-page';
import { baseRecords, type FixtureRecords, type Json } from '../helpers/fixture';
import { ASSETS, BASE_URL, contextFor, pageModel, sharedContext } from '../helpers/page-fixture';

const para = (text: string): Json => ({ type: 'paragraph', text });

function records(): FixtureRecords {
  const r = baseRecords();
  r.pages!.push(
    { slug: 'contact', title: 'Contact us', nav: true, body: [para('Write to us.'), { type: 'promo', text: 'Our first story', href: '/articles/first-story' }] },
    { slug: 'privacy', title: 'Privacy', status: 'draft', nav: true, body: [para('Not ready.')] },
    { slug: 'legal', title: 'Legal notice', body: [para('Not in the footer.')] },
    { slug: 'a-propos', title: 'À propos', language: 'fr', nav: true, body: [{ type: 'heading', text: 'Qui' }, { type: 'heading', text: 'Qui' }] },
  );
  return r;
}

const ctx = sharedContext(records());
const open = (slug: string) => pageModel(staticPage(ctx(), slug));

function jsonLd(model: { layout: { jsonLd: string[] } }): Json {
  expect(model.layout.jsonLd).toHaveLength(1);
  return JSON.parse(model.layout.jsonLd[0] as string) as Json;
}

describe('staticPage', () => {
  test('title, body blocks from the block registry and the updated date', () => {
    expect(staticPage(ctx(), 'about')).toMatchObject({ kind: 'page', status: 200, view: 'page' });
    const model = open('about');
    expect(model.title).toBe('About the Gazette');
    expect(model.blocks.map((b) => b.type)).toEqual(['heading', 'paragraph']);
    expect(model.blocks[1]).toMatchObject({ type: 'paragraph', html: expect.stringContaining('<a href="mailto:desk@news.example.test">an email</a>') });
    expect(model.updated).toEqual({ iso: '2026-04-01T10:00:00.000Z', label: '1 April 2026' });
    expect(model).not.toHaveProperty('lang');
  });

  test('head: title, description, canonical URL, WebPage JSON-LD part of the WebSite, dateModified from updatedAt', () => {
    const { layout } = open('about');
    expect(layout.title).toBe('About the Gazette – Test Gazette');
    expect(layout.description).toBe('Who writes the Test Gazette.');
    expect(layout.canonicalUrl).toBe(`${BASE_URL}/about`);
    expect(layout.meta).toEqual(expect.arrayContaining([{ property: 'og:type', content: 'website' }, { property: 'og:url', content: `${BASE_URL}/about` }, { property: 'og:title', content: 'About the Gazette' }]));
    expect(jsonLd(open('about'))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      '@id': `${BASE_URL}/about#webpage`,
      url: `${BASE_URL}/about`,
      name: 'About the Gazette',
      description: 'Who writes the Test Gazette.',
      inLanguage: 'en',
      isPartOf: { '@type': 'WebSite', '@id': `${BASE_URL}/#website`, url: `${BASE_URL}/`, name: 'Test Gazette' },
      publisher: expect.objectContaining({ '@type': 'NewsMediaOrganization', '@id': `${BASE_URL}/#publisher` }),
      dateModified: '2026-04-01T10:00:00.000Z',
    });
  });

  test('without description or updatedAt: the site description, no date, no dateModified', () => {
    const model = open('contact');
    expect(model.layout.description).toBe('A newspaper for tests.');
    expect(model).not.toHaveProperty('updated');
    expect(jsonLd(model)).not.toHaveProperty('dateModified');
  });

  test('a promo links a visible article, as on an article page', () => {
    expect(open('contact').blocks[1]).toMatchObject({ type: 'promo', url: '/articles/first-story' });
  });

  test('a page in another language carries lang and dir, and says so in JSON-LD; headings get unique ids', () => {
    const model = open('a-propos');
    expect(model).toMatchObject({ lang: 'fr', dir: 'ltr' });
    expect(jsonLd(model).inLanguage).toBe('fr');
    const ids = model.blocks.map((b) => (b as { id?: string }).id);
    expect(new Set(ids).size).toBe(2);
  });

  test('a draft and a slug nobody wrote are not pages', () => {
    expect(staticPage(ctx(), 'privacy')).toEqual({ kind: 'not-found' });
    expect(staticPage(ctx(), 'nowhere')).toEqual({ kind: 'not-found' });
  });
});

describe("the footer's page links", () => {
  const footer = (catalog: Catalog, path: string) => layoutModel({ catalog, assets: ASSETS }, { description: 'x', path }).footerNav;

  test('published nav pages only, by title as the site language sorts them, the page shown marked current', () => {
    expect(footer(ctx().catalog, '/')).toEqual([
      { label: 'À propos', url: '/a-propos', current: false },
      { label: 'About the Gazette', url: '/about', current: false },
      { label: 'Contact us', url: '/contact', current: false },
      { label: 'Corrections', url: '/corrections', current: false },
    ]);
    expect(footer(ctx().catalog, '/contact').map((item) => item.current)).toEqual([false, false, true, false]);
    expect(open('about').layout.footerNav.find((item) => item.current)?.url).toBe('/about');
  });

  test('no nav pages: only the corrections archive', async () => {
    const r = baseRecords();
    r.pages = [];
    const { catalog } = await contextFor(r);
    expect(footer(catalog, '/')).toEqual([{ label: 'Corrections', url: '/corrections', current: false }]);
  });
});
