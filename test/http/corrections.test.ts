/**
 * Corrections as readers and machines meet them: a dated notice on the article
 * page, the "Updated" date and every modified date following the latest one,
 * JSON-LD CorrectionComment entries, and feeds showing the item as updated.
 */
import request from 'supertest';
import { appFor, baseRecords, decodeEntities, removeDataDirs, visibleText, writeDataDir, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

type Node = Record<string, unknown>;

async function siteWithCorrections() {
  const records = baseRecords();
  records.articles[0] = {
    ...(records.articles[0] as Json),
    updatedAt: '2026-05-03T09:00:00Z',
    corrections: [
      { at: '2026-05-20T16:30:00Z', text: 'An earlier version named the *wrong* harbour; see [the map](https://example.org/map).' },
      { at: '2026-05-04T10:00:00Z', text: 'The ferry <b>leaves</b> at noon, not at 11.' },
    ],
  };
  return (await appFor(await writeDataDir(records))).app;
}

function newsArticle(html: string): Node {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Node);
  const node = blocks.find((b) => b['@type'] === 'NewsArticle');
  expect(node).toBeDefined();
  return node!;
}

function correctionsAside(html: string): string {
  const aside = /<aside class="corrections" aria-labelledby="corrections-heading">([\s\S]*?)<\/aside>/.exec(html);
  expect(aside).not.toBeNull();
  return aside![1]!;
}

describe('corrections on the article page', () => {
  test('a named notice lists each correction oldest first, dated with <time datetime>, its text as inline Markdown with HTML printed as text', async () => {
    const res = await request(await siteWithCorrections()).get('/articles/first-story').expect(200);
    const aside = correctionsAside(res.text);
    expect(aside).toMatch(/<h2 id="corrections-heading"[^>]*>Corrections<\/h2>/);
    const times = [...aside.matchAll(/<time[^>]*datetime="([^"]+)"[^>]*>([^<]+)<\/time>/g)].map((m) => [m[1], m[2]]);
    expect(times).toEqual([
      ['2026-05-04T10:00:00.000Z', '4 May 2026'],
      ['2026-05-20T16:30:00.000Z', '20 May 2026'],
    ]);
    expect(aside).toContain('<em>wrong</em>');
    expect(aside).toContain('<a href="https://example.org/map" rel="noopener noreferrer">the map</a>');
    expect(aside).not.toContain('<b>');
    expect(decodeEntities(aside)).toContain('The ferry <b>leaves</b> at noon');
    expect(aside).toContain('<a href="/corrections">All corrections</a>');
    // Below the story, before its footer.
    expect(res.text.indexOf('class="article__body"')).toBeLessThan(res.text.indexOf('class="corrections"'));
    expect(res.text.indexOf('class="corrections"')).toBeLessThan(res.text.indexOf('class="article__footer"'));
  });

  test('on an article in a language a locale ships for, the notice speaks the article’s language (words and date), inside its lang', async () => {
    const records = baseRecords();
    records.articles[0] = { ...(records.articles[0] as Json), language: 'ar', corrections: [{ at: '2026-05-04T10:00:00Z', text: 'تصحيح.' }] };
    const res = await request((await appFor(await writeDataDir(records))).app).get('/articles/first-story').expect(200);
    const aside = correctionsAside(res.text);
    const arDate = new Intl.DateTimeFormat('ar', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date('2026-05-04T10:00:00Z'));
    expect(aside).toMatch(/<h2 id="corrections-heading" class="corrections__heading">التصحيحات<\/h2>/);
    expect(aside).toContain(`<time class="corrections__date" datetime="2026-05-04T10:00:00.000Z">${arDate}</time> <span class="corrections__text">تصحيح.</span>`);
    expect(aside).toContain('كل التصحيحات');
    expect(res.text).toMatch(/<article class="article" lang="ar" dir="rtl">/);
  });

  test('on an article in a language no locale ships for, the notice keeps the site’s words and says so with lang and dir', async () => {
    const records = baseRecords();
    records.articles[0] = { ...(records.articles[0] as Json), language: 'fr', corrections: [{ at: '2026-05-04T10:00:00Z', text: 'Correction.' }] };
    const res = await request((await appFor(await writeDataDir(records))).app).get('/articles/first-story').expect(200);
    const aside = correctionsAside(res.text);
    expect(aside).toMatch(/<h2 id="corrections-heading" class="corrections__heading" lang="en" dir="ltr">Corrections<\/h2>/);
    expect(aside).toMatch(/<time class="corrections__date" datetime="2026-05-04T10:00:00.000Z" lang="en" dir="ltr">4 May 2026<\/time> <span class="corrections__text">Correction.<\/span>/);
    expect(res.text).toMatch(/<article class="article" lang="fr" dir="ltr">/);
  });

  test('the visible "Updated" date, dateModified and article:modified_time follow the latest correction, not updatedAt', async () => {
    const res = await request(await siteWithCorrections()).get('/articles/first-story').expect(200);
    expect(visibleText(res.text)).toContain('Published 1 May 2026 · Updated 20 May 2026');
    expect(res.text).toMatch(/Updated <time datetime="2026-05-20T16:30:00.000Z">/);
    expect(newsArticle(res.text).dateModified).toBe('2026-05-20T16:30:00.000Z');
    expect(res.text).toContain('<meta property="article:modified_time" content="2026-05-20T16:30:00.000Z">');
  });

  test('JSON-LD carries each correction as a CorrectionComment with plain text and datePublished', async () => {
    const res = await request(await siteWithCorrections()).get('/articles/first-story').expect(200);
    expect(newsArticle(res.text).correction).toEqual([
      { '@type': 'CorrectionComment', text: 'The ferry <b>leaves</b> at noon, not at 11.', datePublished: '2026-05-04T10:00:00.000Z' },
      { '@type': 'CorrectionComment', text: 'An earlier version named the wrong harbour; see the map.', datePublished: '2026-05-20T16:30:00.000Z' },
    ]);
  });

  test('an article without corrections has no notice and no correction in JSON-LD', async () => {
    const res = await request(await siteWithCorrections()).get('/articles/second-story').expect(200);
    expect(res.text).not.toContain('class="corrections"');
    expect(newsArticle(res.text)).not.toHaveProperty('correction');
    expect(newsArticle(res.text).dateModified).toBe('2026-05-02T09:00:00.000Z');
  });
});

