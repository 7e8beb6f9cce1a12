/**
 * Signed previews over HTTP (/preview/<slug>?expires=…&sig=…): with
 * PREVIEW_SECRET, a valid link shows a draft, an embargoed or a live story as
 * its article page with a banner, noindex, private no-store and no Referer;
 * every refused link is the same 404, byte for byte, whether the story exists
 * or not; without the secret the route is 404; previews are never cached and
 * the previewed story stays out of every list, feed, sitemap and search.
 */
import request from 'supertest';
import { PREVIEW_SECRET_MIN_LENGTH, previewExpiry, previewPath, signPreview } from '../../src/routes/preview-signature';
import { appFor, baseRecords, NOW, removeDataDirs, visibleText, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

const SECRET = 's'.repeat(PREVIEW_SECRET_MIN_LENGTH + 8);
const EMBARGO = '2026-06-01T13:00:00Z';

/** The base fixture plus a draft and an embargoed story, each with a tag only it carries. */
function hiddenRecords() {
  const r = baseRecords();
  const base = r.articles[0] as Record<string, unknown>;
  r.articles.push(
    { ...base, slug: 'draft-story', headline: 'Draft headline', status: 'draft', tags: ['harbours', 'secret-tag'], publishedAt: '2026-05-30T09:00:00Z' },
    { ...base, slug: 'embargoed-story', headline: 'Embargoed headline', tags: ['harbours', 'embargo-tag'], publishedAt: EMBARGO },
  );
  return r;
}

/** The fixture site as the server runs it; `null`: without PREVIEW_SECRET. */
async function site(secret: string | null = SECRET) {
  const clock = { now: NOW };
  return appFor(await writeDataDir(hiddenRecords()), clock, undefined, secret ? { previewSecret: secret } : {});
}

/** A link valid for an hour from the real clock (the expiry is checked against it, not the fixture's catalog clock). */
const link = (slug: string, secret = SECRET, hours = 1) => previewPath(secret, slug, previewExpiry(Date.now(), hours));

/** The part of a page between <main> and </main>. */
const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
const BANNER = /<p class="preview-banner">[\s\S]*?<\/p>\n/;

describe('a valid preview link', () => {
  test('shows a draft with the banner, noindex, private no-store, no Referer and no surrogate keys', async () => {
    const { app } = await site();
    const res = await request(app).get(link('draft-story')).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    for (const name of ['surrogate-key', 'xkey', 'cache-tag', 'surrogate-control']) expect(res.headers[name]).toBeUndefined();
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.text).toContain('<h1 class="article__headline">Draft headline</h1>');
    expect(visibleText(mainOf(res.text))).toMatch(/^Preview: not published This is a draft: it is not scheduled, and readers cannot find it\. World Draft headline/);
  });

  test('names no canonical address and makes no link card or structured data (the public URL does not answer yet)', async () => {
    const { app } = await site();
    const res = await request(app).get(link('draft-story')).expect(200);
    expect(res.text).not.toContain('rel="canonical"');
    expect(res.text).not.toContain('og:');
    expect(res.text).not.toContain('twitter:');
    expect(res.text).not.toContain('application/ld+json');
    await request(app).get('/articles/draft-story').expect(404);
  });

  test('an embargoed story says when it is scheduled for, in a <time>', async () => {
    const { app } = await site();
    const res = await request(app).get(link('embargoed-story')).expect(200);
    const banner = BANNER.exec(res.text)?.[0] ?? '';
    expect(banner).toContain('Preview: not published');
    // The fixture site's time zone is UTC; the hour matters for an embargo, so it is printed with its zone.
    expect(banner).toContain('Scheduled for <time datetime="2026-06-01T13:00:00.000Z">1 June 2026 at 13:00 UTC</time>');
  });

  test('a story already live says so and links its public page', async () => {
    const { app } = await site();
    const res = await request(app).get(link('first-story')).expect(200);
    const banner = BANNER.exec(res.text)?.[0] ?? '';
    expect(banner).toContain('Preview: published');
    expect(banner).toContain('This story is live: <a href="/articles/first-story">read the published version</a>');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  test('looks exactly as the article will: the same <main> as its page once the embargo lifts, but for the banner', async () => {
    const { app, clock } = await site();
    const preview = await request(app).get(link('embargoed-story')).expect(200);
    clock.now = new Date(Date.parse(EMBARGO) + 1000);
    const published = await request(app).get('/articles/embargoed-story').expect(200);
    expect(mainOf(preview.text).replace(BANNER, '')).toBe(mainOf(published.text));
    expect(mainOf(published.text)).not.toContain('preview-banner');
  });

  test('is never stored: a second request renders again, and the page cache neither keeps nor serves it', async () => {
    const { app, pageCache } = await site();
    const url = link('draft-story');
    await request(app).get('/articles/first-story').expect(200); // one page stored, for comparison
    const before = pageCache!.stats();
    for (let i = 0; i < 3; i++) await request(app).get(url).expect(200).expect('Cache-Control', 'private, no-store');
    const after = pageCache!.stats();
    expect(after.entries).toBe(before.entries);
    expect(after.hits).toBe(before.hits);
    expect(after.bytes).toBe(before.bytes);
  });
});

describe('a refused preview link', () => {
  const expires = previewExpiry(Date.now(), 1);
  const sig = signPreview(SECRET, 'draft-story', expires);
  const refused: Array<[string, string]> = [
    ['a tampered slug', `/preview/draft-storyx?expires=${expires}&sig=${sig}`],
    ['a tampered expiry', `/preview/draft-story?expires=${expires + 60}&sig=${sig}`],
    ['a tampered signature', `/preview/draft-story?expires=${expires}&sig=${sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`],
    ['an expired link', previewPath(SECRET, 'draft-story', Math.floor(Date.now() / 1000) - 1)],
    ['another secret', link('draft-story', 'x'.repeat(PREVIEW_SECRET_MIN_LENGTH))],
    ['a short signature', `/preview/draft-story?expires=${expires}&sig=${sig.slice(2)}`],
    ['a signature that is not hex', `/preview/draft-story?expires=${expires}&sig=${'z'.repeat(64)}`],
    ['no signature', `/preview/draft-story?expires=${expires}`],
    ['no query', '/preview/draft-story'],
    ['a repeated signature', `/preview/draft-story?expires=${expires}&sig=${sig}&sig=${sig}`],
    ['an extra parameter', `/preview/draft-story?expires=${expires}&sig=${sig}&x=1`],
    ['a negative expiry', `/preview/draft-story?expires=-${expires}&sig=${sig}`],
    ['an enormous expiry', `/preview/draft-story?expires=${'9'.repeat(300)}&sig=${sig}`],
    ['a slug that cannot exist', `/preview/Draft_Story?expires=${expires}&sig=${sig}`],
    ['a valid link to a story that does not exist', link('no-such-story')],
  ];

  /** What a refusal sends: status, headers but the date, and the body. */
  async function answer(app: Awaited<ReturnType<typeof site>>['app'], url: string) {
    const res = await request(app).get(url);
    const { date: _date, ...headers } = res.headers as Record<string, string>;
    return { status: res.status, headers, body: res.text };
  }

  test.each(refused)('%s is the 404 page, with no-store', async (_what, url) => {
    const { app } = await site();
    const res = await request(app).get(url).expect(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Sorry, we can’t find that page');
    expect(res.text).not.toMatch(/Draft headline|preview-banner/);
  });

  test('every refusal is byte for byte the same answer, for a story that exists and one that does not', async () => {
    const { app } = await site();
    const first = await answer(app, refused[0]![1]);
    for (const [what, url] of refused) expect([what, await answer(app, url)]).toEqual([what, first]);
    // A draft, an embargo, a live story and no story at all: the same bad signature, the same answer.
    for (const slug of ['draft-story', 'embargoed-story', 'first-story', 'no-such-story']) {
      expect([slug, await answer(app, `/preview/${slug}?expires=${expires}&sig=${'0'.repeat(64)}`)]).toEqual([slug, first]);
    }
  });

  test('without PREVIEW_SECRET every preview URL is that same 404, valid-looking links included', async () => {
    const { app: withSecret } = await site();
    const refusedThere = await answer(withSecret, refused[0]![1]);
    const { app } = await site(null);
    for (const url of [link('draft-story'), link('first-story'), '/preview/draft-story', refused[0]![1]]) {
      expect([url, await answer(app, url)]).toEqual([url, refusedThere]);
    }
  });
});

describe('a previewed story stays unpublished', () => {
  test('after its preview is served it is still on no list, feed, sitemap or search page; robots.txt keeps crawlers out', async () => {
    const { app } = await site();
    await request(app).get(link('draft-story')).expect(200);
    await request(app).get(link('embargoed-story')).expect(200);
    const LEAK = /draft-story|embargoed-story|Draft headline|Embargoed headline|secret-tag|embargo-tag/;
    const urls = ['/', '/tags/harbours', '/sections/world', '/authors/ada-lane', '/sources/wire-agency', '/articles/first-story', '/feed.xml', '/atom.xml', '/feed.json', '/tags/harbours/feed.xml', '/sitemap.xml', '/sitemaps/news.xml', '/search?q=draft', '/search?q=embargoed', '/search?q=headline'];
    const index = await request(app).get('/sitemap.xml').expect(200);
    urls.push(...[...index.text.matchAll(/<loc>https?:\/\/[^/<]+(\/[^<]*)<\/loc>/g)].map((m) => m[1] as string));
    for (const url of urls) {
      const res = await request(app).get(url).expect(200);
      if (LEAK.test(res.text)) throw new Error(`${url} mentions a previewed story: ${LEAK.exec(res.text)?.[0]}`);
    }
    await request(app).get('/tags/secret-tag').expect(404);
    const robots = await request(app).get('/robots.txt').expect(200);
    expect(robots.text).toContain('\nDisallow: /preview/\n');
  });
});
