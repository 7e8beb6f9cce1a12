/**
 * An embargo lifting grows the catalog (liftEmbargoes) instead of building it
 * again: what it makes must be exactly what buildCatalog makes at the same
 * moment, lists, maps and their order, corrections, redirects, version and
 * validUntil, and what the sitemaps print from it; the catalog it grew from
 * must stay as it was (a request may still hold it).
 */
import fc from 'fast-check';
import { buildCatalog, liftEmbargoes, type Catalog } from '../../src/content/catalog';
import type { Article, Content, Redirect, Section, Tag } from '../../src/content/model';
import { newsSitemap, SITEMAP_KINDS, sitemapIndex, sitemapPage } from '../../src/feeds/sitemaps';
import { baseRecords, loadFixture, NOW, removeDataDirs } from '../helpers/fixture';

afterAll(removeDataDirs);

const HOUR = 3_600_000;
const T0 = NOW.getTime();
const TAGS: Tag[] = ['harbours', 'ferries', 'budget', 'storms', 'elections'].map((slug) => ({ slug, name: slug.toUpperCase() }));
const EXTRA_SECTIONS: Section[] = [
  { slug: 'business', name: 'Business' },
  { slug: 'sport', name: 'Sport' },
];
const AUTHORS = ['ada-lane', 'ben-okafor'];
const SOURCES = ['wire-agency', 'city-hall'];

let base: Content;
let template: Article;

beforeAll(async () => {
  base = (await loadFixture(baseRecords())).content;
  template = [...base.articles.values()][0] as Article;
});

const spec = fc.record({
  hour: fc.integer({ min: 0, max: 12 }),
  draft: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  tags: fc.subarray(TAGS),
  // Duplicates included: a build lists such an article twice, and a lifting must too.
  authors: fc.array(fc.constantFrom(...AUTHORS), { minLength: 1, maxLength: 3 }),
  section: fc.integer({ min: 0, max: 2 }),
  citations: fc.array(fc.constantFrom(...SOURCES), { maxLength: 3 }),
  origin: fc.option(fc.constantFrom(...SOURCES), { nil: undefined }),
  updatedHour: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  corrections: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 2 }),
  redirected: fc.boolean(),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

/** Slugs whose order is not their index's, so ties on publishedAt are broken by slug, not by file order. */
function slugOf(i: number): string {
  return `${'qwertyuiopasdfghjklzxcvbnm'.charAt((i * 7) % 26)}-story-${i}`;
}

function contentOf(specs: Spec[]): Content {
  const worldSection = base.site.sections[0] as Section;
  const articles = new Map<string, Article>();
  const redirects: Redirect[] = [...base.redirects];
  specs.forEach((s, i) => {
    const slug = slugOf(i);
    const publishedAt = new Date(T0 + s.hour * HOUR);
    const article: Article = {
      ...template,
      slug,
      file: `articles/${slug}.json`,
      headline: `Headline ${slug}`,
      status: s.draft ? 'draft' : 'published',
      publishedAt,
      tags: s.tags,
      authors: s.authors.map((a) => base.authors.get(a) as Article['authors'][number]),
      section: s.section === 0 ? worldSection : (EXTRA_SECTIONS[s.section - 1] as Section),
      citations: s.citations.map((c) => ({ source: base.sources.get(c) as Article['citations'][number]['source'] })),
    };
    delete article.origin;
    delete article.updatedAt;
    delete article.corrections;
    if (s.origin) article.origin = base.sources.get(s.origin) as Article['citations'][number]['source'];
    if (s.updatedHour !== undefined) article.updatedAt = new Date(T0 + s.updatedHour * HOUR);
    if (s.corrections.length) article.corrections = [...s.corrections].sort((a, b) => a - b).map((h, k) => ({ at: new Date(T0 + h * HOUR), text: `Correction ${k} of ${slug}` }));
    articles.set(slug, article);
    if (s.redirected) redirects.push({ from: `/old/${slug}`, to: `/articles/${slug}`, status: 301, waitsFor: slug, file: `articles/${slug}.json`, field: 'previousSlugs[0]' });
  });
  return { ...base, articles, redirects };
}

/** Everything a catalog shows, as plain data (Map order included). */
function shown(catalog: Catalog, content: Content) {
  const slugs = (list: readonly Article[]) => list.map((a) => a.slug);
  const lists = (map: ReadonlyMap<string, readonly Article[]>) => [...map].map(([key, list]) => [key, slugs(list)]);
  return {
    version: catalog.version,
    validUntil: catalog.validUntil,
    builtAt: catalog.builtAt.getTime(),
    articles: slugs(catalog.articles),
    bySlug: [...catalog.articleBySlug].map(([slug, article]) => [slug, article.slug]),
    bySlugSize: catalog.articleBySlug.size,
    lookups: [...content.articles.keys(), 'no-such-story'].map((slug) => [slug, catalog.articleBySlug.has(slug), catalog.articleBySlug.get(slug)?.slug]),
    byAuthor: lists(catalog.articlesByAuthor),
    bySource: lists(catalog.articlesBySource),
    byTag: lists(catalog.articlesByTag),
    bySection: lists(catalog.articlesBySection),
    tags: [...catalog.tags],
    sections: [...catalog.sections],
    corrections: catalog.corrections.map(({ article, correction }) => [article.slug, correction.at.getTime(), correction.text]),
    redirects: catalog.redirects.entries.map((r) => r.from),
    answers: content.redirects.map((r) => catalog.redirects.answer(r.from)),
    pages: [...catalog.pages.keys()],
    navPages: catalog.navPages.map((p) => p.slug),
  };
}

