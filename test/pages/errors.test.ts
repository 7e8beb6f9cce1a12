/** The 404 and 500 page models: the site's own layout, a way back, kept out of search engines, never internals. */
import { notFoundModel, serverErrorModel } from '../../src/pages/errors';
import { ASSETS, expectHead, sharedContext } from '../helpers/page-fixture';

const ctx = sharedContext();

describe('notFoundModel', () => {
  test('status 404, a heading and a message pointing to the front page and search', () => {
    const model = notFoundModel(ctx(), '/articles/gone');
    expect(model.status).toBe(404);
    expect(model.heading).toBe('Sorry, we can’t find that page');
    expect(model.message).toMatch(/front page/);
    expect(model.message).toMatch(/search/);
  });

  test('layout: "Page not found – Site", noindex, the site’s own stylesheet and nav', () => {
    const { layout } = notFoundModel(ctx(), '/articles/gone');
    expectHead(layout, { title: 'Page not found – Test Gazette', description: 'This page does not exist.', path: '/articles/gone' });
    expect(layout.robots).toBe('noindex');
    expect(layout.stylesheetUrl).toBe(ASSETS.stylesheet);
    expect(layout.nav).toEqual([{ label: 'World', url: '/sections/world', current: false }]);
    expect(layout.meta).toEqual([]);
    expect(layout.jsonLd).toEqual([]);
  });

  test('the message never repeats the requested address', () => {
    const path = '/articles/<script>alert(1)</script>';
    const model = notFoundModel(ctx(), path);
    expect(model.heading).not.toContain('script');
    expect(model.message).not.toContain('script');
  });
});

describe('serverErrorModel', () => {
  test('status 500, a heading and a message with no internals', () => {
    const model = serverErrorModel(ctx(), '/articles/first-story');
    expect(model.status).toBe(500);
    expect(model.heading).toBe('Something went wrong on our side');
    expect(model.message).toBe('We have been told about it. Please try again in a moment.');
  });

  test('layout: "Something went wrong – Site", noindex', () => {
    const { layout } = serverErrorModel(ctx(), '/articles/first-story');
    expectHead(layout, { title: 'Something went wrong – Test Gazette', description: 'An error occurred.', path: '/articles/first-story' });
    expect(layout.robots).toBe('noindex');
    expect(layout.faviconUrl).toBe(ASSETS.favicon);
  });
});
