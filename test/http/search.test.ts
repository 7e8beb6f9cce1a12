/**
 * Site search over HTTP: finds articles by any word of their text, ranks a
 * headline match first, highlights safely, pages, survives hostile queries,
 * never shows drafts or embargoes, and its form is on every page.
 */
import request from 'supertest';
import { prepareSearch, searchSettings } from '../../src/search/index';
import { appFor, baseRecords, DEMO_DATA_DIR, NOW, removeDataDirs, visibleText, writeDataDir, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

const SEED = '/articles/unfit-conscripts-sent-home';

/** Result links on a search page, in order. */
function resultUrls(html: string): string[] {
  return [...html.matchAll(/<h2 class="search-result__headline"><a href="([^"]+)"/g)].map((m) => m[1] as string);
}

function expectNoInjectedMarkup(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img src=x/i);
  expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z][^<>]*\son[a-z]+\s*=/i);
}

/** The base fixture plus 24 articles mentioning lighthouses in their body, and one older with it in the headline. */
async function pagedApp() {
  const r = baseRecords();
  const base = r.articles[0] as Json;
  for (let i = 1; i <= 24; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    r.articles.push({
      ...base,
      slug: `harbour-note-${i}`,
      headline: `Harbour note number ${i}`,
      publishedAt: `2026-05-${day}T10:00:00Z`,
      body: [{ type: 'paragraph', text: `Note ${i} on the quay. The old lighthouse was mentioned in passing, as a landmark near the pier.` }],
    });
  }
  r.articles.push({
    ...base,
    slug: 'lighthouse-keepers-return',
    headline: 'Lighthouse keepers return to the point',
    publishedAt: '2026-03-01T10:00:00Z',
    body: [{ type: 'paragraph', text: 'Two keepers moved back into the tower this spring.' }],
  });
  return (await appFor(await writeDataDir(r))).app;
}

describe('search on the demo site (real clock)', () => {
  let app: Awaited<ReturnType<typeof appFor>>['app'];
  beforeAll(async () => {
    app = (await appFor(DEMO_DATA_DIR, { now: new Date() })).app;
  });

  test.each(['Khabarovsk', 'tampons', 'khabar'])('finds the seed story by a word only in its body: %s', async (q) => {
    const res = await request(app).get('/search').query({ q }).expect(200);
    expect(resultUrls(res.text)[0]).toBe(SEED);
    expect(res.text).toMatch(/<mark>(Khabarovsk|tampons)<\/mark>/);
  });

  test('finds the seed story by its author’s name, highlighted in the byline', async () => {
    const res = await request(app).get('/search?q=Springer').expect(200);
    expect(resultUrls(res.text)[0]).toBe(SEED);
    expect(res.text).toContain('By James <mark>Springer</mark>');
  });

  test('finds an article by the words of its correction', async () => {
    // "earlier version … 410,000" is only in the demo correction on the punctuality story.
    const res = await request(app).get('/search').query({ q: 'earlier version rows' }).expect(200);
    expect(resultUrls(res.text)[0]).toBe('/articles/port-alder-punctuality-data');
  });

  test('drafts and embargoed demo articles are never found', async () => {
    for (const q of ['market hall consultation', 'drone display fireworks']) {
      const res = await request(app).get('/search').query({ q }).expect(200);
      expect(res.text).not.toContain('/articles/market-hall-plans');
      expect(res.text).not.toContain('/articles/new-year-drone-show');
    }
  });

  test('the search page: title, robots noindex, query in both boxes, HTML cache headers', async () => {
    const res = await request(app).get('/search?q=conscripts').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/max-age=60/);
    expect(res.text).toMatch(/<title>Search: conscripts – 247 News Reel<\/title>/);
    expect(res.text).toContain('<meta name="robots" content="noindex, follow">');
    expect(res.text).toMatch(/id="site-search-q"[^>]*value="conscripts"/);
    expect(res.text).toMatch(/id="search-page-q"[^>]*value="conscripts"/);
    expect(res.text).toMatch(/\d+ results? for/);
  });
});

