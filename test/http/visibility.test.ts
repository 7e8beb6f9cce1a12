/**
 * Drafts and embargoed articles are invisible everywhere until due: their
 * URL is 404 and no list, related box, author, source, tag or section page
 * mentions them. An embargo lifts by itself, without a restart.
 */
import request from 'supertest';
import { appFor, baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

const HIDDEN = ['draft-story', 'embargoed-story'];

async function appWithHidden() {
  const r = baseRecords();
  r.authors.push({ slug: 'secret-writer', name: 'Secret Writer', bio: 'Writes hidden things.' });
  r.sources.push({ slug: 'hidden-source', name: 'Hidden Source' });
  const hidden = {
    ...r.articles[0],
    authors: ['ada-lane', 'secret-writer'],
    tags: ['harbours', 'secret-tag'],
    sources: ['wire-agency', 'hidden-source'],
    section: 'world',
  };
  r.articles.push(
    { ...hidden, slug: 'draft-story', headline: 'Draft headline', status: 'draft', publishedAt: '2026-05-30T09:00:00Z' },
    { ...hidden, slug: 'embargoed-story', headline: 'Embargoed headline', publishedAt: '2026-06-01T13:00:00Z' },
  );
  // A visible article promoting the hidden ones: the promos must not link to a 404.
  r.articles[0] = { ...r.articles[0], body: [{ type: 'promo', text: 'Promo to draft', href: '/articles/draft-story' }, { type: 'promo', text: 'Promo to embargo', href: '/articles/embargoed-story' }] };
  const clock = { now: NOW };
  const { app } = await appFor(await writeDataDir(r), clock);
  return { app, clock };
}

const LIST_URLS = ['/', '/articles/first-story', '/articles/second-story', '/articles/third-story', '/authors/ada-lane', '/authors/secret-writer', '/sources/wire-agency', '/sources/hidden-source', '/tags/harbours', '/sections/world'];

describe('drafts and embargoes', () => {
  test.each(HIDDEN)('/articles/%s is 404', async (slug) => {
    const { app } = await appWithHidden();
    await request(app).get(`/articles/${slug}`).expect(404);
  });

  test('no page mentions a hidden article', async () => {
    const { app } = await appWithHidden();
    for (const url of LIST_URLS) {
      const res = await request(app).get(url).expect(200);
      for (const slug of HIDDEN) expect(res.text).not.toContain(`/articles/${slug}`);
      expect(res.text).not.toContain('Draft headline');
      expect(res.text).not.toContain('Embargoed headline');
    }
    // A tag carried only by hidden articles does not exist yet.
    await request(app).get('/tags/secret-tag').expect(404);
    // Promos to hidden articles are shown as text, not links.
    const first = await request(app).get('/articles/first-story');
    expect(first.text).toMatch(/<span class="promo__text">Promo to draft<\/span>/);
  });

  test('the embargoed article appears on its own when its time comes; the draft never does', async () => {
    const { app, clock } = await appWithHidden();
    clock.now = new Date('2026-06-01T13:00:01Z');
    await request(app).get('/articles/embargoed-story').expect(200);
    const home = await request(app).get('/').expect(200);
    expect(home.text).toContain('Embargoed headline');
    await request(app).get('/tags/secret-tag').expect(200);
    const author = await request(app).get('/authors/secret-writer');
    expect(author.text).toContain('/articles/embargoed-story');
    expect(author.text).not.toContain('/articles/draft-story');
    await request(app).get('/articles/draft-story').expect(404);
  });
});

/** Every URL a reader, a crawler or a feed reader can reach, including feeds, sitemaps, robots and search. */
describe('no route leaks a draft or an embargo', () => {
  const LEAK = /draft-story|embargoed-story|Draft headline|Embargoed headline|secret-tag/;
  const FEEDS = ['feed.xml', 'atom.xml', 'feed.json'];

  test('pages, paging, feeds of every scope, every sitemap, robots.txt and search', async () => {
    const { app } = await appWithHidden();
    const urls = [
      ...LIST_URLS,
      '/?page=2',
      '/authors/ben-okafor',
      '/sources/city-hall',
      '/sections/business',
      '/tags/ferries',
      '/robots.txt',
      '/sitemap.xml',
      '/sitemaps/news.xml',
      ...FEEDS.map((f) => `/${f}`),
      ...['ada-lane', 'secret-writer'].flatMap((slug) => FEEDS.map((f) => `/authors/${slug}/${f}`)),
      ...['wire-agency', 'hidden-source'].flatMap((slug) => FEEDS.map((f) => `/sources/${slug}/${f}`)),
      ...['harbours', 'secret-tag'].flatMap((slug) => FEEDS.map((f) => `/tags/${slug}/${f}`)),
      ...['draft', 'embargoed', 'headline', 'secret', 'writer', 'drafts headlines', 'embargo'].map((q) => `/search?q=${encodeURIComponent(q)}`),
    ];
    const index = await request(app).get('/sitemap.xml').expect(200);
    const sitemapPaths = [...index.text.matchAll(/<loc>https?:\/\/[^/<]+(\/[^<]*)<\/loc>/g)].map((m) => m[1] as string);
    expect(sitemapPaths.length).toBeGreaterThan(1);
    urls.push(...sitemapPaths);

    let answered = 0;
    for (const url of urls) {
      const res = await request(app).get(url);
      expect([200, 404]).toContain(res.status);
      if (res.status === 200) answered++;
      // A 404 page may echo the requested path (which can name a hidden slug), never a hidden headline.
      const leak = res.status === 404 ? /Draft headline|Embargoed headline/ : LEAK;
      if (leak.test(res.text)) throw new Error(`${url} mentions a hidden article: ${leak.exec(res.text)?.[0]}`);
    }
    expect(answered).toBeGreaterThan(urls.length / 2);
    // A tag only hidden articles carry has no feed yet; the hidden articles themselves have no page.
    for (const f of FEEDS) await request(app).get(`/tags/secret-tag/${f}`).expect(404);
  });

  test('a cached page never outlives an embargo or shows a draft: the same URLs after the embargo lifts', async () => {
    const { app, clock } = await appWithHidden();
    for (const url of ['/', '/feed.xml', '/sitemaps/news.xml', '/authors/secret-writer']) expect((await request(app).get(url)).text).not.toMatch(LEAK);
    clock.now = new Date('2026-06-01T13:00:01Z');
    for (const url of ['/', '/feed.xml', '/authors/secret-writer']) {
      const text = (await request(app).get(url).expect(200)).text;
      expect(text).toContain('/articles/embargoed-story');
      expect(text).not.toMatch(/draft-story|Draft headline/);
    }
  });
});
