/**
 * Catalogs for the page-model tests (test/pages): the base fixture plus the
 * records a reader-facing rule needs (a draft, an embargo, an author and a
 * source with nothing visible, an empty section, a long list to page through),
 * and the shared paging rules every list page follows.
 */
import { buildCatalog, type Catalog } from '../../src/content/catalog';
import { baseRecords, loadFixture, NOW, removeDataDirs, type FixtureRecords, type Json } from './fixture';

/** The English list paging labels (locales/en.json). */
const LIST_PAGING = { name: 'Pages', prev: '← Newer', next: 'Older →' };

export const BASE_URL = 'https://news.example.test';
export const SITE_NAME = 'Test Gazette';
export const ASSETS = { stylesheet: '/static/site.3f2a9c.css', favicon: '/static/favicon.9c1b7e.svg' };

/** After NOW: the embargoed story in pageRecords() becomes visible at this moment. */
export const EMBARGO_LIFTS = new Date('2026-06-02T09:00:00Z');

/**
 * An article record: the base fixture's first story (section world, tagged harbours, by Ada Lane,
 * citing Wire Agency, published 1 May) without its picture, renamed to `slug`, changed by `extra`.
 */
export function story(slug: string, extra: Json = {}): Json {
  const { image: _image, ...first } = baseRecords().articles[0] as Json;
  return { ...first, slug, headline: `Headline of ${slug}`, standfirst: `Standfirst of ${slug}.`, body: [{ type: 'paragraph', text: `Body of ${slug}.` }], ...extra };
}

/** The long list: 25 stories (paged-01 … paged-25, one a day in April) by Cy Paged, tagged long-read, in Features, citing The Archive. */
export const PAGED = { count: 25, author: 'cy-paged', tag: 'long-read', section: 'features', source: 'the-archive' } as const;

/** "/articles/paged-NN" from `from` down to `to`: the order a newest-first list shows them. */
export function pagedUrls(from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n >= to; n--) out.push(`/articles/paged-${String(n).padStart(2, '0')}`);
  return out;
}

/**
 * The base fixture (first-, second-, third-story) plus:
 * - adapted-and-cited (4 May, Ben Okafor): adapted from City Hall and citing it, the newest visible story;
 * - draft-story (a draft) and embargoed-story (due EMBARGO_LIFTS), both by Dee Drafts and Ben Okafor,
 *   in section hidden-desk, tagged secret-tag / embargo-tag, citing Quiet Wire and City Hall;
 * - an empty site section, Sport; and the PAGED list.
 */
export function pageRecords(): FixtureRecords {
  const records = baseRecords();
  const site = records.site as { sections: Json[] };
  site.sections = [...site.sections, { slug: 'sport', name: 'Sport', description: 'Games and races.' }];
  records.authors.push({ slug: 'cy-paged', name: 'Cy Paged' }, { slug: 'dee-drafts', name: 'Dee Drafts' });
  records.sources.push({ slug: 'the-archive', name: 'The Archive' }, { slug: 'quiet-wire', name: 'Quiet Wire', kind: 'outlet' });
  const hidden = { section: 'hidden-desk', authors: ['dee-drafts', 'ben-okafor'], sources: ['quiet-wire', 'city-hall'] };
  records.articles.push(
    story('adapted-and-cited', { publishedAt: '2026-05-04T09:00:00Z', authors: ['ben-okafor'], origin: 'city-hall', sources: [{ source: 'city-hall', url: 'https://city.example.org/minutes' }] }),
    story('draft-story', { ...hidden, status: 'draft', publishedAt: '2026-05-05T09:00:00Z', tags: ['secret-tag'] }),
    story('embargoed-story', { ...hidden, publishedAt: EMBARGO_LIFTS.toISOString(), tags: ['embargo-tag'] }),
  );
  for (let day = 1; day <= PAGED.count; day++) {
    const dd = String(day).padStart(2, '0');
    records.articles.push(
      story(`paged-${dd}`, { publishedAt: `2026-04-${dd}T09:00:00Z`, authors: [PAGED.author], tags: [PAGED.tag], section: PAGED.section, sources: [PAGED.source] }),
    );
  }
  return records;
}

/** A PageContext ({ catalog, assets }) over these records as readers see them at `now`. */
export async function contextFor(records: FixtureRecords = pageRecords(), now: Date = NOW): Promise<{ catalog: Catalog; assets: typeof ASSETS }> {
  const { content } = await loadFixture(records);
  if (content.problems.length) throw new Error(`the fixture has problems: ${JSON.stringify(content.problems)}`);
  return { catalog: buildCatalog(content, 1, now), assets: ASSETS };
}

export type PageContextForTests = Awaited<ReturnType<typeof contextFor>>;

/** For a test file: loads the context once (beforeAll), removes its data folders afterwards; call the result inside tests. */
export function sharedContext(records?: FixtureRecords, now?: Date): () => PageContextForTests {
  let ctx: PageContextForTests | undefined;
  beforeAll(async () => {
    ctx = await contextFor(records, now);
  });
  afterAll(removeDataDirs);
  return () => {
    if (!ctx) throw new Error('the page context is not loaded yet (use it inside a test)');
    return ctx;
  };
}

