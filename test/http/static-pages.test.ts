/**
 * Static pages over HTTP: /<slug> in the site's design with its head and
 * JSON-LD, cached like other pages; the footer links them from every page;
 * drafts, unknown slugs and slugs that would shadow a route are the 404 page
 * (the shadowing ones refused at load, naming file and field); a broken page
 * file takes down no other page; pages are in no article list, feed or search.
 */
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loadContent } from '../../src/content/load';
import { formatProblem } from '../../src/content/problems';
import { HTML_CACHE_CONTROL } from '../../src/routes/cache-policy';
import { appFor, baseRecords, decodeEntities, NOW, removeDataDirs, writeDataDir, type FixtureRecords, type Json } from '../helpers/fixture';
import { liveSiteFor, writeRecord } from '../helpers/live-site';

afterAll(removeDataDirs);

const BASE = 'https://news.example.test';
const para = (text: string): Json => ({ type: 'paragraph', text });

function records(): FixtureRecords {
  const r = baseRecords();
  r.pages!.push(
    { slug: 'contact', title: 'Contact us', nav: true, body: [para('Write to the desk.')] },
    { slug: 'privacy', title: 'Privacy notice', status: 'draft', nav: true, body: [para('Not ready yet.')] },
    { slug: 'legal', title: 'Legal notice', body: [para('Unlisted but served.')] },
  );
  return r;
}

let app: Awaited<ReturnType<typeof appFor>>['app'];
beforeAll(async () => {
  ({ app } = await appFor(await writeDataDir(records())));
});

function jsonLdOf(html: string): Json[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string) as Json);
}

/** The footer's page links: [label, href, current]. */
function footerLinks(html: string): [string, string, boolean][] {
  const nav = /<nav class="site-footer__nav" aria-label="About this site">([\s\S]*?)<\/nav>/.exec(html)?.[1];
  if (nav === undefined) return [];
  return [...nav.matchAll(/<a class="site-footer__link" href="([^"]+)"( aria-current="page")?>([^<]*)<\/a>/g)].map((m) => [decodeEntities(m[3] as string), m[1] as string, m[2] !== undefined]);
}

describe('a static page at /<slug>', () => {
  test('/about: 200 in the site design, its title, body, head meta, canonical and WebPage JSON-LD, cached like other pages', async () => {
    const res = await request(app).get('/about').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe(HTML_CACHE_CONTROL);
    const article = await request(app).get('/articles/first-story').expect(200);
    expect(res.headers['cache-control']).toBe(article.headers['cache-control']);
    const html = res.text;
    expect(html).toContain('<title>About the Gazette – Test Gazette</title>');
    expect(html).toContain('<meta name="description" content="Who writes the Test Gazette.">');
    expect(html).toContain(`<link rel="canonical" href="${BASE}/about">`);
    expect(html).toContain('<meta property="og:title" content="About the Gazette">');
    expect(html).toContain('<h1 class="article__headline">About the Gazette</h1>');
    expect(html).toMatch(/<h2[^>]*>Who we are<\/h2>/);
    expect(html).toContain('<a href="mailto:desk@news.example.test">an email</a>');
    expect(html).toContain('Last updated <time datetime="2026-04-01T10:00:00.000Z">1 April 2026</time>');
    expect(html).toContain('class="masthead"'); // the site's frame
    const ld = jsonLdOf(html);
    expect(ld).toEqual([expect.objectContaining({ '@type': 'WebPage', url: `${BASE}/about`, name: 'About the Gazette', dateModified: '2026-04-01T10:00:00.000Z', inLanguage: 'en', isPartOf: expect.objectContaining({ '@type': 'WebSite', '@id': `${BASE}/#website` }) })]);
  });

  test('rendered once: the second request is the same bytes from the page cache, and a matching ETag gets 304', async () => {
    const first = await request(app).get('/legal').expect(200);
    const second = await request(app).get('/legal').expect(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    await request(app).get('/legal').set('If-None-Match', first.headers.etag as string).expect(304);
  });

  test('one more trailing slash redirects to the page', async () => {
    await request(app).get('/about/').expect(301).expect('Location', '/about');
  });

  test('a draft page, a slug nobody wrote and a path no slug can be answer the site 404 page', async () => {
    for (const url of ['/privacy', '/nowhere', '/About', '/feeds.xml', '/about/more']) {
      const res = await request(app).get(url);
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.text).toContain('Sorry, we can’t find that page');
    }
  });

  test('the routes keep their own first segments', async () => {
    await request(app).get('/search').expect(200);
    await request(app).get('/feed.xml').expect(200).expect('Content-Type', /rss/);
    await request(app).get('/robots.txt').expect(200);
  });
});

