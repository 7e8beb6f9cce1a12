/** The catalog: what readers can see now, indexed; drafts and embargoes stay out until due. */
import { CatalogStore, buildCatalog } from '../../src/content/catalog';
import { baseRecords, loadFixture, removeDataDirs, NOW } from '../helpers/fixture';

afterAll(removeDataDirs);

async function contentWithHidden() {
  const records = baseRecords();
  records.articles.push(
    { ...records.articles[0], slug: 'draft-story', status: 'draft', publishedAt: '2026-05-05T09:00:00Z' },
    { ...records.articles[0], slug: 'embargoed-story', publishedAt: '2026-06-01T13:00:00Z', tags: ['secret-tag'], sources: ['city-hall'] },
  );
  return (await loadFixture(records)).content;
}

describe('catalog', () => {
  test('lists visible articles newest first with indexes by author, source, tag and section', async () => {
    const catalog = buildCatalog(await contentWithHidden(), 1, NOW);
    expect(catalog.articles.map((a) => a.slug)).toEqual(['third-story', 'second-story', 'first-story']);
    expect(catalog.articlesByAuthor.get('ben-okafor')?.map((a) => a.slug)).toEqual(['second-story']);
    // wire-agency: cited by first and third, origin of second.
    expect(catalog.articlesBySource.get('wire-agency')?.map((a) => a.slug)).toEqual(['third-story', 'second-story', 'first-story']);
    expect(catalog.articlesByTag.get('ferries')?.map((a) => a.slug)).toEqual(['third-story']);
    expect(catalog.articlesBySection.get('business')?.map((a) => a.slug)).toEqual(['third-story']);
    expect(catalog.sections.get('business')?.name).toBe('Business');
  });

  test('drafts and embargoed articles are in no index', async () => {
    const catalog = buildCatalog(await contentWithHidden(), 1, NOW);
    expect(catalog.articleBySlug.has('draft-story')).toBe(false);
    expect(catalog.articleBySlug.has('embargoed-story')).toBe(false);
    expect(catalog.tags.has('secret-tag')).toBe(false);
    expect(catalog.articlesBySource.get('city-hall')?.map((a) => a.slug)).toEqual(['second-story']);
    expect(catalog.validUntil).toBe(Date.parse('2026-06-01T13:00:00Z'));
  });

  test('corrections are listed newest first; on one date, the newer article first, then the article\'s own order', async () => {
    const records = baseRecords();
    const fix = (at: string, text: string) => ({ at, text });
    records.articles[0] = { ...records.articles[0], corrections: [fix('2026-05-10T10:00:00Z', 'A'), fix('2026-05-10T10:00:00Z', 'B')] }; // first-story
    records.articles[1] = { ...records.articles[1], corrections: [fix('2026-05-12T10:00:00Z', 'D')] }; // second-story
    records.articles[2] = { ...records.articles[2], corrections: [fix('2026-05-10T10:00:00Z', 'C')] }; // third-story, the newest
    const { content } = await loadFixture(records);
    expect(content.problems).toEqual([]);
    const catalog = buildCatalog(content, 1, NOW);
    expect(catalog.corrections.map(({ article, correction }) => [article.slug, correction.text])).toEqual([
      ['second-story', 'D'],
      ['third-story', 'C'],
      ['first-story', 'A'],
      ['first-story', 'B'],
    ]);
  });

  test('an embargo lifts by itself when its time comes, as a new catalog version', async () => {
    const clock = { now: NOW };
    const store = new CatalogStore(await contentWithHidden(), () => clock.now);
    const before = store.current();
    expect(before.articleBySlug.has('embargoed-story')).toBe(false);
    clock.now = new Date('2026-06-01T12:59:59Z');
    expect(store.current()).toBe(before);
    clock.now = new Date('2026-06-01T13:00:00Z');
    const after = store.current();
    expect(after.articleBySlug.has('embargoed-story')).toBe(true);
    expect(after.articles[0]?.slug).toBe('embargoed-story');
    expect(after.version).not.toBe(before.version);
    expect(after.articleBySlug.has('draft-story')).toBe(false);
    // A request still holding the catalog from before the swap sees it as it was.
    expect(before.articleBySlug.has('embargoed-story')).toBe(false);
    expect(before.articles.map((a) => a.slug)).toEqual(['third-story', 'second-story', 'first-story']);
    expect(before.articlesByTag.has('secret-tag')).toBe(false);
    expect(after.articlesByTag.get('secret-tag')?.map((a) => a.slug)).toEqual(['embargoed-story']);
  });
});