describe('search on a fixture', () => {
  test('a headline match ranks first, above newer articles mentioning the word in passing', async () => {
    const app = await pagedApp();
    const res = await request(app).get('/search?q=lighthouse').expect(200);
    expect(resultUrls(res.text)[0]).toBe('/articles/lighthouse-keepers-return');
    expect(res.text).toContain('<mark>Lighthouse</mark> keepers return');
    expect(res.text).toContain('25 results for');
  });

  test('pages 10 at a time with /search?q=…&page=N links; ?page=1 redirects; past the end is 404', async () => {
    const app = await pagedApp();
    const first = await request(app).get('/search?q=lighthouse').expect(200);
    expect(resultUrls(first.text)).toHaveLength(10);
    expect(first.text).toContain('href="/search?q=lighthouse&amp;page=2" rel="next"');
    expect(first.text).toContain('<link rel="next" href="https://news.example.test/search?q=lighthouse&amp;page=2">');
    expect(first.text).not.toContain('?page=');

    const second = await request(app).get('/search?q=lighthouse&page=2').expect(200);
    expect(resultUrls(second.text)).toHaveLength(10);
    expect(second.text).toContain('href="/search?q=lighthouse" rel="prev"');
    expect(second.text).toContain('href="/search?q=lighthouse&amp;page=3" rel="next"');
    expect(second.text).toMatch(/<title>Search: lighthouse \(page 2\) – Test Gazette<\/title>/);
    const seen = new Set([...resultUrls(first.text), ...resultUrls(second.text)]);
    expect(seen.size).toBe(20);

    const third = await request(app).get('/search?q=lighthouse&page=3').expect(200);
    expect(resultUrls(third.text)).toHaveLength(5);

    await request(app).get('/search?q=lighthouse&page=4').expect(404);
    await request(app).get('/search?q=lighthouse&page=0').expect(404);
    await request(app).get('/search?q=lighthouse&page=abc').expect(404);
    const redirect = await request(app).get('/search?q=lighthouse&page=1').expect(301);
    expect(redirect.headers.location).toBe('/search?q=lighthouse');
  });

  test('an empty query gives the form and a hint', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    for (const url of ['/search', '/search?q=', '/search?q=%20%20', '/search?q[]=x', '/search?q%5B%5D=x']) {
      const res = await request(app).get(url).expect(200);
      expect(res.text).toContain('<h1 class="topic-header__name">Search</h1>');
      expect(res.text).toContain('class="search-hint"');
      expect(res.text).toContain('<meta name="robots" content="noindex, follow">');
    }
  });

  test('no results: a clear message with suggestions', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    const res = await request(app).get('/search?q=xylophone').expect(200);
    expect(res.text).toContain('No results for “<bdi>xylophone</bdi>”.');
    expect(res.text).toContain('href="/sections/world"');
    expect(resultUrls(res.text)).toEqual([]);
  });

  test('when no article has every word, articles with any of them are shown, and the page says so', async () => {
    const { app } = await appFor(await writeDataDir(baseRecords()));
    const res = await request(app).get('/search?q=okafor+xylophone').expect(200);
    expect(resultUrls(res.text)).toEqual(['/articles/second-story']);
    expect(res.text).toContain('No article contains all of your words');
  });

  test('drafts and embargoed articles are never found, until the embargo lifts', async () => {
    const r = baseRecords();
    r.authors.push({ slug: 'secret-writer', name: 'Secret Writer' });
    const hidden = { ...(r.articles[0] as Json), authors: ['secret-writer'], body: [{ type: 'paragraph', text: 'Zeppelin sighted over the harbour.' }] };
    r.articles.push(
      { ...hidden, slug: 'draft-story', headline: 'Draft headline', status: 'draft', publishedAt: '2026-05-30T09:00:00Z' },
      { ...hidden, slug: 'embargoed-story', headline: 'Embargoed headline', publishedAt: '2026-06-01T13:00:00Z' },
    );
    const clock = { now: NOW };
    const { app } = await appFor(await writeDataDir(r), clock);
    for (const q of ['zeppelin', 'secret writer', 'draft headline', 'embargoed']) {
      const res = await request(app).get('/search').query({ q }).expect(200);
      expect(res.text).not.toContain('/articles/draft-story');
      expect(res.text).not.toContain('/articles/embargoed-story');
    }
    clock.now = new Date('2026-06-01T13:00:01Z');
    const after = await request(app).get('/search?q=zeppelin').expect(200);
    expect(resultUrls(after.text)).toEqual(['/articles/embargoed-story']);
  });
});