describe('corrections in feeds and sitemaps', () => {
  test('Atom and JSON Feed show the corrected item as updated at its latest correction', async () => {
    const app = await siteWithCorrections();
    const atom = (await request(app).get('/atom.xml').expect(200)).text;
    const entry = /<entry>(?:(?!<\/entry>)[\s\S])*?articles\/first-story[\s\S]*?<\/entry>/.exec(atom)?.[0];
    expect(entry).toContain('<updated>2026-05-20T16:30:00.000Z</updated>');
    const json = JSON.parse((await request(app).get('/feed.json').expect(200)).text) as { items: { url: string; date_modified: string }[] };
    expect(json.items.find((i) => i.url.endsWith('/articles/first-story'))?.date_modified).toBe('2026-05-20T16:30:00.000Z');
  });

  test('RSS marks the corrected item with atom:updated; an unchanged item has none', async () => {
    const rss = (await request(await siteWithCorrections()).get('/feed.xml').expect(200)).text;
    const items = [...rss.matchAll(/<item>[\s\S]*?<\/item>/g)].map((m) => m[0]);
    const corrected = items.find((i) => i.includes('/articles/first-story</link>'));
    expect(corrected).toContain('<atom:updated>2026-05-20T16:30:00.000Z</atom:updated>');
    expect(items.find((i) => i.includes('/articles/second-story</link>'))).not.toContain('atom:updated');
  });

  test('the article sitemap dates the corrected article by its latest correction', async () => {
    const app = await siteWithCorrections();
    const sitemap = (await request(app).get('/sitemaps/articles-1.xml').expect(200)).text;
    expect(sitemap).toMatch(/articles\/first-story<\/loc>\s*<lastmod>2026-05-20T16:30:00(\.000)?Z<\/lastmod>/);
  });
});