/** What the sitemaps print (page size 2, so lists span pages). */
function sitemaps(catalog: Catalog, now: Date): (string | undefined)[] {
  const out: (string | undefined)[] = [sitemapIndex(catalog, now, 2), newsSitemap(catalog, now)];
  for (const kind of SITEMAP_KINDS) for (let page = 1; page <= 20; page++) out.push(sitemapPage(catalog, kind, page, 2));
  return out;
}

describe('an embargo lifting', () => {
  test('makes exactly the catalog a full build makes at that moment, and leaves the one it grew from as it was', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 24 }), fc.array(fc.integer({ min: -1, max: 14 }), { minLength: 1, maxLength: 6 }), (specs, hours) => {
        const content = contentOf(specs);
        const [start, ...later] = [...hours].sort((a, b) => a - b).map((h) => new Date(T0 + h * HOUR));
        let catalog = buildCatalog(content, 7, start as Date);
        // Sitemaps are asked before every lifting, so the list dates they remember are carried forward, not worked out afresh.
        sitemaps(catalog, start as Date);
        for (const now of later) {
          const before = shown(catalog, content);
          const beforeSitemaps = sitemaps(catalog, now);
          const lifted = liftEmbargoes(catalog, now);
          const full = buildCatalog(content, 7, now);
          expect(shown(lifted, content)).toEqual(shown(full, content));
          expect(sitemaps(lifted, now)).toEqual(sitemaps(full, now));
          expect(shown(catalog, content)).toEqual(before);
          expect(sitemaps(catalog, now)).toEqual(beforeSitemaps);
          catalog = lifted;
        }
      }),
      { numRuns: 300 },
    );
  });

  test('several embargoes lifting at once, not all of them newest, join their places; lists they do not join are shared', () => {
    const content = contentOf([
      { hour: 1, draft: false, tags: [TAGS[0] as Tag], authors: ['ada-lane'], section: 0, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false },
      { hour: 3, draft: false, tags: [TAGS[1] as Tag], authors: ['ben-okafor'], section: 1, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false },
      { hour: 5, draft: false, tags: [TAGS[0] as Tag], authors: ['ada-lane'], section: 0, citations: [], origin: undefined, updatedHour: undefined, corrections: [2], redirected: true },
      { hour: 6, draft: false, tags: [TAGS[2] as Tag], authors: ['ada-lane'], section: 0, citations: ['city-hall'], origin: undefined, updatedHour: undefined, corrections: [], redirected: false },
      { hour: 6, draft: false, tags: [TAGS[0] as Tag], authors: ['ada-lane'], section: 2, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false },
    ]);
    const before = buildCatalog(content, 1, new Date(T0 + 4 * HOUR));
    expect(before.validUntil).toBe(T0 + 5 * HOUR);
    expect(before.articles.map((a) => a.slug)).toEqual([slugOf(1), slugOf(0)]);
    // The clock jumps past three embargoes: two at 6 h (in slug order), one at 5 h, older than those but newer than the rest.
    const after = liftEmbargoes(before, new Date(T0 + 7 * HOUR));
    expect(after.articles.map((a) => a.slug)).toEqual([slugOf(3), slugOf(4), slugOf(2), slugOf(1), slugOf(0)]);
    expect(slugOf(3) < slugOf(4)).toBe(true);
    expect(after.version).toBe(`1.5`);
    expect(before.version).toBe(`1.2`);
    expect(after.validUntil).toBe(Infinity);
    expect(after.articlesByTag.get('ferries')).toBe(before.articlesByTag.get('ferries'));
    expect(after.articlesByAuthor.get('ben-okafor')).toBe(before.articlesByAuthor.get('ben-okafor'));
    expect(after.articlesByTag.get('harbours')?.map((a) => a.slug)).toEqual([slugOf(4), slugOf(2), slugOf(0)]);
    expect(before.articlesByTag.get('harbours')?.map((a) => a.slug)).toEqual([slugOf(0)]);
    expect(after.corrections.map((c) => c.article.slug)).toEqual([slugOf(2)]);
    expect(after.redirects.answer(`/old/${slugOf(2)}`)).toEqual({ status: 301, location: `/articles/${slugOf(2)}` });
    expect(before.redirects.answer(`/old/${slugOf(2)}`)).toBeUndefined();
    expect(before.articleBySlug.has(slugOf(2))).toBe(false);
    expect(after.articleBySlug.get(slugOf(2))?.slug).toBe(slugOf(2));
    expect(shown(after, content)).toEqual(shown(buildCatalog(content, 1, new Date(T0 + 7 * HOUR)), content));
  });

  test('a clock that went back gives the catalog of that moment', () => {
    const content = contentOf([
      { hour: 1, draft: false, tags: [], authors: ['ada-lane'], section: 0, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false },
      { hour: 5, draft: false, tags: [], authors: ['ada-lane'], section: 0, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false },
    ]);
    const later = buildCatalog(content, 3, new Date(T0 + 6 * HOUR));
    const earlier = liftEmbargoes(later, new Date(T0 + 2 * HOUR));
    expect(shown(earlier, content)).toEqual(shown(buildCatalog(content, 3, new Date(T0 + 2 * HOUR)), content));
    expect(earlier.articles.map((a) => a.slug)).toEqual([slugOf(0)]);
  });
});
