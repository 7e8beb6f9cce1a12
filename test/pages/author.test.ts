/** The author page model: who they are, their links, and only their published articles, newest first. */
import { authorPage } from '../../src/pages/author';
import { contextFor, describePaging, EMBARGO_LIFTS, expectEmptyList, expectHead, PAGED, pageModel, sharedContext } from '../helpers/page-fixture';

const ctx = sharedContext();
const open = (slug: string, rawPage?: unknown) => pageModel(authorPage(ctx(), slug, rawPage));

describe('authorPage', () => {
  test('name, role, bio, avatar and links', () => {
    const model = open('ada-lane');
    expect(model).toMatchObject({ name: 'Ada Lane', role: 'Reporter', bio: 'Ada writes about harbours.', links: [{ label: 'Website', url: 'https://example.org/ada' }] });
    expect(model.avatar).toMatchObject({ width: 64, height: 36, alt: '' });
    expect(authorPage(ctx(), 'ada-lane', undefined)).toMatchObject({ kind: 'page', status: 200, view: 'author' });
  });

  test('their published articles, newest first, with the count', () => {
    const model = open('ada-lane');
    expect(model.articleCount).toBe(3);
    expect(model.articles.map((a) => a.url)).toEqual(['/articles/third-story', '/articles/second-story', '/articles/first-story']);
    expect(model.articles[1]).toMatchObject({ headline: 'Headline of second-story', bylines: 'Ada Lane and Ben Okafor' });
  });

  test('drafts and embargoed articles are neither listed nor counted', () => {
    const model = open('ben-okafor');
    expect(model.articleCount).toBe(2);
    expect(model.articles.map((a) => a.url)).toEqual(['/articles/adapted-and-cited', '/articles/second-story']);
  });

  test('an embargoed article joins the list when it is due', async () => {
    const later = await contextFor(undefined, EMBARGO_LIFTS);
    const model = pageModel(authorPage(later, 'ben-okafor', undefined));
    expect(model.articleCount).toBe(3);
    expect(model.articles[0]?.url).toBe('/articles/embargoed-story');
  });

  test('optional fields are left out, not empty', () => {
    const model = open('ben-okafor');
    expect(model).toMatchObject({ name: 'Ben Okafor', role: 'Editor', bio: 'Ben edits.', links: [] });
    expect(model).not.toHaveProperty('avatar');
    const bare = open(PAGED.author);
    for (const key of ['role', 'bio', 'avatar']) expect(bare).not.toHaveProperty(key);
  });

  test('an author with nothing published yet has a page with no articles, and no page 2', () => {
    expectEmptyList((raw) => authorPage(ctx(), 'dee-drafts', raw));
    expect(open('dee-drafts').name).toBe('Dee Drafts');
  });

  test.each(['no-one', 'Ada-Lane', ''])('unknown author "%s" is a 404', (slug) => {
    expect(authorPage(ctx(), slug, undefined)).toEqual({ kind: 'not-found' });
  });

  test('layout: "Name – Site", the bio as description (or a sentence naming them), an absolute canonical URL', () => {
    const { layout } = open('ada-lane');
    expectHead(layout, { title: 'Ada Lane – Test Gazette', description: 'Ada writes about harbours.', path: '/authors/ada-lane' });
    expect(open('dee-drafts').layout.description).toBe('Articles by Dee Drafts on Test Gazette.');
  });

  describePaging((raw) => authorPage(ctx(), PAGED.author, raw), '/authors/cy-paged', 'Cy Paged');
});
