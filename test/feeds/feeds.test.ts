/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 as pure functions of the catalog:
 * required elements, absolute links, full bodies, several authors, hostile
 * text, the 20-item limit, and no drafts or embargoes. Every RSS and Atom
 * document is read twice: by fast-xml-parser and by rss-parser.
 */
import Parser from 'rss-parser';
import { buildCatalog, type Catalog } from '../../src/content/catalog';
import { atomFeed } from '../../src/feeds/atom';
import { articleBodyHtml } from '../../src/feeds/body-html';
import { FEED_SIZE, feedModel, type FeedModel, type FeedScope } from '../../src/feeds/feed-model';
import { jsonFeed } from '../../src/feeds/json-feed';
import { rssFeed } from '../../src/feeds/rss';
import { baseRecords, loadFixture, NOW, removeDataDirs, type FixtureRecords, type Json } from '../helpers/fixture';
import { parseXml, text } from './xml-check';

afterAll(removeDataDirs);

const BASE = 'https://news.example.test';
const HOSTILE = 'Evil <script>alert(1)</script> ]]> & \u0001 \u000b end';

async function catalogOf(records: FixtureRecords = baseRecords()): Promise<Catalog> {
  const { content } = await loadFixture(records);
  expect(content.problems).toEqual([]);
  return buildCatalog(content, 1, NOW);
}

function model(catalog: Catalog, scope: FeedScope): FeedModel {
  const feed = feedModel(catalog, scope);
  if (!feed) throw new Error(`no feed for ${JSON.stringify(scope)}`);
  return feed;
}

const parser = new Parser();

describe('RSS 2.0', () => {
  test('channel and items carry every required element, with absolute links', async () => {
    const catalog = await catalogOf();
    const xml = rssFeed(model(catalog, { kind: 'site' }));
    const rss = parseXml(xml).rss;
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel;
    expect(channel.title).toBe('Test Gazette');
    expect(channel.link).toBe(`${BASE}/`);
    expect(channel.description).toBe('A newspaper for tests.');
    expect(channel['atom:link']).toMatchObject({ '@href': `${BASE}/feed.xml`, '@rel': 'self', '@type': 'application/rss+xml' });
    expect(channel.item.map((i: Json) => i.link)).toEqual(['third-story', 'second-story', 'first-story'].map((s) => `${BASE}/articles/${s}`));
    for (const item of channel.item) {
      expect(item.title).toMatch(/^Headline of /);
      expect(text(item.guid)).toBe(item.link);
      expect(item.guid['@isPermaLink']).toBe('true');
      expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(item['dc:creator'].length).toBeGreaterThan(0);
      expect(item.category.map(text)).toContain('Harbours');
      expect(item['media:content']).toMatchObject({ '@url': `${BASE}/images/pic.jpg`, '@medium': 'image', '@width': '64', '@height': '36', '@type': 'image/jpeg' });
      expect(item['content:encoded']).toContain('<p>Body text of');
    }
    expect(channel.item[0].pubDate).toBe('Sun, 03 May 2026 09:00:00 GMT');
  });

  test('rss-parser reads the same items, titles, links, authors and full body', async () => {
    const catalog = await catalogOf();
    const feed = await parser.parseString(rssFeed(model(catalog, { kind: 'site' })));
    expect(feed.title).toBe('Test Gazette');
    expect(feed.link).toBe(`${BASE}/`);
    expect(feed.items.map((i) => [i.title, i.link, i.guid])).toEqual(
      ['third-story', 'second-story', 'first-story'].map((s) => [`Headline of ${s}`, `${BASE}/articles/${s}`, `${BASE}/articles/${s}`]),
    );
    const second = feed.items[1] as Parser.Item & Record<string, unknown>;
    expect(second.isoDate).toBe('2026-05-02T09:00:00.000Z');
    expect(second.content).toBe('Standfirst of second-story.'); // <description>
    expect(second['content:encoded']).toContain('<em>emphasis</em>');
    expect(second['content:encoded']).toContain('<a href="https://example.org/page" rel="noopener noreferrer">link</a>');
    expect(second['content:encodedSnippet']).toContain('Body text of second-story');
  });

  test('an article with two authors names both', async () => {
    const catalog = await catalogOf();
    const rss = parseXml(rssFeed(model(catalog, { kind: 'site' }))).rss;
    const second = rss.channel.item.find((i: Json) => String(i.link).endsWith('/second-story'));
    expect(second['dc:creator']).toEqual(['Ada Lane', 'Ben Okafor']);
  });
});