describe('/corrections', () => {
  /** Twelve corrections over two articles, a draft's and one in Arabic. */
  async function siteWithManyCorrections() {
    const records = baseRecords();
    const day = (n: number) => `2026-05-${String(n).padStart(2, '0')}T12:00:00Z`;
    records.articles[0] = { ...(records.articles[0] as Json), corrections: [3, 5, 7, 9, 11, 13].map((n) => ({ at: day(n), text: `First-story fix on day ${n}, *emphasised*.` })) };
    records.articles[2] = { ...(records.articles[2] as Json), language: 'ar', corrections: [4, 6, 8, 10, 12].map((n) => ({ at: day(n), text: `Third-story fix on day ${n}.` })) };
    records.articles.push({ ...(records.articles[1] as Json), slug: 'draft-story', status: 'draft', corrections: [{ at: day(20), text: 'A draft’s fix.' }] });
    records.articles[1] = { ...(records.articles[1] as Json), corrections: [{ at: day(14), text: 'Second-story fix <i>raw</i>.' }] };
    return (await appFor(await writeDataDir(records))).app;
  }

  function entries(html: string): { headline: string; url: string; iso: string; text: string }[] {
    return [...html.matchAll(/<li class="correction-list__item">([\s\S]*?)<\/li>/g)].map((m) => {
      const item = m[1]!;
      return {
        url: /<a href="([^"]+)">/.exec(item)![1]!,
        headline: decodeEntities(/<a href="[^"]+">([^<]*)<\/a>/.exec(item)![1]!),
        iso: /<time[^>]*datetime="([^"]+)"/.exec(item)![1]!,
        text: visibleText(item),
      };
    });
  }

  test('lists every visible correction newest first, ten a page, each linking its article; drafts stay out', async () => {
    const app = await siteWithManyCorrections();
    const first = await request(app).get('/corrections').expect(200);
    const list = entries(first.text);
    expect(list.map((e) => e.iso.slice(0, 10))).toEqual(['2026-05-14', '2026-05-13', '2026-05-12', '2026-05-11', '2026-05-10', '2026-05-09', '2026-05-08', '2026-05-07', '2026-05-06', '2026-05-05']);
    expect(list[0]).toMatchObject({ url: '/articles/second-story', headline: 'Headline of second-story' });
    expect(list[0]!.text).toContain('Second-story fix <i>raw</i>.');
    expect(list[1]).toMatchObject({ url: '/articles/first-story' });
    expect(first.text).toContain('First-story fix on day 13, <em>emphasised</em>.');
    expect(first.text).not.toContain('draft');
    expect(first.text).toContain('href="/corrections?page=2"');
    const second = entries((await request(app).get('/corrections?page=2').expect(200)).text);
    expect(second.map((e) => e.iso.slice(0, 10))).toEqual(['2026-05-04', '2026-05-03']);
    await request(app).get('/corrections?page=3').expect(404);
    await request(app).get('/corrections?page=1').expect(301).expect('Location', '/corrections');
  });

  test('an entry for an article in another language carries its lang and dir', async () => {
    const res = await request(await siteWithManyCorrections()).get('/corrections').expect(200);
    expect(res.text).toMatch(/<h2 class="correction-list__headline" lang="ar" dir="rtl"><a href="\/articles\/third-story">/);
  });

  test('the page has a title, a canonical URL and CollectionPage JSON-LD; with no corrections it says so', async () => {
    const res = await request(await siteWithManyCorrections()).get('/corrections').expect(200);
    expect(res.text).toMatch(/<title>Corrections – Test Gazette<\/title>/);
    expect(res.text).toContain('<link rel="canonical" href="https://news.example.test/corrections">');
    expect(res.text).toContain('"@type":"CollectionPage"');
    const empty = await request((await appFor(await writeDataDir(baseRecords()))).app).get('/corrections').expect(200);
    expect(visibleText(empty.text)).toContain('No corrections yet.');
  });
});
