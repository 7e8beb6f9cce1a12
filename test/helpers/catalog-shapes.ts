/**
 * Catalogs of made-up articles for the tests that grow or change a catalog
 * in place of a full build (embargo liftings, reloads of a few articles):
 * articles made from a small spec, and everything a catalog shows as plain
 * data, to compare with what buildCatalog makes.
 */
import fc from 'fast-check';
import type { Catalog } from '../../src/content/catalog';
import type { Article, Content, Redirect, Section, Tag } from '../../src/content/model';
import { newsSitemap, SITEMAP_KINDS, sitemapIndex, sitemapPage } from '../../src/feeds/sitemaps';
import { baseRecords, loadFixture, NOW } from './fixture';

export const HOUR = 3_600_000;
export const T0 = NOW.getTime();
export const TAGS: Tag[] = ['harbours', 'ferries', 'budget', 'storms', 'elections'].map((slug) => ({ slug, name: slug.toUpperCase() }));
const EXTRA_SECTIONS: Section[] = [
  { slug: 'business', name: 'Business' },
  { slug: 'sport', name: 'Sport' },
];
const AUTHORS = ['ada-lane', 'ben-okafor'];
const SOURCES = ['wire-agency', 'city-hall'];

export const spec = fc.record({
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
export type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

/** Slugs whose order is not their index's, so ties on publishedAt are broken by slug, not by file order. */
export function slugOf(i: number): string {
  return `${'qwertyuiopasdfghjklzxcvbnm'.charAt((i * 7) % 26)}-story-${i}`;
}

/** Content with one article per spec (made from `template`, an article of `base`), beside `base`'s authors, sources and site. */
export function contentOf(base: Content, template: Article, specs: Spec[], slugs: (i: number) => string = slugOf): Content {
  const worldSection = base.site.sections[0] as Section;
  const articles = new Map<string, Article>();
  const redirects: Redirect[] = [...base.redirects];
  specs.forEach((s, i) => {
    const slug = slugs(i);
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
export function shown(catalog: Catalog, content: Content) {
  const slugs = (list: readonly Article[]) => list.map((a) => a.slug);
  const lists = (map: ReadonlyMap<string, readonly Article[]>) => [...map].map(([key, list]) => [key, slugs(list)]);
  return {
    version: catalog.version,
    validUntil: catalog.validUntil,
    builtAt: catalog.builtAt.getTime(),
    articles: slugs(catalog.articles),
    bySlug: [...catalog.articleBySlug].map(([slug, article]) => [slug, article.slug]),
    bySlugSize: catalog.articleBySlug.size,
    lookups: [...[...content.articles.keys()].sort(), 'no-such-story'].map((slug) => [slug, catalog.articleBySlug.has(slug), catalog.articleBySlug.get(slug)?.slug]),
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
export function sitemaps(catalog: Catalog, now: Date): (string | undefined)[] {
  const out: (string | undefined)[] = [sitemapIndex(catalog, now, 2), newsSitemap(catalog, now)];
  for (const kind of SITEMAP_KINDS) for (let page = 1; page <= 20; page++) out.push(sitemapPage(catalog, kind, page, 2));
  return out;
}


/** The fixture's content (its site, authors and sources) and one of its articles to make others from. */
export async function specBase(): Promise<{ base: Content; template: Article }> {
  const base = (await loadFixture(baseRecords())).content;
  return { base, template: [...base.articles.values()][0] as Article };
}
