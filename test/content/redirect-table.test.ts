/** The compiled redirect lookup: which redirect a path meets, what it fills in, where following them ends. */
import type { Redirect } from '../../src/content/model';
import { compileRedirects, MAX_HOPS, withQuery } from '../../src/content/redirect-table';

const redirect = (from: string, to: string | undefined, status: Redirect['status'] = 301): Redirect => ({ from, ...(to !== undefined && { to }), status, file: 'redirects.json', field: '[0]' });

describe('compileRedirects', () => {
  const table = compileRedirects([
    redirect('/news/special', '/articles/special-report'),
    redirect('/news/:slug', '/articles/:slug'),
    redirect('/news/:slug', '/tags/:slug'), // a second pattern of the same shape never answers: the first listed wins
    redirect('/archive/:year/:slug', 'https://archive.example.org/:year/stories/:slug?via=gazette', 302),
    redirect('/gone', undefined, 410),
    redirect('/to-gone', '/gone', 308),
  ]);

  test('an exact path wins over a pattern; patterns fill each placeholder with one segment', () => {
    expect(table.answer('/news/special')).toEqual({ status: 301, location: '/articles/special-report' });
    expect(table.answer('/news/other')).toEqual({ status: 301, location: '/articles/other' });
    expect(table.answer('/archive/2019/floods')).toEqual({ status: 302, location: 'https://archive.example.org/2019/stories/floods?via=gazette' });
  });

  test('a path with more, fewer or empty segments is not matched', () => {
    for (const path of ['/news', '/news/', '/news/a/b', '/news//', '/archive/2019', '/archive/2019//x', '/elsewhere']) expect(table.answer(path)).toBeUndefined();
  });

  test('a placeholder never takes a backslash (a browser may read "/\\host" as another site), nor fills in a host', () => {
    const go = compileRedirects([redirect('/go/:where', '/:where'), redirect('/out/:x', 'https://example.org/:x')]);
    expect(go.answer('/go/\\evil.example')).toBeUndefined();
    expect(go.answer('/go/about')).toEqual({ status: 301, location: '/about' });
    expect(go.answer('/out/evil.example')).toEqual({ status: 301, location: 'https://example.org/evil.example' });
  });

  test('a redirect to a page that is gone answers 410 itself', () => {
    expect(table.answer('/to-gone')).toEqual({ status: 410 });
    expect(table.answer('/gone')).toEqual({ status: 410 });
  });

  test('size counts every redirect given', () => {
    expect(table.size).toBe(6);
  });
});

describe('following redirects', () => {
  test('a loop is no answer (the 404 page), whatever validation missed', () => {
    const table = compileRedirects([redirect('/a/:x', '/b/:x'), redirect('/b/:x', '/a/:x')]);
    expect(table.answer('/a/1')).toBeUndefined();
    expect(table.trace('/a/1').loop).toBe(true);
  });

  test(`a chain longer than ${MAX_HOPS} ends at the address reached by then`, () => {
    const chain = Array.from({ length: MAX_HOPS + 2 }, (_, i) => redirect(`/p${i}`, `/p${i + 1}`));
    const table = compileRedirects(chain);
    expect(table.answer('/p0')).toEqual({ status: 301, location: `/p${MAX_HOPS}` });
  });

  test('a target with its own query string is not followed further', () => {
    const table = compileRedirects([redirect('/a', '/b?x=1'), redirect('/b', '/c')]);
    expect(table.answer('/a')).toEqual({ status: 301, location: '/b?x=1' });
  });

  test('the first redirect’s status is the answer’s', () => {
    const table = compileRedirects([redirect('/a', '/b', 302), redirect('/b', '/c', 301)]);
    expect(table.answer('/a')).toEqual({ status: 302, location: '/c' });
  });
});

describe('withQuery', () => {
  test.each([
    ['/articles/x', '', '/articles/x'],
    ['/articles/x', '?', '/articles/x'],
    ['/articles/x', '?a=1', '/articles/x?a=1'],
    ['/tags/y?from=promo', '?a=1', '/tags/y?from=promo&a=1'],
    ['/tags/y?from=promo#top', '?a=1&b=2', '/tags/y?from=promo&a=1&b=2#top'],
    ['https://example.org/p#s', '?a=1', 'https://example.org/p?a=1#s'],
  ])('%s with %s is %s', (location, query, expected) => {
    expect(withQuery(location, query)).toBe(expected);
  });
});
