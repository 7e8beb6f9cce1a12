/**
 * Redirect validation: every mistake an editor can make in data/redirects.json
 * or an article's previousSlugs is a problem naming the file and the field;
 * the bad redirect is dropped and every other one (and every page) keeps working.
 */
import type { Problem } from '../../src/content/problems';
import { baseRecords, loadFixture, removeDataDirs, type FixtureRecords, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

const FILE = 'redirects.json';

async function load(redirects: unknown, records: FixtureRecords = baseRecords()) {
  const raw: Record<string, string> = redirects === undefined ? {} : { [FILE]: typeof redirects === 'string' ? redirects : JSON.stringify(redirects) };
  return (await loadFixture(records, raw)).content;
}

const fromsOf = (content: { redirects: readonly { from: string }[] }) => content.redirects.map((r) => r.from);
const problemsIn = (problems: Problem[], file: string) => problems.filter((p) => p.file === file).map((p) => ({ field: p.field, message: p.message }));

function withArticle(slug: string, extra: Json, records = baseRecords()): FixtureRecords {
  records.articles = records.articles.map((a) => (a.slug === slug ? { ...a, ...extra } : a));
  return records;
}

describe('data/redirects.json', () => {
  test('no file is no redirects and no problem', async () => {
    const content = await load(undefined);
    expect(content.redirects).toEqual([]);
    expect(content.problems).toEqual([]);
  });

  test('good entries of every kind load, 301 by default, with no problems', async () => {
    const content = await load([
      { from: '/old-story', to: '/articles/first-story' },
      { from: '/news/:slug', to: '/articles/:slug', status: 308 },
      { from: '/promo', to: '/tags/harbours', status: 302 },
      { from: '/desk/:who/feed', to: '/authors/:who', status: 307 },
      { from: '/elsewhere', to: 'https://example.org/archive?from=gazette' },
      { from: '/team', to: '/about' },
      { from: '/newsletter', status: 410 },
    ]);
    expect(content.problems).toEqual([]);
    expect(content.redirects.map((r) => [r.from, r.to, r.status])).toEqual([
      ['/old-story', '/articles/first-story', 301],
      ['/news/:slug', '/articles/:slug', 308],
      ['/promo', '/tags/harbours', 302],
      ['/desk/:who/feed', '/authors/:who', 307],
      ['/elsewhere', 'https://example.org/archive?from=gazette', 301],
      ['/team', '/about', 301],
      ['/newsletter', undefined, 410],
    ]);
  });

  test.each<[string, string]>([
    ['{ "from": "/a", ', 'is not valid JSON (line 1'],
    ['{"from": "/a", "to": "/about"}', 'must be a JSON array'],
  ])('a file that is not a JSON array (%s) is one problem and no redirects; the site still loads', async (text, message) => {
    const content = await load(text);
    expect(content.redirects).toEqual([]);
    expect(problemsIn(content.problems, FILE)).toEqual([{ field: '', message: expect.stringContaining(message) }]);
    expect(content.articles.size).toBe(3);
  });

  test.each<[string, Json | string, string, RegExp]>([
    ['a status it does not know', { from: '/a', to: '/about', status: 303 }, '[1].status', /must be one of 301, 302, 307, 308, 410/],
    ['a status as a string', { from: '/a', to: '/about', status: '301' }, '[1].status', /must be one of/],
    ['no to', { from: '/a' }, '[1].to', /is required but missing/],
    ['a to with 410', { from: '/a', to: '/about', status: 410 }, '[1].to', /must be left out with status 410/],
    ['no from', { to: '/about' }, '[1].from', /required/],
    ['an unknown field', { from: '/a', to: '/about', code: 301 }, '[1].code', /not a known field/],
    ['an entry that is not an object', 'just a string', '[1]', /object/],
    ['a from that is not a path', { from: 'old-story', to: '/about' }, '[1].from', /must be a site path starting with "\/"/],
    ['a from with a query string', { from: '/a?x=1', to: '/about' }, '[1].from', /without a query string/],
    ['a from with a trailing slash', { from: '/a/', to: '/about' }, '[1].from', /must not end with "\/": write "\/a"/],
    ['a from with an empty segment', { from: '/a//b', to: '/about' }, '[1].from', /empty segments/],
    ['a from with a space', { from: '/old story', to: '/about' }, '[1].from', /percent-encoded/],
    ['a from that starts with a placeholder', { from: '/:slug', to: '/articles/:slug' }, '[1].from', /must start with a fixed segment/],
    ['a placeholder twice', { from: '/a/:x/:x', to: '/about' }, '[1].from', /uses :x twice/],
    ['a placeholder inside a segment', { from: '/a/b:x', to: '/about' }, '[1].from', /a placeholder is a whole segment/],
    ['a to that is neither a path nor a URL', { from: '/a', to: 'about' }, '[1].to', /must be a site path .* or an absolute http\(s\) URL/],
    ['a protocol-relative to', { from: '/a', to: '//evil.example/x' }, '[1].to', /must be a site path/],
    ['a to with another scheme', { from: '/a', to: 'javascript:alert(1)' }, '[1].to', /must be a site path/],
    ['a placeholder in to that from has not', { from: '/a/:slug', to: '/articles/:id' }, '[1].to', /uses :id, which "from" has not \(it has :slug\)/],
    ['a placeholder in to with an exact from', { from: '/a', to: '/articles/:slug' }, '[1].to', /"from" is an exact path with no placeholders/],
    ['a from where an article answers', { from: '/articles/first-story', to: '/about' }, '[1].from', /is the address of the article articles\/first-story.json, which answers there itself/],
    ['a from where a static page answers', { from: '/about', to: '/articles/first-story' }, '[1].from', /the page pages\/about.json/],
    ['a from where a route answers', { from: '/search', to: '/about' }, '[1].from', /the search page/],
    ['a from at the front page', { from: '/', to: '/about' }, '[1].from', /the front page/],
    ['a from where an author answers', { from: '/authors/ada-lane', to: '/about' }, '[1].from', /the author "ada-lane"/],
    ['a from where a tag answers', { from: '/tags/ferries', to: '/about' }, '[1].from', /the tag "ferries"/],
    ['a from where a feed answers', { from: '/feed.xml', to: '/about' }, '[1].from', /the site’s feed/],
    ['a pattern that covers article pages', { from: '/articles/:slug', to: '/about' }, '[1].from', /an article page/],
    ['a from under the static files', { from: '/static/old.css', to: '/about' }, '[1].from', /static files/],
    ['a target article that does not exist', { from: '/a', to: '/articles/no-such-story' }, '[1].to', /does not exist: no page answers at \/articles\/no-such-story/],
    ['a target page that does not exist', { from: '/a', to: '/no-such-page' }, '[1].to', /does not exist/],
    ['a target author that does not exist', { from: '/a', to: '/authors/nobody' }, '[1].to', /does not exist/],
    ['a pattern target no route has', { from: '/a/:slug', to: '/stories/:slug' }, '[1].to', /does not exist: no page answers at \/stories\/:slug/],
    ['a target under the image variants', { from: '/a', to: '/img/x.jpg' }, '[1].to', /a redirect leads to a page/],
  ])('%s: that entry is dropped with a problem naming its field; the others work', async (_name, entry, field, message) => {
    const content = await load([{ from: '/fine', to: '/about' }, entry, { from: '/also-fine', status: 410 }]);
    expect(problemsIn(content.problems, FILE)).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(fromsOf(content)).toEqual(['/fine', '/also-fine']);
  });

  test('a second redirect for the same address is refused, also when only the placeholder names differ', async () => {
    const content = await load([
      { from: '/a', to: '/about' },
      { from: '/a', to: '/articles/first-story' },
      { from: '/news/:slug', to: '/articles/:slug' },
      { from: '/news/:id', to: '/articles/:id' },
    ]);
    expect(problemsIn(content.problems, FILE)).toEqual([
      { field: '[1].from', message: expect.stringMatching(/"\/a" is already redirected by redirects.json \[0\]/) },
      { field: '[3].from', message: expect.stringMatching(/already redirected by redirects.json \[2\]/) },
    ]);
    expect(content.redirects.map((r) => r.to)).toEqual(['/about', '/articles/:slug']);
  });

  test('a loop is refused, every redirect in it; the rest work', async () => {
    const content = await load([
      { from: '/a', to: '/b' },
      { from: '/b', to: '/c' },
      { from: '/c', to: '/a' },
      { from: '/x/:slug', to: '/y/:slug' },
      { from: '/y/:id', to: '/x/:id' },
      { from: '/self', to: '/self' },
      { from: '/fine', to: '/about' },
    ]);
    const problems = problemsIn(content.problems, FILE);
    expect(problems.map((p) => p.field)).toEqual(['[0].to', '[1].to', '[2].to', '[3].to', '[4].to', '[5].to']);
    expect(problems[0]?.message).toBe('makes a loop (/a → /b → /c → /a); every redirect in it is ignored');
    expect(problems[3]?.message).toMatch(/makes a loop \(\/x\/:slug → \/y\/:slug → \/x\/:slug\)/);
    expect(fromsOf(content)).toEqual(['/fine']);
  });

  test('a redirect into something only a refused redirect led to is refused too', async () => {
    const content = await load([
      { from: '/a', to: '/b' },
      { from: '/b', to: '/articles/gone-story' },
    ]);
    expect(problemsIn(content.problems, FILE)).toEqual([
      { field: '[1].to', message: 'does not exist: no page answers at /articles/gone-story' },
      { field: '[0].to', message: 'does not exist: no page answers at /b' },
    ]);
    expect(content.redirects).toEqual([]);
  });

  test('a chain is kept and reported: readers go straight to the end', async () => {
    const content = await load([
      { from: '/a', to: '/b' },
      { from: '/b', to: '/c' },
      { from: '/c', to: '/articles/first-story' },
      { from: '/old-offer', to: '/newsletter' },
      { from: '/newsletter', status: 410 },
    ]);
    expect(fromsOf(content)).toEqual(['/a', '/b', '/c', '/old-offer', '/newsletter']);
    expect(problemsIn(content.problems, FILE)).toEqual([
      { field: '[0].to', message: 'leads on through 2 more redirects (/a → /b → /c → /articles/first-story); readers go straight to /articles/first-story, but writing that here saves the detour' },
      { field: '[1].to', message: expect.stringMatching(/leads on through 1 more redirect \(\/b → \/c → \/articles\/first-story\)/) },
      { field: '[3].to', message: expect.stringMatching(/readers answer 410 \(gone\)/) },
    ]);
  });

  test('a target that is a draft is refused; one that is embargoed is kept, waiting for the article', async () => {
    const records = withArticle('second-story', { status: 'draft' }, withArticle('third-story', { publishedAt: '2026-07-01T09:00:00Z' }));
    const content = await load([{ from: '/a', to: '/articles/second-story' }, { from: '/b', to: '/articles/third-story' }], records);
    expect(problemsIn(content.problems, FILE)).toEqual([
      { field: '[0].to', message: 'is the address of the draft article articles/second-story.json, which readers cannot see; publish it first, or send readers elsewhere' },
    ]);
    expect(content.redirects).toEqual([expect.objectContaining({ from: '/b', waitsFor: 'third-story' })]);
  });

  test('a from where a draft or embargoed article will answer is refused', async () => {
    const records = withArticle('second-story', { status: 'draft' }, withArticle('third-story', { publishedAt: '2026-07-01T09:00:00Z' }));
    const content = await load([{ from: '/articles/second-story', to: '/about' }, { from: '/articles/third-story', to: '/about' }], records);
    expect(problemsIn(content.problems, FILE).map((p) => [p.field, p.message.replace(/ \(.*$/, '')])).toEqual([
      ['[0].from', 'is the address of the draft article articles/second-story.json, which will answer there once readers can see it; a redirect only answers an address no page has'],
      ['[1].from', 'is the address of the embargoed article articles/third-story.json, which will answer there once readers can see it; a redirect only answers an address no page has'],
    ]);
  });
});

describe('previousSlugs', () => {
  test('each old slug redirects /articles/<old> to the article, 301', async () => {
    const content = await load(undefined, withArticle('first-story', { previousSlugs: ['first-draft-story', 'early-story'] }));
    expect(content.problems).toEqual([]);
    expect(content.articles.get('first-story')?.previousSlugs).toEqual(['first-draft-story', 'early-story']);
    expect(content.redirects.map((r) => [r.from, r.to, r.status, r.file, r.field])).toEqual([
      ['/articles/first-draft-story', '/articles/first-story', 301, 'articles/first-story.json', 'previousSlugs[0]'],
      ['/articles/early-story', '/articles/first-story', 301, 'articles/first-story.json', 'previousSlugs[1]'],
    ]);
  });

  test('an old slug that is not a slug is a schema problem on the article', async () => {
    const content = await load(undefined, withArticle('first-story', { previousSlugs: ['Old Story'] }));
    expect(problemsIn(content.problems, 'articles/first-story.json')).toEqual([{ field: 'previousSlugs[0]', message: expect.stringMatching(/lowercase/) }]);
  });

  test("an old slug that is an article's slug now is refused; the article keeps its page", async () => {
    const content = await load(undefined, withArticle('first-story', { previousSlugs: ['second-story', 'first-story', 'old-first'] }));
    expect(problemsIn(content.problems, 'articles/first-story.json')).toEqual([
      { field: 'previousSlugs[0]', message: '"second-story" is the slug of articles/second-story.json, which answers at /articles/second-story itself; remove it here, or rename that article first' },
      { field: 'previousSlugs[1]', message: "is the article's own slug; list only the slugs it had before" },
    ]);
    expect(content.articles.has('first-story')).toBe(true);
    expect(fromsOf(content)).toEqual(['/articles/old-first']);
  });

  test('an old slug two articles claim is refused for both', async () => {
    const records = withArticle('first-story', { previousSlugs: ['shared-old'] }, withArticle('second-story', { previousSlugs: ['own-old', 'shared-old'] }));
    const content = await load(undefined, records);
    expect(problemsIn(content.problems, 'articles/first-story.json')).toEqual([{ field: 'previousSlugs[0]', message: expect.stringMatching(/"shared-old" is also an old slug of articles\/second-story.json/) }]);
    expect(problemsIn(content.problems, 'articles/second-story.json')).toEqual([{ field: 'previousSlugs[1]', message: expect.stringMatching(/also an old slug of articles\/first-story.json/) }]);
    expect(fromsOf(content)).toEqual(['/articles/own-old']);
  });

  test('redirects.json may not redirect an old slug again, but may lead to it (a chain)', async () => {
    const content = await load(
      [
        { from: '/articles/old-first', to: '/about' },
        { from: '/news/old', to: '/articles/old-first' },
      ],
      withArticle('first-story', { previousSlugs: ['old-first'] }),
    );
    expect(problemsIn(content.problems, FILE)).toEqual([
      { field: '[0].from', message: '"/articles/old-first" is already redirected by articles/first-story.json previousSlugs[0]; keep one' },
      { field: '[1].to', message: expect.stringMatching(/^leads on through 1 more redirect \(\/news\/old → \/articles\/old-first → \/articles\/first-story\)/) },
    ]);
  });
});
