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
    // Below the story, before its footer.
    expect(res.text.indexOf('class="article__body"')).toBeLessThan(res.text.indexOf('class="corrections"'));
    expect(res.text.indexOf('class="corrections"')).toBeLessThan(res.text.indexOf('class="article__footer"'));
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

  test('the article sitemap dates the corrected article by its latest correction', async () => {
    const app = await siteWithCorrections();
    const sitemap = (await request(app).get('/sitemaps/articles-1.xml').expect(200)).text;
    expect(sitemap).toMatch(/articles\/first-story<\/loc>\s*<lastmod>2026-05-20T16:30:00(\.000)?Z<\/lastmod>/);
  });
});
