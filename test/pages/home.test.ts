/** The front page model: the lead story, the latest stories, a strip per section; later pages list only the latest. */
import { homePage, homePageAlias } from '../../src/pages/home';
import { BAD_PAGE_NUMBERS, BASE_URL, contextFor, EMBARGO_LIFTS, expectHead, pagedUrls, pageModel, pageRecords, sharedContext } from '../helpers/page-fixture';

/** The English list paging labels (locales/en.json). */
const LIST_PAGING = { name: 'Pages', prev: '← Newer', next: 'Older →' };

const ctx = sharedContext();
const open = (rawPage?: unknown) => pageModel(homePage(ctx(), rawPage));

// 29 visible stories, newest first: adapted-and-cited, third, second, first, then paged-25 … paged-01. The front page shows 12 a page.
describe('homePage', () => {
  test('the lead is the newest visible story; the latest are the next eleven', () => {
    const model = open();
    expect(homePage(ctx(), undefined)).toMatchObject({ kind: 'page', status: 200, view: 'home' });
    expect(model.lead).toMatchObject({ url: '/articles/adapted-and-cited', headline: 'Headline of adapted-and-cited', bylines: 'Ben Okafor' });
    expect(model.latest.map((c) => c.url)).toEqual(['/articles/third-story', '/articles/second-story', '/articles/first-story', ...pagedUrls(25, 18)]);
    expect(model.pagination).toEqual({ page: 1, pageCount: 3, nextUrl: '/?page=2', labels: LIST_PAGING, status: 'Page 1 of 3' });
  });

  test('drafts and embargoed stories are not shown until they are due', async () => {
    const urls = (model: ReturnType<typeof open>) => [model.lead?.url, ...model.latest.map((c) => c.url), ...model.sections.flatMap((s) => s.cards.map((c) => c.url))];
    expect(urls(open())).not.toContain('/articles/draft-story');
    expect(urls(open())).not.toContain('/articles/embargoed-story');
    const later = pageModel(homePage(await contextFor(pageRecords(), EMBARGO_LIFTS), undefined));
    expect(later.lead?.url).toBe('/articles/embargoed-story');
    expect(urls(later)).not.toContain('/articles/draft-story');
  });

  test('a strip per section with stories, site.json’s sections first, three cards at most', () => {
    const strips = open().sections.map((s) => ({ name: s.name, url: s.url, description: s.description, cards: s.cards.map((c) => c.url) }));
    expect(strips).toEqual([
      { name: 'World', url: '/sections/world', description: 'News from everywhere.', cards: ['/articles/adapted-and-cited', '/articles/second-story', '/articles/first-story'] },
      { name: 'Business', url: '/sections/business', description: undefined, cards: ['/articles/third-story'] },
      { name: 'Features', url: '/sections/features', description: undefined, cards: pagedUrls(25, 23) },
    ]);
  });

  test('layout: the site name as title, the site description, the root as canonical URL', () => {
    const { layout } = open();
    expectHead(layout, { title: 'Test Gazette', description: 'A newspaper for tests.', path: '/' });
    expect(layout.nextUrl).toBe(`${BASE_URL}/?page=2`);
    expect(layout.nav).toEqual([{ label: 'World', url: '/sections/world', current: false }]);
  });

  test('page 2 lists the 13th to 24th stories, with no lead and no section strips', () => {
    const model = open('2');
    expect(model).not.toHaveProperty('lead');
    expect(model.sections).toEqual([]);
    expect(model.latest.map((c) => c.url)).toEqual(pagedUrls(17, 6));
    expect(model.pagination).toEqual({ page: 2, pageCount: 3, prevUrl: '/', nextUrl: '/?page=3', labels: LIST_PAGING, status: 'Page 2 of 3' });
    expect(model.layout.title).toBe('Latest stories (page 2) – Test Gazette');
    expect(model.layout.canonicalUrl).toBe(`${BASE_URL}/?page=2`);
    expect(model.layout.prevUrl).toBe(`${BASE_URL}/`);
  });

  test('the last page holds the rest; past it is a 404', () => {
    const model = open('3');
    expect(model.latest.map((c) => c.url)).toEqual(pagedUrls(5, 1));
    expect(model.pagination).toEqual({ page: 3, pageCount: 3, prevUrl: '/?page=2', labels: LIST_PAGING, status: 'Page 3 of 3' });
    expect(homePage(ctx(), '4')).toEqual({ kind: 'not-found' });
  });

  test('"?page=1" redirects (301) to "/"', () => {
    expect(homePage(ctx(), '1')).toEqual({ kind: 'redirect', status: 301, location: '/' });
  });

  test.each(BAD_PAGE_NUMBERS.map((raw) => [JSON.stringify(raw), raw]))('page %s is a 404', (_label, raw) => {
    expect(homePage(ctx(), raw)).toEqual({ kind: 'not-found' });
  });

  test('with nothing published the front page still exists, empty', async () => {
    const records = pageRecords();
    records.articles = records.articles.map((a) => ({ ...a, status: 'draft' }));
    const model = pageModel(homePage(await contextFor(records), undefined));
    expect(model).not.toHaveProperty('lead');
    expect(model.latest).toEqual([]);
    expect(model.sections).toEqual([]);
    expect(model.pagination).toEqual({ page: 1, pageCount: 1, labels: LIST_PAGING, status: 'Page 1 of 1' });
  });
});

describe('homePageAlias', () => {
  test('"/page/N" redirects (301) to "/?page=N"', () => {
    expect(homePageAlias('2')).toEqual({ kind: 'redirect', status: 301, location: '/?page=2' });
    expect(homePageAlias('17')).toEqual({ kind: 'redirect', status: 301, location: '/?page=17' });
  });

  test('"/page/1" redirects to "/"', () => {
    expect(homePageAlias('1')).toEqual({ kind: 'redirect', status: 301, location: '/' });
  });

  test.each(['0', '01', '-2', 'abc', '2.0', '', '10000000'])('"/page/%s" is a 404', (raw) => {
    expect(homePageAlias(raw)).toEqual({ kind: 'not-found' });
  });
});
