/**
 * An embargo lifting grows the catalog (liftEmbargoes) instead of building it
 * again: what it makes must be exactly what buildCatalog makes at the same
 * moment, lists, maps and their order, corrections, redirects, version and
 * validUntil, and what the sitemaps print from it; the catalog it grew from
 * must stay as it was (a request may still hold it).
 */
import fc from 'fast-check';
import { buildCatalog, liftEmbargoes } from '../../src/content/catalog';
import type { Article, Content, Tag } from '../../src/content/model';
import { contentOf as contentOfSpecs, HOUR, shown, sitemaps, slugOf, spec, T0, TAGS, specBase, type Spec } from '../helpers/catalog-shapes';
import { removeDataDirs } from '../helpers/fixture';

afterAll(removeDataDirs);

let base: Content;
let template: Article;

beforeAll(async () => {
  ({ base, template } = await specBase());
});

const contentOf = (specs: Spec[]) => contentOfSpecs(base, template, specs);

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