describe("the footer's page links", () => {
  test('every page lists the published nav pages by title, then the corrections archive, with an accessible name; the page shown is current', async () => {
    const expected: [string, string, boolean][] = [
      ['About the Gazette', '/about', false],
      ['Contact us', '/contact', false],
      ['Corrections', '/corrections', false],
    ];
    for (const url of ['/', '/articles/first-story', '/authors/ada-lane', '/sections/world', '/search?q=harbour', '/legal']) {
      const res = await request(app).get(url).expect(200);
      expect([url, footerLinks(res.text)]).toEqual([url, expected]);
    }
    expect(footerLinks((await request(app).get('/nowhere').expect(404)).text)).toEqual(expected);
    expect(footerLinks((await request(app).get('/contact').expect(200)).text)).toEqual([
      ['About the Gazette', '/about', false],
      ['Contact us', '/contact', true],
      ['Corrections', '/corrections', false],
    ]);
    expect(footerLinks((await request(app).get('/corrections').expect(200)).text).at(-1)).toEqual(['Corrections', '/corrections', true]);
  });

  test('with no nav pages the footer links only the corrections archive', async () => {
    const r = baseRecords();
    r.pages = [];
    const { app: bare } = await appFor(await writeDataDir(r));
    expect(footerLinks((await request(bare).get('/').expect(200)).text)).toEqual([['Corrections', '/corrections', false]]);
  });
});