describe('Atom 1.0', () => {
  test('feed and entries carry id, title, updated, links and authors', async () => {
    const catalog = await catalogOf((() => {
      const r = baseRecords();
      r.articles[1] = { ...r.articles[1], updatedAt: '2026-05-10T08:00:00Z' };
      return r;
    })());
    const xml = atomFeed(model(catalog, { kind: 'site' }));
    const feed = parseXml(xml).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${BASE}/atom.xml`);
    expect(text(feed.title)).toBe('Test Gazette');
    // updated is the newest change, which here is an update, not the newest publication.
    expect(feed.updated).toBe('2026-05-10T08:00:00.000Z');
    expect(feed.link).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@rel': 'self', '@href': `${BASE}/atom.xml` }),
        expect.objectContaining({ '@rel': 'alternate', '@href': `${BASE}/` }),
      ]),
    );
    expect(feed.author[0]).toEqual({ name: 'Test Gazette', uri: `${BASE}/` });
    expect(feed.entry).toHaveLength(3);
    for (const entry of feed.entry) {
      expect(entry.id).toMatch(new RegExp(`^${BASE}/articles/`));
      expect(text(entry.title)).toMatch(/^Headline of /);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(entry.published).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(entry.author.length).toBeGreaterThan(0);
      expect(entry.link[0]).toMatchObject({ '@rel': 'alternate', '@href': entry.id });
      expect(entry.content['@type']).toBe('html');
      expect(text(entry.content)).toContain('<p>Body text of');
      expect(text(entry.summary)).toMatch(/^Standfirst of /);
      expect(entry.category.map((c: Json) => c['@term'])).toContain('harbours');
    }
    const second = feed.entry.find((e: Json) => String(e.id).endsWith('/second-story'));
    expect(second.author).toEqual([
      { name: 'Ada Lane', uri: `${BASE}/authors/ada-lane` },
      { name: 'Ben Okafor', uri: `${BASE}/authors/ben-okafor` },
    ]);
    expect(second.published).toBe('2026-05-02T09:00:00.000Z');
    expect(second.updated).toBe('2026-05-10T08:00:00.000Z');
  });

  test('rss-parser reads the same entries', async () => {
    const catalog = await catalogOf();
    const feed = await parser.parseString(atomFeed(model(catalog, { kind: 'author', slug: 'ben-okafor' })));
    expect(feed.title).toBe('Ben Okafor – Test Gazette');
    expect(feed.link).toBe(`${BASE}/authors/ben-okafor`);
    expect(feed.items.map((i) => [i.title, i.link, i.id])).toEqual([['Headline of second-story', `${BASE}/articles/second-story`, `${BASE}/articles/second-story`]]);
    expect(feed.items[0]?.content).toContain('Body text of second-story');
  });
});

describe('JSON Feed 1.1', () => {
  test('has version, title and items with ids, urls, HTML, dates and authors', async () => {
    const catalog = await catalogOf();
    const feed = JSON.parse(jsonFeed(model(catalog, { kind: 'tag', slug: 'ferries' })));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Ferries – Test Gazette');
    expect(feed.home_page_url).toBe(`${BASE}/tags/ferries`);
    expect(feed.feed_url).toBe(`${BASE}/tags/ferries/feed.json`);
    expect(feed.items).toEqual([
      expect.objectContaining({
        id: `${BASE}/articles/third-story`,
        url: `${BASE}/articles/third-story`,
        title: 'Headline of third-story',
        date_published: '2026-05-03T09:00:00.000Z',
        image: `${BASE}/images/pic.jpg`,
        authors: [{ name: 'Ada Lane', url: `${BASE}/authors/ada-lane` }],
        tags: ['Harbours', 'Ferries'],
      }),
    ]);
    expect(feed.items[0].content_html).toContain('<em>emphasis</em>');
  });
});

describe('scopes', () => {
  test('author, source and tag feeds hold only their articles; unknown ones have no feed', async () => {
    const catalog = await catalogOf();
    const slugs = (scope: FeedScope) => model(catalog, scope).items.map((i) => i.url.replace(`${BASE}/articles/`, ''));
    expect(slugs({ kind: 'author', slug: 'ben-okafor' })).toEqual(['second-story']);
    expect(slugs({ kind: 'source', slug: 'city-hall' })).toEqual(['second-story']);
    expect(slugs({ kind: 'source', slug: 'wire-agency' })).toEqual(['third-story', 'second-story', 'first-story']); // second was adapted from it
    expect(slugs({ kind: 'tag', slug: 'ferries' })).toEqual(['third-story']);
    expect(feedModel(catalog, { kind: 'author', slug: 'nobody' })).toBeUndefined();
    expect(feedModel(catalog, { kind: 'source', slug: 'nobody' })).toBeUndefined();
    expect(feedModel(catalog, { kind: 'tag', slug: 'nobody' })).toBeUndefined();
  });

  test(`a feed holds the newest ${FEED_SIZE} articles`, async () => {
    const r = baseRecords();
    const template = r.articles[0] as Json;
    r.articles = Array.from({ length: 25 }, (_, i) => ({ ...template, slug: `story-${i + 1}`, publishedAt: new Date(Date.UTC(2026, 3, i + 1, 9)).toISOString() }));
    const catalog = await catalogOf(r);
    const feed = model(catalog, { kind: 'site' });
    expect(feed.items).toHaveLength(FEED_SIZE);
    expect(feed.items[0]?.url).toBe(`${BASE}/articles/story-25`);
    expect(feed.items[FEED_SIZE - 1]?.url).toBe(`${BASE}/articles/story-6`);
    const rss = parseXml(rssFeed(feed)).rss;
    expect(rss.channel.item).toHaveLength(FEED_SIZE);
  });

  test('drafts and embargoed articles are in no feed', async () => {
    const r = baseRecords();
    r.articles.push(
      { ...r.articles[0], slug: 'draft-story', headline: 'Draft headline', status: 'draft', publishedAt: '2026-05-30T09:00:00Z', authors: ['ben-okafor'], tags: ['ferries'] },
      { ...r.articles[0], slug: 'embargoed-story', headline: 'Embargoed headline', publishedAt: '2026-06-01T13:00:00Z', authors: ['ben-okafor'], tags: ['ferries'] },
    );
    const catalog = await catalogOf(r);
    for (const scope of [{ kind: 'site' }, { kind: 'author', slug: 'ben-okafor' }, { kind: 'author', slug: 'ada-lane' }, { kind: 'source', slug: 'wire-agency' }, { kind: 'tag', slug: 'ferries' }, { kind: 'tag', slug: 'harbours' }] as FeedScope[]) {
      const feed = model(catalog, scope);
      for (const out of [rssFeed(feed), atomFeed(feed), jsonFeed(feed)]) {
        expect(out).not.toMatch(/draft-story|embargoed-story|Draft headline|Embargoed headline/);
      }
    }
  });
});

describe('hostile text', () => {
  async function hostileCatalog() {
    const r = baseRecords();
    r.authors[1] = { ...r.authors[1], name: `Ben <b>&</b> \u0002Okafor` };
    r.articles[1] = {
      ...r.articles[1],
      headline: HOSTILE,
      standfirst: HOSTILE,
      body: [
        { type: 'paragraph', text: HOSTILE },
        { type: 'heading', text: HOSTILE },
        { type: 'list', items: [HOSTILE, 'lone \uD800 surrogate'] },
        { type: 'quote', text: HOSTILE, attribution: HOSTILE },
        { type: 'image', src: 'images/pic.jpg', alt: HOSTILE, caption: HOSTILE, credit: HOSTILE },
        { type: 'promo', label: 'VIDEO', text: HOSTILE, href: '/articles/first-story' },
        { type: 'paragraph', text: 'A [site link](/articles/first-story) and a [bad one](javascript:alert(1)).' },
      ],
      image: { src: 'images/pic.jpg', alt: HOSTILE, caption: HOSTILE, credit: HOSTILE },
    };
    return catalogOf(r);
  }

  test('is escaped in every format and the XML stays well-formed', async () => {
    const catalog = await hostileCatalog();
    const feed = model(catalog, { kind: 'site' });
    const rssXml = rssFeed(feed);
    const atomXml = atomFeed(feed);
    for (const xml of [rssXml, atomXml]) {
      parseXml(xml); // well-formed, no forbidden characters
      expect(xml).not.toContain('<script');
      expect(xml).not.toContain(']]>');
      expect(xml).not.toContain('\u0001');
    }
    const rss = await parser.parseString(rssXml);
    const item = rss.items.find((i) => i.link === `${BASE}/articles/second-story`) as (Parser.Item & Record<string, string>) | undefined;
    const body = item?.['content:encoded'];
    // The reader gets the text back exactly, minus the characters XML cannot carry.
    expect(item?.title).toBe('Evil <script>alert(1)</script> ]]> &   end');
    // In the body, the text is HTML-escaped once more: a reader rendering content:encoded shows it as text.
    expect(body).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;');
    expect(body).not.toContain('<script');
    expect(body).not.toContain('href="javascript:'); // an unsafe link stays text
    expect(body).toContain(`<a href="${BASE}/articles/first-story">site link</a>`);
    const atom = await parser.parseString(atomXml);
    expect(atom.items.find((i) => i.link === `${BASE}/articles/second-story`)?.title).toBe('Evil <script>alert(1)</script> ]]> &   end');
    const json = JSON.parse(jsonFeed(feed));
    expect(json.items[1].title).toBe(HOSTILE);
    expect(json.items[1].content_html).not.toContain('<script');
  });
});

describe('body HTML', () => {
  test('renders every block type with absolute URLs; promos link only to visible articles', async () => {
    const r = baseRecords();
    r.articles.push({ ...r.articles[0], slug: 'draft-story', status: 'draft' });
    r.articles[1] = {
      ...r.articles[1],
      body: [
        { type: 'paragraph', text: 'Opening *words* and [a story](/articles/first-story).' },
        { type: 'heading', text: 'A *sub*-heading' },
        { type: 'image', src: 'images/pic.jpg', alt: 'Body picture', caption: 'Body caption', credit: 'Body Credit' },
        { type: 'list', items: ['One', 'Two'] },
        { type: 'quote', text: 'Quoted words', attribution: 'A. Speaker' },
        { type: 'promo', label: 'VIDEO', text: 'Watch the first story', href: '/articles/first-story' },
        { type: 'promo', text: 'Read the draft', href: '/articles/draft-story' },
      ],
    };
    const catalog = await catalogOf(r);
    const html = articleBodyHtml(catalog, catalog.articleBySlug.get('second-story') as never);
    expect(html.split('\n')).toEqual([
      `<p>Opening <em>words</em> and <a href="${BASE}/articles/first-story">a story</a>.</p>`,
      '<h2>A sub-heading</h2>',
      `<figure><img src="${BASE}/images/pic.jpg" alt="Body picture" width="64" height="36"><figcaption>Body caption — Body Credit</figcaption></figure>`,
      '<ul><li>One</li><li>Two</li></ul>',
      '<blockquote><p>Quoted words</p><footer>— A. Speaker</footer></blockquote>',
      `<p><strong>VIDEO</strong> <a href="${BASE}/articles/first-story">Watch the first story</a></p>`,
      '<p>Read the draft</p>',
    ]);
  });
});
