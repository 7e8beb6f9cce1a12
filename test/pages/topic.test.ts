/** Tag and section page models: a named list of visible articles, newest first, paged. */
import { sectionPage, tagPage } from '../../src/pages/topic';
import { contextFor, describePaging, EMBARGO_LIFTS, expectEmptyList, expectHead, PAGED, pageModel, sharedContext } from '../helpers/page-fixture';

const ctx = sharedContext();

describe('tagPage', () => {
  const open = (slug: string, rawPage?: unknown) => pageModel(tagPage(ctx(), slug, rawPage));

  test('lists the tag’s visible articles, newest first, named from its slug', () => {
    const model = open('harbours');
    expect(tagPage(ctx(), 'harbours', undefined)).toMatchObject({ kind: 'page', status: 200, view: 'topic' });
    expect(model).toMatchObject({ kind: 'tag', kindLabel: 'Tag', name: 'Harbours', articleCount: 4 });
    expect(model.articles.map((a) => a.url)).toEqual(['/articles/adapted-and-cited', '/articles/third-story', '/articles/second-story', '/articles/first-story']);
    expect(open('ferries').articles.map((a) => a.url)).toEqual(['/articles/third-story']);
    expect(model).not.toHaveProperty('description');
  });

  test('layout: "Name – Site", a sentence naming the tag, an absolute canonical URL', () => {
    const { layout } = open('harbours');
    expectHead(layout, { title: 'Harbours – Test Gazette', description: 'Articles tagged “Harbours” on Test Gazette.', path: '/tags/harbours' });
  });

  test.each(['no-such-tag', 'secret-tag', 'embargo-tag'])('"%s" (unknown, or carried only by a draft or an embargoed article) is a 404', (slug) => {
    expect(tagPage(ctx(), slug, undefined)).toEqual({ kind: 'not-found' });
  });

  test('a tag carried only by an embargoed article gets its page when the article is due', async () => {
    const model = pageModel(tagPage(await contextFor(undefined, EMBARGO_LIFTS), 'embargo-tag', undefined));
    expect(model.articles.map((a) => a.url)).toEqual(['/articles/embargoed-story']);
  });

  describePaging((raw) => tagPage(ctx(), PAGED.tag, raw), '/tags/long-read', 'Long read');
});

describe('sectionPage', () => {
  const open = (slug: string, rawPage?: unknown) => pageModel(sectionPage(ctx(), slug, rawPage));

  test('a section named in site.json has its name and description, and its visible articles newest first', () => {
    const model = open('world');
    expect(sectionPage(ctx(), 'world', undefined)).toMatchObject({ kind: 'page', status: 200, view: 'topic' });
    expect(model).toMatchObject({ kind: 'section', kindLabel: 'Section', name: 'World', description: 'News from everywhere.', articleCount: 3 });
    expect(model.articles.map((a) => a.url)).toEqual(['/articles/adapted-and-cited', '/articles/second-story', '/articles/first-story']);
  });

  test('layout: "Name – Site", the section description, an absolute canonical URL, the section current in the nav', () => {
    const { layout } = open('world');
    expectHead(layout, { title: 'World – Test Gazette', description: 'News from everywhere.', path: '/sections/world' });
    expect(layout.nav).toEqual([{ label: 'World', url: '/sections/world', current: true }]);
  });

  test('a section not in site.json is named from its slug, with a sentence as description', () => {
    const model = open('business');
    expect(model).toMatchObject({ kind: 'section', kindLabel: 'Section', name: 'Business', articleCount: 1 });
    expect(model).not.toHaveProperty('description');
    expect(model.layout.description).toBe('Business news from Test Gazette.');
    expect(model.layout.nav).toEqual([{ label: 'World', url: '/sections/world', current: false }]);
  });

  test('a section in site.json with nothing published has a page with no articles', () => {
    expectEmptyList((raw) => sectionPage(ctx(), 'sport', raw));
    expect(open('sport')).toMatchObject({ name: 'Sport', description: 'Games and races.' });
  });

  test.each(['no-such-section', 'hidden-desk'])('"%s" (unknown, or used only by hidden articles) is a 404', (slug) => {
    expect(sectionPage(ctx(), slug, undefined)).toEqual({ kind: 'not-found' });
  });

  describePaging((raw) => sectionPage(ctx(), PAGED.section, raw), '/sections/features', 'Features');
});