describe('a large site whose index is still being built (the first seconds after start)', () => {
  const limit = searchSettings.syncBuildLimit;
  afterEach(() => {
    searchSettings.syncBuildLimit = limit;
  });

  test('search says it is getting ready (503, the site’s design, the form), never blocks or fails; then it answers', async () => {
    searchSettings.syncBuildLimit = 0; // as if the fixture were a large site
    const { app, store } = await appFor(await writeDataDir(baseRecords()));
    const res = await request(app).get('/search?q=okafor').expect(503);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    // Temporary: no browser or CDN may keep it, and the client is told when to ask again.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.text).toContain('Search is getting ready');
    expect(res.text).toContain('<meta name="robots" content="noindex');
    expect(res.text).toMatch(/<form class="site-search" role="search" action="\/search" method="get">/);
    expect(res.text).not.toContain('/articles/second-story');
    // Paging rules still come first; an empty query still gets the form.
    await request(app).get('/search?q=okafor&page=abc').expect(404);
    await request(app).get('/search?q=okafor&page=1').expect(301);
    await request(app).get('/search').expect(200);

    await prepareSearch(store.current());
    const ready = await request(app).get('/search?q=okafor').expect(200);
    expect(resultUrls(ready.text)).toEqual(['/articles/second-story']);
    expect(ready.headers['cache-control']).toMatch(/^public, max-age=/);
    expect(ready.headers['retry-after']).toBeUndefined();
  });
});

describe('hostile queries', () => {
  let app: Awaited<ReturnType<typeof appFor>>['app'];
  beforeAll(async () => {
    app = (await appFor(await writeDataDir(baseRecords()))).app;
  });

  test('a script in the query is echoed as text, everywhere', async () => {
    const q = `"'><script>alert(1)</script><img src=x onerror=alert(1)>`;
    const res = await request(app).get('/search').query({ q }).expect(200);
    expectNoInjectedMarkup(res.text);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(visibleText(res.text.replace(/<\/?bdi>/g, ''))).toContain(`No results for “${q}”.`);
  });

  test('a script matching article text is highlighted safely', async () => {
    const res = await request(app).get('/search').query({ q: '<script>headline</script>' }).expect(200);
    expectNoInjectedMarkup(res.text);
    expect(res.text).toContain('<mark>Headline</mark> of');
  });

  test('a 10 KB query is cut to 200 characters and the page says so', async () => {
    const q = 'harbour '.repeat(1280);
    const res = await request(app).get('/search').query({ q }).expect(200);
    expect(res.text).toContain('only the first 200 were used');
    const value = res.text.match(/id="search-page-q"[^>]*value="([^"]*)"/)?.[1] ?? '';
    expect(value.length).toBeLessThanOrEqual(200);
  });

  test.each([
    ['RTL override and marks', '/search?q=%E2%80%AEevil%E2%80%AC%E2%80%8Fharbour'],
    ['emoji', '/search?q=%F0%9F%98%80%20harbour'],
    ['NUL', '/search?q=head%00line'],
    ['lone surrogate', '/search?q=%ED%A0%80'],
    ['invalid UTF-8', '/search?q=%FF'],
    ['broken percent', '/search?q=%E0%A4%A'],
    ['array', '/search?q[]=x'],
    ['repeated q', '/search?q=headline&q=other'],
    ['q and page arrays', '/search?q=headline&page=2&page=3'],
    ['only punctuation', '/search?q=%21%21%21'],
    ['emoji only', '/search?q=%F0%9F%98%80'],
  ])('%s → a normal page, never a 500', async (_name, url) => {
    const res = await request(app).get(url);
    expect([200, 400, 404]).toContain(res.status);
    if (res.status === 200) {
      expect(res.text).toContain('<form class="search-form"');
      expectNoInjectedMarkup(res.text);
      expect(res.text).not.toMatch(/[\u0000\u202e]/);
    }
  });

  test('a repeated q searches the first', async () => {
    const res = await request(app).get('/search?q=okafor&q=xylophone').expect(200);
    expect(resultUrls(res.text)).toEqual(['/articles/second-story']);
  });
});

test('the search form is on every page type', async () => {
  const { app } = await appFor(await writeDataDir(baseRecords()));
  for (const url of ['/', '/articles/first-story', '/authors/ada-lane', '/sources/wire-agency', '/tags/harbours', '/sections/world', '/search', '/search?q=harbour', '/nope']) {
    const res = await request(app).get(url);
    expect(res.text).toMatch(/<form class="site-search" role="search" action="\/search" method="get">/);
    expect(res.text).toContain('<label for="site-search-q" class="visually-hidden">Search Test Gazette</label>');
    expect(res.text).toMatch(/<input id="site-search-q"[^>]* name="q" value=""?/);
    expect(res.text).toContain('<button class="site-search__button" type="submit">Search</button>');
  }
});
