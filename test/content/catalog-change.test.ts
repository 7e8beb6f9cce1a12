/**
 * A reload that changed a few articles changes the catalog in place of a
 * full build (withArticlesReplaced): old versions out, new ones in. What it
 * makes must be exactly what buildCatalog makes of the new content at that
 * moment (lists, maps and their order, corrections, redirects, embargoes
 * still ahead, version, and what the sitemaps print), and the catalog it
 * started from must stay as it was (a request may still hold it).
 */
import fc from 'fast-check';
import { buildCatalog, byNewest, CatalogStore, embargoedArticles, liftEmbargoes, withArticlesReplaced, type ArticleChange } from '../../src/content/catalog';
import type { Article, Content, Redirect } from '../../src/content/model';
import { contentOf, HOUR, shown, sitemaps, slugOf, spec, T0, specBase, type Spec } from '../helpers/catalog-shapes';
import { removeDataDirs } from '../helpers/fixture';

afterAll(removeDataDirs);

let base: Content;
let template: Article;

beforeAll(async () => {
  ({ base, template } = await specBase());
});

/** What happens to one article of the first content: kept, removed, or replaced by a new version. */
const fate = fc.oneof(fc.constant<'keep'>('keep'), fc.constant<'remove'>('remove'), spec.map((s) => ({ replaced: s })));
type Fate = 'keep' | 'remove' | { replaced: Spec };

const addedSlug = (i: number) => `${'mnbvcxzlkjhgfdsapoiuytrewq'.charAt((i * 5) % 26)}-added-${i}`;

/** The content after the change, sharing every article it keeps with `before`, and the change itself. */
function changed(before: Content, fates: Fate[], added: Spec[]): { after: Content; change: ArticleChange } {
  const slugs = [...before.articles.keys()];
  const articles = new Map(before.articles);
  const removed: Article[] = [];
  const put: Article[] = [];
  const newRedirects: Redirect[] = [];
  fates.forEach((f, i) => {
    const slug = slugs[i] as string;
    if (f === 'keep') return;
    removed.push(before.articles.get(slug) as Article);
    if (f === 'remove') {
      articles.delete(slug);
      return;
    }
    const made = contentOf(base, template, [f.replaced], () => slug);
    const article = made.articles.get(slug) as Article;
    articles.set(slug, article);
    put.push(article);
    newRedirects.push(...made.redirects.slice(base.redirects.length));
  });
  const more = contentOf(base, template, added, addedSlug);
  for (const article of more.articles.values()) {
    articles.set(article.slug, article);
    put.push(article);
  }
  newRedirects.push(...more.redirects.slice(base.redirects.length));
  const touched = new Set(removed.map((a) => a.slug));
  const keptRedirects = before.redirects.filter((r) => r.waitsFor === undefined || !touched.has(r.waitsFor));
  // Redirects the change does not touch stay the same array, as a reload leaves them.
  const redirects = newRedirects.length === 0 && keptRedirects.length === before.redirects.length ? before.redirects : [...keptRedirects, ...newRedirects];
  return { after: { ...before, articles, redirects }, change: { base: before, removed, added: put } };
}

describe('a reload that changed some articles', () => {
  test('makes exactly the catalog a full build makes of the new content, and leaves the one it started from as it was', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 20 }),
        fc.array(fate, { maxLength: 20 }),
        fc.array(spec, { maxLength: 4 }),
        fc.integer({ min: -1, max: 14 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (specs, fates, added, startHour, laterBy, askSitemaps) => {
          const before = contentOf(base, template, specs);
          const { after, change } = changed(before, fates.slice(0, specs.length), added);
          const start = new Date(T0 + startHour * HOUR);
          const now = new Date(start.getTime() + laterBy * HOUR);
          const catalog = buildCatalog(before, 7, start);
          // Sitemaps asked first, so the list dates they remember are carried, not worked out afresh.
          if (askSitemaps) sitemaps(catalog, now);
          const kept = shown(catalog, before);
          const next = withArticlesReplaced(catalog, after, change, 8, now);
          const full = buildCatalog(after, 8, now);
          expect(shown(next, after)).toEqual(shown(full, after));
          expect(sitemaps(next, now)).toEqual(sitemaps(full, now));
          expect(shown(catalog, before)).toEqual(kept);
          // What is still embargoed, as a walk of every article finds it (the search index lists these first).
          const ahead = [...after.articles.values()].filter((a) => a.status === 'published' && !next.articleBySlug.has(a.slug)).sort(byNewest);
          expect(embargoedArticles(next).map((a) => a.slug)).toEqual(ahead.map((a) => a.slug));
          // And the embargoes still ahead lift as a full build's do.
          const later = new Date(now.getTime() + 8 * HOUR);
          expect(shown(liftEmbargoes(next, later), after)).toEqual(shown(buildCatalog(after, 8, later), after));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an edited headline replaces the article in every list it is in; lists it is not in are shared', () => {
    const a = { hour: 1, draft: false, tags: [], authors: ['ada-lane'], section: 0, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false };
    const b = { ...a, hour: 2, authors: ['ben-okafor'], section: 1 };
    const before = contentOf(base, template, [a, b]);
    const old = before.articles.get(slugOf(0)) as Article;
    const edited: Article = { ...old, headline: 'A new headline' };
    const after: Content = { ...before, articles: new Map(before.articles).set(old.slug, edited) };
    const store = new CatalogStore(before, () => new Date(T0 + 3 * HOUR));
    const first = store.current();
    const next = store.replace(after, { base: before, removed: [old], added: [edited] });
    expect(next.articleBySlug.get(old.slug)?.headline).toBe('A new headline');
    expect(next.articles.map((x) => x.headline)).toEqual([first.articles[0]?.headline, 'A new headline']);
    expect(next.articlesByAuthor.get('ada-lane')).toEqual([edited]);
    expect(next.articlesByAuthor.get('ben-okafor')).toBe(first.articlesByAuthor.get('ben-okafor'));
    expect(first.articleBySlug.get(old.slug)?.headline).not.toBe('A new headline');
    expect(next.version).not.toBe(first.version);
  });

  test('a change made against other content than the one served is built in full', () => {
    const a = { hour: 1, draft: false, tags: [], authors: ['ada-lane'], section: 0, citations: [], origin: undefined, updatedHour: undefined, corrections: [], redirected: false };
    const before = contentOf(base, template, [a]);
    const other = contentOf(base, template, [{ ...a, hour: 2 }]);
    const store = new CatalogStore(before, () => new Date(T0 + 3 * HOUR));
    const stray = [...other.articles.values()][0] as Article;
    // The change claims `other` as its base: the store cannot trust it and builds the new content whole.
    const next = store.replace(other, { base: other, removed: [], added: [stray] });
    expect(shown(next, other)).toEqual(shown(buildCatalog(other, 2, new Date(T0 + 3 * HOUR)), other));
  });
});
