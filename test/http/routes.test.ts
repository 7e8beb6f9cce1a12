/** Every route: status, key content and headers, on a small controlled data folder. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { appFor, baseRecords, removeDataDirs, visibleText, writeDataDir, type Json } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';

afterAll(removeDataDirs);

async function fixtureApp(change?: (records: ReturnType<typeof baseRecords>) => void) {
  const records = baseRecords();
  change?.(records);
  return (await appFor(await writeDataDir(records))).app;
}

describe('pages', () => {
  test('home shows the lead story, the latest and section strips, with security and cache headers', async () => {
    const app = await fixtureApp();
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toContain('max-age=60');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).toContain('<html lang="en" dir="ltr">');
    expect(res.text).toMatch(/<section class="home-lead"[\s\S]*Headline of third-story/);
    expect(res.text).toContain('href="/articles/second-story"');
    expect(res.text).toContain('<link rel="canonical" href="https://news.example.test/">');
    expect(res.text).not.toMatch(/<script(?! type="application\/ld\+json")/i); // data blocks only, never a script
  });

  test('article shows every part: headline, standfirst, bylines, dates, image, body, sources, origin, tags, bio, related', async () => {
    const app = await fixtureApp((r) => {
      r.articles[1] = {
        ...r.articles[1],
        updatedAt: '2026-05-04T10:00:00Z',
        body: [
          { type: 'paragraph', text: 'Opening *words*.' },
          { type: 'heading', text: 'A sub-heading' },
          { type: 'image', src: 'images/pic.jpg', alt: 'Body picture', caption: 'Body caption', credit: 'Body Credit / Agency' },
          { type: 'list', items: ['One', 'Two'] },
          { type: 'quote', text: 'Quoted words', attribution: 'A. Speaker' },
          { type: 'promo', label: 'VIDEO', text: 'Watch the first story', href: '/articles/first-story' },
          { type: 'promo', label: 'Exclusive', text: 'An unlinked promo' },
        ],
      };
    });
    const res = await request(app).get('/articles/second-story').expect(200);
    const html = res.text;
    expect(html).toContain('<h1 class="article__headline">Headline of second-story</h1>');
    expect(html).toContain('Standfirst of second-story.');
    expect(html).toMatch(/By <a href="\/authors\/ada-lane" rel="author">Ada Lane<\/a> and <a href="\/authors\/ben-okafor" rel="author">Ben Okafor<\/a>/);
    expect(html).toContain('<time datetime="2026-05-02T09:00:00.000Z">2 May 2026</time>');
    expect(html).toContain('<time datetime="2026-05-04T10:00:00.000Z">4 May 2026</time>');
    expect(html).toMatch(/<img class="figure__image" src="\/img\/[0-9a-f]{16}-64\.jpg" srcset="[^"]+" sizes="[^"]+" width="64" height="36" alt="Picture for second-story" fetchpriority="high"/);
    expect(html).toContain('A caption');
    expect(html).toContain('<span class="figure__credit">A. Photographer</span>');
    expect(html).toContain('<p>Opening <em>words</em>.</p>');
    expect(html).toContain('<h2 id="a-sub-heading" class="article__subheading">A sub-heading</h2>');
    expect(html).toContain('Body caption');
    expect(html).toContain('Body Credit / Agency');
    expect(html).toContain('<li>One</li><li>Two</li>');
    expect(html).toMatch(/<blockquote class="quote__text"><p>Quoted words<\/p><\/blockquote>\s*<figcaption class="quote__attribution">— A. Speaker/);
    expect(html).toMatch(/<span class="promo__label">VIDEO<\/span>\s*<a class="promo__text" href="\/articles\/first-story">Watch the first story<\/a>/);
    expect(html).toMatch(/<span class="promo__label">Exclusive<\/span>\s*<span class="promo__text">An unlinked promo<\/span>/);
    // Sources box: each cited source's page and the original URL; the origin.
    expect(html).toMatch(/<a href="\/sources\/city-hall">City Hall<\/a> · <a href="https:\/\/city.example.org\/report" rel="noopener noreferrer">original report<\/a>/);
    expect(html).toContain('Adapted from <a href="/sources/wire-agency">Wire Agency</a>');
    expect(html).toContain('<a class="tag" href="/tags/harbours">Harbours</a>');
    expect(html).toContain('Ada writes about harbours.');
    expect(html).toContain('Ben edits.');
    expect(html).toMatch(/<aside class="related"[\s\S]*href="\/articles\/(first|third)-story"/);
  });

  test('author page shows bio, links and their articles', async () => {
    const app = await fixtureApp();
    const res = await request(app).get('/authors/ada-lane').expect(200);
    expect(res.text).toContain('<h1 class="profile__name">Ada Lane</h1>');
    expect(res.text).toContain('Ada writes about harbours.');
    expect(res.text).toContain('href="https://example.org/ada"');
    expect(res.text).toContain('(3)');
    const ben = await request(app).get('/authors/ben-okafor').expect(200);
    expect(ben.text).toContain('href="/articles/second-story"');
    expect(ben.text).not.toContain('href="/articles/first-story"');
  });

  test('source page says what it is, links its site and lists articles citing or adapted from it', async () => {
    const app = await fixtureApp();
    const res = await request(app).get('/sources/wire-agency').expect(200);
    expect(res.text).toContain('<h1 class="profile__name">Wire Agency</h1>');
    expect(res.text).toContain('News agency');
    expect(res.text).toContain('href="https://wire.example.org"');
    for (const slug of ['first-story', 'second-story', 'third-story']) expect(res.text).toContain(`href="/articles/${slug}"`);
    expect(res.text).toContain('Adapted from');
    const cityHall = await request(app).get('/sources/city-hall').expect(200);
    expect(cityHall.text).toContain('href="https://city.example.org/report"');
  });

  test('tag and section pages list their articles', async () => {
    const app = await fixtureApp();
    const tag = await request(app).get('/tags/ferries').expect(200);
    expect(tag.text).toContain('<h1 class="topic-header__name">Ferries</h1>');
    expect(tag.text).toContain('href="/articles/third-story"');
    expect(tag.text).not.toContain('href="/articles/first-story"');
    const section = await request(app).get('/sections/world').expect(200);
    expect(section.text).toContain('News from everywhere.');
    expect(section.text).toContain('href="/articles/first-story"');
    expect(section.text).toContain('aria-current="page"');
  });

  test.each(['/articles/nope', '/authors/nope', '/sources/nope', '/tags/nope', '/sections/nope', '/nope', '/articles/Bad%20Slug', '/static/site.css'])('%s is a 404 in the site design', async (url) => {
    const app = await fixtureApp();
    const res = await request(app).get(url).expect(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('Sorry, we can’t find that page');
    expect(res.text).toContain('<meta name="robots" content="noindex">');
    expect(res.text).toContain('Test Gazette');
  });

  test('a malformed URL is a 400, never a stack trace', async () => {
    const app = await fixtureApp();
    const res = await request(app).get('/articles/%E0%A4%A');
    expect([400, 404]).toContain(res.status);
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
  });

  test.each(['post', 'put', 'delete', 'patch', 'options'] as const)('%s is refused with 405 and an Allow header', async (method) => {
    const app = await fixtureApp();
    for (const url of ['/', '/articles/first-story', '/static/x.css', '/images/pic.jpg', '/feed.xml']) {
      const res = await request(app)[method](url).expect(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  test('health check answers', async () => {
    const app = await fixtureApp();
    await request(app).get('/healthz').expect(200).expect('ok\n');
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ ready: true, articles: 3 });
  });

  test('static files are fingerprinted, compressed and cached for a year', async () => {
    const app = await fixtureApp();
    const home = await request(app).get('/');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(home.text)![1]!;
    expect(href).toMatch(/^\/static\/site\.[0-9a-f]{10}\.css$/);
    const css = await request(app).get(href).set('Accept-Encoding', 'br').expect(200);
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    await request(app).get(href).set('If-None-Match', css.headers.etag!).expect(304);
  });

  test('images are served from the data folder; traversal is refused', async () => {
    const app = await fixtureApp();
    const res = await request(app).get('/images/pic.jpg').expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    for (const url of ['/images/../site.json', '/images/%2e%2e/site.json', '/images/..%2fsite.json', '/images/%2e%2e%5csite.json', '/images/pic.jpg%00.txt']) {
      const bad = await request(app).get(url);
      expect([400, 403, 404]).toContain(bad.status);
      expect(bad.text).not.toContain('Test Gazette"');
      expect(bad.text).not.toContain('baseUrl');
    }
  });
});

describe('paging', () => {
  async function manyArticles() {
    return fixtureApp((r) => {
      const template = r.articles[0] as Json;
      r.articles = Array.from({ length: 25 }, (_, i) => ({
        ...template,
        slug: `story-${String(i + 1).padStart(2, '0')}`,
        publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      }));
    });
  }

  test('lists page with ?page=N, link prev/next, redirect ?page=1 and 404 past the end', async () => {
    const app = await manyArticles();
    const first = await request(app).get('/authors/ada-lane').expect(200);
    expect(first.text).toContain('Page 1 of 3');
    expect(first.text).toContain('<link rel="next" href="https://news.example.test/authors/ada-lane?page=2">');
    const second = await request(app).get('/authors/ada-lane?page=2').expect(200);
    expect(second.text).toContain('Page 2 of 3');
    expect(second.text).toContain('<link rel="prev" href="https://news.example.test/authors/ada-lane">');
    expect(second.text).toContain('<link rel="canonical" href="https://news.example.test/authors/ada-lane?page=2">');
    await request(app).get('/authors/ada-lane?page=1').expect(301).expect('Location', '/authors/ada-lane');
    await request(app).get('/authors/ada-lane?page=4').expect(404);
    await request(app).get('/authors/ada-lane?page=0').expect(404);
    await request(app).get('/authors/ada-lane?page=abc').expect(404);
    await request(app).get('/authors/ada-lane?page=2&page=3').expect(404);
  });

  test('home pages by 12 and accepts /page/N/ as an alias', async () => {
    const app = await manyArticles();
    const home = await request(app).get('/').expect(200);
    expect(home.text).toContain('Page 1 of 3');
    const page3 = await request(app).get('/?page=3').expect(200);
    expect(page3.text).toContain('href="/articles/story-01"');
    await request(app).get('/page/2/').expect(301).expect('Location', '/?page=2');
    await request(app).get('/page/1/').expect(301).expect('Location', '/');
    await request(app).get('/?page=9').expect(404);
  });
});

describe('one URL per page', () => {
  test.each(['/articles/first-story', '/authors/ada-lane', '/sources/wire-agency', '/tags/harbours', '/sections/world', '/search', '/feed.xml', '/authors/ada-lane/atom.xml', '/sitemap.xml', '/robots.txt', '/healthz'])(
    '%s/ answers 301 to %s, the query string kept',
    async (url) => {
      const app = await fixtureApp();
      await request(app).get(`${url}/`).expect(301).expect('Location', url);
      await request(app).get(`${url}/?page=2&utm_source=x%2Fy`).expect(301).expect('Location', `${url}?page=2&utm_source=x%2Fy`);
      await request(app).head(`${url}/`).expect(301).expect('Location', url);
    },
  );

  test('the front page stays "/"; "//" redirects to it; /page/N and /page/N/ go to /?page=N in one hop', async () => {
    const app = await fixtureApp();
    await request(app).get('/').expect(200);
    await request(app).get('//').expect(301).expect('Location', '/');
    await request(app).get('/page/2').expect(301).expect('Location', '/?page=2');
    await request(app).get('/page/2/').expect(301).expect('Location', '/?page=2');
  });

  test('a page in the page cache is never served under its slashed URL, and a redirect is never kept', async () => {
    const { app, pageCache } = await appFor(await writeDataDir(baseRecords()));
    await request(app).get('/articles/first-story').expect(200); // rendered and kept
    await request(app).get('/articles/first-story').expect(200); // a hit
    for (let i = 0; i < 2; i += 1) {
      const res = await request(app).get('/articles/first-story/').expect(301).expect('Location', '/articles/first-story');
      expect(res.text).not.toContain('Headline of first-story');
    }
    await request(app).get('/authors/ada-lane/').expect(301); // the redirect comes first: nothing is rendered or kept for it
    await request(app).get('/authors/ada-lane/').expect(301);
    expect(pageCache!.stats().entries).toBe(1);
    await request(app).get('/authors/ada-lane').expect(200);
    expect(pageCache!.stats().entries).toBe(2);
  });

  test('double slashes are not routed: 404, never a redirect off the site', async () => {
    const app = await fixtureApp();
    for (const url of ['//evil.example/', '//evil.example/feed.xml/', '/articles//first-story', '/articles//first-story/', '/articles/first-story//']) {
      const res = await request(app).get(url);
      expect([url, res.status, res.headers.location]).toEqual([url, 404, undefined]);
    }
  });
});

describe('methods and bodies', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((await appFor(await writeDataDir(baseRecords()))).app);
    port = await listenOnLoopback(server);
  });
  afterAll(() => closeNow(server));

  /** Sends `head` (and `body`) on a raw socket to the site and returns the answer's head, lower-cased. */
  async function raw(head: string, body = ''): Promise<string> {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`${head}\r\nHost: 127.0.0.1\r\n${body ? `Content-Length: ${body.length}\r\n` : ''}\r\n${body}`);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    while (!text.includes('\r\n\r\n')) await once(socket, 'data');
    socket.destroy();
    return text.slice(0, text.indexOf('\r\n\r\n')).toLowerCase();
  }

  test.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s with a small body is 405 with an Allow header, not 413, and the connection is closed', async (method) => {
    for (const url of ['/', '/articles/first-story', '/feed.xml', '/nope']) {
      const head = await raw(`${method} ${url} HTTP/1.1`, 'a=1');
      expect([url, head.split('\r\n')[0]]).toEqual([url, 'http/1.1 405 method not allowed']);
      expect(head).toContain('\r\nallow: get, head');
      expect(head).toContain('\r\nconnection: close');
    }
    // Without a body the connection stays open for the next request.
    expect(await raw(`${method} /articles/first-story HTTP/1.1`)).toContain('\r\nconnection: keep-alive');
  });

  test('a GET with a body is still refused with 413', async () => {
    const head = await raw('GET /articles/first-story HTTP/1.1', 'x');
    expect(head.split('\r\n')[0]).toBe('http/1.1 413 payload too large');
    expect(head).toContain('\r\nconnection: close');
  });
});