describe('pages stay out of article lists, feeds and search', () => {
  test('not on the front page list, in a feed or in search results; in the sitemap', async () => {
    const home = (await request(app).get('/').expect(200)).text;
    expect(home.replace(/<footer class="site-footer">[\s\S]*<\/footer>/, '')).not.toContain('/about');
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) expect((await request(app).get(feed).expect(200)).text).not.toMatch(/\/(about|contact|legal)\b/);
    const search = (await request(app).get('/search?q=Gazette+written+tests').expect(200)).text;
    expect(search.replace(/<footer class="site-footer">[\s\S]*<\/footer>/, '')).not.toContain('href="/about"');
    const sitemap = (await request(app).get('/sitemaps/pages-1.xml').expect(200)).text;
    expect([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([`${BASE}/about`, `${BASE}/contact`, `${BASE}/legal`]);
  });
});

describe('validation', () => {
  test('a slug that would shadow a route is refused, naming the file and the field; the route still answers', async () => {
    const r = baseRecords();
    for (const slug of ['search', 'articles', 'healthz', 'page']) r.pages!.push({ slug, title: `A page called ${slug}`, body: [para('Shadowing.')] });
    const dir = await writeDataDir(r);
    const content = await loadContent(dir, { now: NOW });
    const lines = content.problems.map(formatProblem);
    for (const slug of ['search', 'articles', 'healthz', 'page']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^pages/${slug}\\.json: slug: "${slug}" is taken by the site's own /${slug} address`)));
    }
    expect([...content.pages.keys()]).toEqual(['about']);
    const { app: site } = await appFor(dir);
    expect((await request(site).get('/search').expect(200)).text).not.toContain('A page called search');
    await request(site).get('/healthz').expect(200, 'ok\n');
  });

  test('a slug like a feed file cannot even be written: the slug rule refuses the dot', async () => {
    const r = baseRecords();
    const dir = await writeDataDir(r, { 'pages/feed.xml.json': JSON.stringify({ slug: 'feed.xml', title: 'Feed', body: [para('x')] }) });
    const lines = (await loadContent(dir, { now: NOW })).problems.map(formatProblem);
    expect(lines).toEqual([expect.stringMatching(/^pages\/feed\.xml\.json: slug: must be lowercase/)]);
  });

  test('a bad field is reported with file and field, and a broken page file takes no other page down', async () => {
    const r = baseRecords();
    r.pages!.push({ slug: 'contact', title: 'Contact', nav: 'yes', body: [para('x')] }, { slug: 'empty', title: 'Empty', body: [] });
    const dir = await writeDataDir(r, { 'pages/broken.json': '{ "slug": "broken", "title": ' });
    const content = await loadContent(dir, { now: NOW });
    const lines = content.problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pages\/contact\.json: nav: .*expected boolean/),
        expect.stringMatching(/^pages\/empty\.json: body: needs at least one block/),
        expect.stringMatching(/^pages\/broken\.json: is not valid JSON/),
      ]),
    );
    expect(lines).toHaveLength(3);
    const { app: site } = await appFor(dir);
    await request(site).get('/about').expect(200);
    await request(site).get('/articles/first-story').expect(200);
    await request(site).get('/contact').expect(404);
  });

  test('an image a page names must exist', async () => {
    const r = baseRecords();
    r.pages!.push({ slug: 'team', title: 'Team', body: [{ type: 'image', src: 'images/missing.jpg', alt: 'The team' }] });
    const lines = (await loadContent(await writeDataDir(r), { now: NOW })).problems.map(formatProblem);
    expect(lines).toEqual([expect.stringMatching(/^pages\/team\.json: body\[0\]\.src: /)]);
  });
});

describe('live reload', () => {
  test('a new page appears, an edit shows, a broken edit keeps the last good version, a deleted page goes', async () => {
    const r = baseRecords();
    const dir = await writeDataDir(r);
    const site = await liveSiteFor(dir);
    try {
      await request(site.app).get('/contact').expect(404);
      writeRecord(dir, 'pages/contact.json', { slug: 'contact', title: 'Contact us', nav: true, body: [para('Write to the desk.')] });
      await site.live.reload('manual');
      expect((await request(site.app).get('/contact').expect(200)).text).toContain('Write to the desk.');
      expect(footerLinks((await request(site.app).get('/').expect(200)).text).map(([label]) => label)).toEqual(['About the Gazette', 'Contact us', 'Corrections']);

      writeRecord(dir, 'pages/contact.json', { slug: 'contact', title: 'Contact us', nav: true, body: [para('Phone the desk.')] });
      await site.live.reload('manual');
      expect((await request(site.app).get('/contact').expect(200)).text).toContain('Phone the desk.');

      writeRecord(dir, 'pages/contact.json', '{ "slug": "contact", ');
      const result = await site.live.reload('manual');
      expect(result.servingLastGood).toEqual(['pages/contact.json']);
      expect((await request(site.app).get('/contact').expect(200)).text).toContain('Phone the desk.');

      unlinkSync(path.join(dir, 'pages/contact.json'));
      await site.live.reload('manual');
      await request(site.app).get('/contact').expect(404);
      expect((await request(site.app).get('/readyz').expect(200)).body).toMatchObject({ pages: 1, problemCount: 0 });
    } finally {
      site.close();
    }
  });

  test('the watcher watches the pages folder', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()), { watchDebounceMs: 100 });
    try {
      expect(site.live.watchedFolders()).toContain('pages');
    } finally {
      site.close();
    }
  });
});