/** The <head> basics a reader and a search engine see: the full title, the description, the canonical URL (absolute, for `path`). */
export function expectHead(layout: { title: string; description: string; canonicalUrl: string }, head: { title: string; description: string; path: string }): void {
  expect({ title: layout.title, description: layout.description, canonicalUrl: layout.canonicalUrl }).toEqual({ title: head.title, description: head.description, canonicalUrl: BASE_URL + head.path });
}

/** The model of a page result; fails the test with what came instead when it is a redirect or a 404. */
export function pageModel<M>(result: { kind: 'page'; status: number; model: M } | { kind: 'redirect' } | { kind: 'not-found' }): M {
  if (result.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  expect(result.status).toBe(200);
  return result.model;
}

type Result<M> = { kind: 'page'; status: number; model: M } | { kind: 'redirect'; status: number; location: string } | { kind: 'not-found' };

interface ListModel {
  layout: { title: string; canonicalUrl: string; prevUrl?: string; nextUrl?: string };
  articleCount: number;
  articles: { url: string }[];
  pagination: { page: number; pageCount: number; prevUrl?: string; nextUrl?: string };
}

/** Page 1 of an empty list exists (no articles, one page); page 2 of it is a 404. */
export function expectEmptyList(open: (rawPage: unknown) => Result<ListModel>): void {
  const model = pageModel(open(undefined));
  expect(model.articleCount).toBe(0);
  expect(model.articles).toEqual([]);
  expect(model.pagination).toEqual({ page: 1, pageCount: 1, labels: LIST_PAGING, status: 'Page 1 of 1' });
  expect(model.layout.nextUrl).toBeUndefined();
  expect(open('2')).toEqual({ kind: 'not-found' });
}

/** Page numbers that are not a positive whole number written plainly: each is a 404. */
export const BAD_PAGE_NUMBERS: unknown[] = ['0', '-1', '01', '007', 'abc', '2.0', '1e1', ' 2', '2 ', '', '10000000', ['2'], ['1', '2'], 2];

/**
 * The paging rules of a list of the PAGED stories (10 a page): three pages,
 * the 11th story first on page 2, prev/next links, "(page N)" in the title,
 * "?page=1" redirected to the list root, anything else a 404.
 */
export function describePaging(open: (rawPage: unknown) => Result<ListModel>, root: string, title: string): void {
  describe(`paging ${root}`, () => {
    test('page 1 is the list root: the 10 newest, a next link, no prev link', () => {
      const model = pageModel(open(undefined));
      expect(model.articleCount).toBe(25);
      expect(model.articles.map((a) => a.url)).toEqual(pagedUrls(25, 16));
      expect(model.pagination).toEqual({ page: 1, pageCount: 3, nextUrl: `${root}?page=2`, labels: LIST_PAGING, status: 'Page 1 of 3' });
      expect(model.layout.title).toBe(`${title} – ${SITE_NAME}`);
      expect(model.layout.canonicalUrl).toBe(`${BASE_URL}${root}`);
      expect(model.layout.nextUrl).toBe(`${BASE_URL}${root}?page=2`);
      expect(model.layout.prevUrl).toBeUndefined();
    });

    test('page 2 starts with the 11th story and links both ways; its title and canonical URL say page 2', () => {
      const model = pageModel(open('2'));
      expect(model.articles.map((a) => a.url)).toEqual(pagedUrls(15, 6));
      expect(model.pagination).toEqual({ page: 2, pageCount: 3, prevUrl: root, nextUrl: `${root}?page=3`, labels: LIST_PAGING, status: 'Page 2 of 3' });
      expect(model.layout.title).toBe(`${title} (page 2) – ${SITE_NAME}`);
      expect(model.layout.canonicalUrl).toBe(`${BASE_URL}${root}?page=2`);
      expect(model.layout.prevUrl).toBe(`${BASE_URL}${root}`);
      expect(model.layout.nextUrl).toBe(`${BASE_URL}${root}?page=3`);
    });

    test('the last page holds the rest and has no next link', () => {
      const model = pageModel(open('3'));
      expect(model.articles.map((a) => a.url)).toEqual(pagedUrls(5, 1));
      expect(model.pagination).toEqual({ page: 3, pageCount: 3, prevUrl: `${root}?page=2`, labels: LIST_PAGING, status: 'Page 3 of 3' });
      expect(model.layout.nextUrl).toBeUndefined();
    });

    test('"?page=1" redirects (301) to the list root', () => {
      expect(open('1')).toEqual({ kind: 'redirect', status: 301, location: root });
    });

    test.each(['4', '9999999'])('page %s, past the end, is a 404', (raw) => {
      expect(open(raw)).toEqual({ kind: 'not-found' });
    });

    test.each(BAD_PAGE_NUMBERS.map((raw) => [JSON.stringify(raw), raw]))('page %s is a 404', (_label, raw) => {
      expect(open(raw)).toEqual({ kind: 'not-found' });
    });
  });
}
