/** The search index: built per catalog, visible articles only, ranked by relevance and freshness. */
import { buildCatalog, CatalogStore } from '../../src/content/catalog';
import { boundQuery, MAX_QUERY_LENGTH, searchUrl } from '../../src/pages/search';
import { articleBodyText, keepSearchIndexed, prepareSearch, rankScore, searchFor, searchIndexFor, searchReady, searchSettings } from '../../src/search/index';
import { baseRecords, loadFixture, NOW, removeDataDirs, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

async function contentWithHidden() {
  const r = baseRecords();
  const base = r.articles[0] as Record<string, unknown>;
  r.articles.push(
    { ...base, slug: 'draft-story', headline: 'Zeppelin draft', status: 'draft', publishedAt: '2026-05-05T09:00:00Z' },
    { ...base, slug: 'embargoed-story', headline: 'Zeppelin embargo', publishedAt: '2026-06-01T13:00:00Z' },
    {
      ...base,
      slug: 'rich-story',
      headline: 'Rich story',
      body: [
        { type: 'paragraph', text: 'A *paragraph* with a [linked word](https://example.org).' },
        { type: 'heading', text: 'Subheading words' },
        { type: 'list', items: ['Listed item'] },
        { type: 'quote', text: 'Quoted words', attribution: 'Speaker Person' },
        { type: 'image', src: 'images/pic.jpg', alt: 'Alt', caption: 'Captioned scene' },
        { type: 'promo', label: 'VIDEO', text: 'Promoted film', href: '/articles/first-story' },
      ],
    },
  );
  return (await loadFixture(r)).content;
}

describe('search index', () => {
  test('indexes visible articles only, and a new catalog (embargo lifted) gets a new index', async () => {
    const clock = { now: NOW };
    const store = new CatalogStore(await contentWithHidden(), () => clock.now);
    const before = store.current();
    const index = searchIndexFor(before);
    expect(searchIndexFor(before)).toBe(index); // memoised per catalog
    expect(index.documentCount).toBe(4);
    expect(index.search('zeppelin').hits).toEqual([]);

    clock.now = new Date('2026-06-01T13:00:01Z');
    const after = store.current();
    expect(after).not.toBe(before);
    const slugs = searchIndexFor(after).search('zeppelin').hits.map((h) => h.article.slug);
    expect(slugs).toEqual(['embargoed-story']); // the draft never
  });

  test('drafts are never indexed; embargoed articles are, but no catalog finds them before it shows them', async () => {
    const clock = { now: NOW };
    const store = new CatalogStore(await contentWithHidden(), () => clock.now);
    const before = searchIndexFor(store.current());
    expect(before.index.slugs).not.toContain('draft-story');
    expect(before.index.slugs).toContain('embargoed-story');
    for (const q of ['zeppelin', 'zeppelin embargo', 'embargo', 'zepp', 'zeppelim']) expect([q, before.search(q).hits]).toEqual([q, []]);
    expect(before.search('zeppelin').total).toBe(0);

    // The embargo lifts: a new catalog, the same index (nothing rebuilt), the article found.
    clock.now = new Date('2026-06-01T13:00:01Z');
    const after = searchIndexFor(store.current());
    expect(after).not.toBe(before);
    expect(after.index).toBe(before.index);
    expect(after.documentCount).toBe(before.documentCount + 1);
    expect(after.search('zeppelin embargo').hits.map((h) => h.article.slug)).toEqual(['embargoed-story']);
    expect(after.search('draft').hits.map((h) => h.article.slug)).toEqual([]);
  });

  test('a reload gets a new index: an article added is found, one removed or made a draft is not', async () => {
    const store = new CatalogStore(await contentWithHidden(), () => NOW);
    const first = searchIndexFor(store.current());
    expect(first.search('rich').hits.map((h) => h.article.slug)).toEqual(['rich-story']);
    const r = baseRecords();
    r.articles = r.articles.filter((a) => a.slug !== 'second-story');
    r.articles = r.articles.map((a) => (a.slug === 'third-story' ? { ...a, status: 'draft' } : a));
    r.articles.push({ ...(r.articles[0] as Json), slug: 'new-story', headline: 'Quokka census' });
    store.replace((await loadFixture(r)).content);
    const second = searchIndexFor(store.current());
    expect(second.index).not.toBe(first.index);
    expect(second.search('quokka').hits.map((h) => h.article.slug)).toEqual(['new-story']);
    expect(second.search('rich').hits).toEqual([]);
    expect(second.search('okafor').hits).toEqual([]); // second-story is gone
    expect(second.search('ferries').hits).toEqual([]); // third-story is a draft now
  });

  describe('off the request path (a large site)', () => {
    const limit = searchSettings.syncBuildLimit;
    beforeEach(() => {
      searchSettings.syncBuildLimit = 0;
    });
    afterEach(() => {
      searchSettings.syncBuildLimit = limit;
    });

    test('until its index is built, a large site has no search (never a block); then it has', async () => {
      const catalog = buildCatalog(await contentWithHidden(), 1, NOW);
      expect(searchFor(catalog)).toBeUndefined();
      expect(searchReady(catalog)).toBe(false);
      await prepareSearch(catalog);
      expect(searchReady(catalog)).toBe(true);
      expect(searchFor(catalog)?.search('okafor').hits.map((h) => h.article.slug)).toEqual(['second-story']);
    });

    test('after a reload, the previous index serves until the new one is ready, showing only what the new catalog shows', async () => {
      const store = new CatalogStore(await contentWithHidden(), () => NOW);
      const reloads: (() => void)[] = [];
      keepSearchIndexed(store, reloads);
      await prepareSearch(store.current());
      const old = searchFor(store.current());
      expect(old?.stale).toBe(false);

      const r = baseRecords();
      r.articles = r.articles.filter((a) => a.slug !== 'second-story');
      r.articles = r.articles.map((a) => (a.slug === 'third-story' ? { ...a, status: 'draft' } : a));
      r.articles.push({ ...(r.articles[0] as Json), slug: 'new-story', headline: 'Quokka census' });
      store.replace((await loadFixture(r)).content);
      for (const reload of reloads) reload();

      const interim = searchFor(store.current());
      expect(interim?.stale).toBe(true);
      expect(interim?.index).toBe(old?.index);
      expect(interim?.search('okafor').hits).toEqual([]); // removed: hidden at once
      expect(interim?.search('ferries').hits).toEqual([]); // now a draft: hidden at once
      expect(interim?.search('quokka').hits).toEqual([]); // new: not yet
      const first = interim?.search('headline first').hits[0];
      expect(first?.article).toBe(store.current().articleBySlug.get('first-story')); // the current version

      await prepareSearch(store.current());
      const fresh = searchFor(store.current());
      expect(fresh?.stale).toBe(false);
      expect(fresh?.search('quokka').hits.map((h) => h.article.slug)).toEqual(['new-story']);
    });
  });

  test('searches body blocks (as plain text), authors, sources, tags and section', async () => {
    const catalog = buildCatalog(await contentWithHidden(), 1, NOW);
    const index = searchIndexFor(catalog);
    const find = (q: string) => index.search(q).hits.map((h) => h.article.slug);
    for (const q of ['paragraph', 'linked', 'subheading', 'listed', 'quoted', 'speaker', 'scene', 'promoted', 'video']) expect([q, find(q)]).toEqual([q, ['rich-story']]);
    expect(find('okafor')).toEqual(['second-story']); // author
    expect(find('city hall')).toEqual(['second-story']); // cited source
    expect(find('ferries')).toEqual(['third-story']); // tag
    expect(find('business')).toEqual(['third-story']); // section
    expect(articleBodyText(catalog.content.bodies, catalog.articleBySlug.get('rich-story')!)).toContain('A paragraph with a linked word.');
    expect(articleBodyText(catalog.content.bodies, catalog.articleBySlug.get('rich-story')!)).not.toContain('https://');
  });

  test('prefix on the last word, fuzzy for long words, AND then OR', async () => {
    const index = searchIndexFor(buildCatalog(await contentWithHidden(), 1, NOW));
    expect(index.search('okaf').hits.map((h) => h.article.slug)).toEqual(['second-story']);
    expect(index.search('okaf').hits[0]?.terms).toEqual(['okafor']);
    expect(index.search('okaforr').hits.map((h) => h.article.slug)).toEqual(['second-story']); // one typo in 7 letters
    const and = index.search('okafor ferries');
    expect(and.combinedWith).toBe('OR'); // no article has both
    expect(and.hits.map((h) => h.article.slug).sort()).toEqual(['second-story', 'third-story']);
    expect(index.search('ada okafor').combinedWith).toBe('AND');
    expect(index.search('!!! ---')).toEqual({ hits: [], total: 0, combinedWith: 'AND', termCount: 0 });
  });

  test('rank blends relevance with freshness', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(rankScore(1, now, now)).toBe(2);
    expect(rankScore(1, new Date('2025-01-01T00:00:00Z'), now)).toBeCloseTo(1.5, 5);
    expect(rankScore(1, new Date('2027-01-01T00:00:00Z'), now)).toBe(2); // never more than "today"
  });
});

