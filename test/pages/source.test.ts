/** The source page model: what a source is, and every visible article that cites it or was adapted from it. */
import { sourcePage } from '../../src/pages/source';
import { describePaging, expectEmptyList, expectHead, PAGED, pageModel, sharedContext } from '../helpers/page-fixture';

const ctx = sharedContext();
const open = (slug: string, rawPage?: unknown) => pageModel(sourcePage(ctx(), slug, rawPage));

describe('sourcePage', () => {
  test('name, kind as a reader reads it, description and site', () => {
    const model = open('wire-agency');
    expect(model).toMatchObject({ name: 'Wire Agency', kind: 'News agency', description: 'A news agency.', siteUrl: 'https://wire.example.org' });
    expect(open('city-hall').kind).toBe('Official body');
    expect(open('quiet-wire').kind).toBe('News outlet');
    expect(sourcePage(ctx(), 'wire-agency', undefined)).toMatchObject({ kind: 'page', status: 200, view: 'source' });
  });

  test('lists articles that cite it and articles adapted from it, newest first', () => {
    const model = open('wire-agency');
    expect(model.articleCount).toBe(3);
    // third and first cite it; second was adapted from it.
    expect(model.articles.map((a) => a.url)).toEqual(['/articles/third-story', '/articles/second-story', '/articles/first-story']);
  });

  test('each card says how the article uses the source, with the cited piece’s own URL when there is one', () => {
    const cards = (slug: string) => open(slug).articles.map(({ url, relation }) => ({ url, relation: relation?.text, originalUrl: relation?.originalUrl }));
    expect(cards('city-hall')).toEqual([
      { url: '/articles/adapted-and-cited', relation: expect.stringMatching(/^Adapted from and cites\b/), originalUrl: 'https://city.example.org/minutes' },
      { url: '/articles/second-story', relation: expect.stringMatching(/^Cites\b/), originalUrl: 'https://city.example.org/report' },
    ]);
    expect(cards('wire-agency').map((c) => [c.relation?.split(' ')[0], c.originalUrl])).toEqual([
      ['Cites', undefined],
      ['Adapted', undefined],
      ['Cites', undefined],
    ]);
  });

  // Issue 9 item 8: the relation used to read a bare "Adapted from" / "Cites", without the source.
  test('each card’s relation names the source ("Adapted from Wire Agency", "Cites Wire Agency")', () => {
    const relations = open('wire-agency').articles.map((a) => a.relation?.text);
    expect(relations).toEqual([expect.stringContaining('Wire Agency'), expect.stringContaining('Wire Agency'), expect.stringContaining('Wire Agency')]);
    expect(relations[1]).toMatch(/^Adapted from\b.*Wire Agency/);
    expect(relations[0]).toMatch(/^Cites\b.*Wire Agency/);
    expect(open('city-hall').articles.map((a) => a.relation?.text)).toEqual([expect.stringContaining('City Hall'), expect.stringContaining('City Hall')]);
  });

  test('drafts and embargoed articles that cite it are neither listed nor counted', () => {
    const model = open('city-hall');
    expect(model.articleCount).toBe(2);
    expect(model.articles.map((a) => a.url)).not.toContain('/articles/draft-story');
    expect(model.articles.map((a) => a.url)).not.toContain('/articles/embargoed-story');
  });

  test('a source only hidden articles cite has a page with no articles', () => {
    expectEmptyList((raw) => sourcePage(ctx(), 'quiet-wire', raw));
    expect(open('quiet-wire').name).toBe('Quiet Wire');
  });

  test.each(['no-such-source', 'Wire-Agency'])('unknown source "%s" is a 404', (slug) => {
    expect(sourcePage(ctx(), slug, undefined)).toEqual({ kind: 'not-found' });
  });

  test('layout: "Name – Site", its description (or a sentence naming it), an absolute canonical URL; optional fields left out', () => {
    const { layout } = open('wire-agency');
    expectHead(layout, { title: 'Wire Agency – Test Gazette', description: 'A news agency.', path: '/sources/wire-agency' });
    const bare = open('city-hall');
    expect(bare.layout.description).toBe('Articles on Test Gazette that cite City Hall.');
    for (const key of ['description', 'siteUrl']) expect(bare).not.toHaveProperty(key);
  });

  describePaging((raw) => sourcePage(ctx(), PAGED.source, raw), '/sources/the-archive', 'The Archive');
});
