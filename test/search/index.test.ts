/** The search index: built per catalog, visible articles only, ranked by relevance and freshness. */
import { buildCatalog, CatalogStore } from '../../src/content/catalog';
import { boundQuery, MAX_QUERY_LENGTH, searchUrl } from '../../src/pages/search';
import { articleBodyText, rankScore, searchIndexFor } from '../../src/search/index';
import { baseRecords, loadFixture, NOW, removeDataDirs } from '../helpers/fixture';

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

  test('searches body blocks (as plain text), authors, sources, tags and section', async () => {
    const catalog = buildCatalog(await contentWithHidden(), 1, NOW);
    const index = searchIndexFor(catalog);
    const find = (q: string) => index.search(q).hits.map((h) => h.article.slug);
    for (const q of ['paragraph', 'linked', 'subheading', 'listed', 'quoted', 'speaker', 'scene', 'promoted', 'video']) expect([q, find(q)]).toEqual([q, ['rich-story']]);
    expect(find('okafor')).toEqual(['second-story']); // author
    expect(find('city hall')).toEqual(['second-story']); // cited source
    expect(find('ferries')).toEqual(['third-story']); // tag
    expect(find('business')).toEqual(['third-story']); // section
    expect(articleBodyText(catalog.articleBySlug.get('rich-story')!)).toContain('A paragraph with a linked word.');
    expect(articleBodyText(catalog.articleBySlug.get('rich-story')!)).not.toContain('https://');
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
    expect(index.search('!!! ---')).toEqual({ hits: [], combinedWith: 'AND', termCount: 0 });
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