describe('query bounding', () => {
  test('trims, collapses whitespace, strips control and bidi characters', () => {
    expect(boundQuery('  ferries \t\n  harbour\u0000s \u202Eevil\u202C ')).toEqual({ query: 'ferries harbour s evil', truncated: false });
  });
  test('a repeated q counts as its first string; anything else is empty', () => {
    expect(boundQuery(['first', 'second'])).toEqual({ query: 'first', truncated: false });
    expect(boundQuery(undefined).query).toBe('');
    expect(boundQuery({ a: 'b' }).query).toBe('');
    expect(boundQuery([]).query).toBe('');
  });
  test('cuts long queries to the limit and says so, never splitting a character', () => {
    expect(boundQuery('a'.repeat(10_000))).toEqual({ query: 'a'.repeat(MAX_QUERY_LENGTH), truncated: true });
    const emoji = boundQuery(`${'a'.repeat(MAX_QUERY_LENGTH - 1)}😀`);
    expect(emoji.truncated).toBe(true);
    expect(emoji.query).toBe('a'.repeat(MAX_QUERY_LENGTH - 1));
  });
  test('lone surrogates become U+FFFD', () => {
    expect(boundQuery('a\ud800b').query).toBe('a\ufffdb');
  });
  test('search URLs carry the query and the page', () => {
    expect(searchUrl('a&b c')).toBe('/search?q=a%26b%20c');
    expect(searchUrl('x', 2)).toBe('/search?q=x&page=2');
  });
});
