/**
 * Text is never trusted: hostile text in every field of every record type is
 * shown to readers as text and never becomes markup or a script.
 */
import request from 'supertest';
import { appFor, baseRecords, removeDataDirs, visibleText, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

const PAYLOAD = `"'><script>alert(1)</script><img src=x onerror=alert(1)>`;

async function hostileApp() {
  const r = baseRecords();
  r.site = { ...r.site, name: `Gazette ${PAYLOAD}`, description: `About ${PAYLOAD}`, nav: [{ label: `Nav ${PAYLOAD}`, href: '/sections/world' }], sections: [{ slug: 'world', name: `World ${PAYLOAD}`, description: `Desc ${PAYLOAD}` }] };
  r.authors[0] = { ...r.authors[0], name: `Ada ${PAYLOAD}`, role: `Role ${PAYLOAD}`, bio: `Bio ${PAYLOAD}`, links: [{ label: `Link ${PAYLOAD}`, url: 'https://example.org/?q="><script>alert(1)</script>' }] };
  r.sources[0] = { ...r.sources[0], name: `Wire ${PAYLOAD}`, description: `Wire desc ${PAYLOAD}`, url: 'https://wire.example.org/?q="><script>alert(1)</script>' };
  r.site = { ...r.site, nav: [...(r.site.nav as unknown[]), { label: `Nav2 ${PAYLOAD}`, href: '/x"onmouseover="alert(1)' }] };
  r.articles[0] = {
    ...r.articles[0],
    headline: `Headline ${PAYLOAD}`,
    standfirst: `Standfirst ${PAYLOAD}`,
    image: { src: 'images/pic.jpg', alt: `Alt ${PAYLOAD}`, caption: `Caption ${PAYLOAD}`, credit: `Credit ${PAYLOAD}` },
    origin: 'wire-agency',
    sources: [{ source: 'city-hall', url: 'https://example.org/"><script>alert(1)</script>' }],
    body: [
      { type: 'paragraph', text: `Para ${PAYLOAD} [bad](javascript:alert(1)) [ok](https://example.org/"onmouseover="alert(1))` },
      { type: 'heading', text: `Heading ${PAYLOAD}` },
      { type: 'image', src: 'images/pic.jpg', alt: `Body alt ${PAYLOAD}`, caption: `Body caption ${PAYLOAD}`, credit: `Body credit ${PAYLOAD}` },
      { type: 'list', items: [`Item ${PAYLOAD}`] },
      { type: 'quote', text: `Quote ${PAYLOAD}`, attribution: `Speaker ${PAYLOAD}` },
      { type: 'promo', label: `Label ${PAYLOAD}`, text: `Promo ${PAYLOAD}`, href: '/articles/second-story' },
    ],
  };
  return (await appFor(await writeDataDir(r))).app;
}

function expectNoMarkupFromPayload(html: string): void {
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).not.toMatch(/<img src=x/i);
  // No tag carries an event-handler attribute (the payload's text may, escaped, outside any tag).
  // Quoted attribute values are dropped first: escaped text inside them is harmless.
  expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z][^<>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/href="\s*javascript:/i);
  expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/i); // JSON-LD data blocks only
}

describe('escaping hostile text', () => {
  test.each(['/', '/articles/first-story', '/articles/second-story', '/authors/ada-lane', '/sources/wire-agency', '/sources/city-hall', '/tags/harbours', '/sections/world', '/nope'])('%s prints hostile text as text', async (url) => {
    const app = await hostileApp();
    const res = await request(app).get(url);
    expect([200, 404]).toContain(res.status);
    expectNoMarkupFromPayload(res.text);
  });

  test('every field of the article is shown verbatim to the reader', async () => {
    const app = await hostileApp();
    const res = await request(app).get('/articles/first-story').expect(200);
    const text = visibleText(res.text);
    for (const label of ['Headline', 'Standfirst', 'Caption', 'Credit', 'Para', 'Heading', 'Body caption', 'Body credit', 'Item', 'Quote', 'Speaker', 'Promo', 'Label', 'Bio', 'Role', 'Ada', 'Wire']) {
      expect(text).toContain(`${label} ${PAYLOAD}`);
    }
    // Attributes are escaped too: the alt text survives as one attribute value.
    expect(res.text).toContain('alt="Alt &#34;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"');
    // The javascript: link stays text; the cited URL stays inside its href.
    expect(text).toContain('[bad](javascript:alert(1))');
  });

  test('the author page shows the bio and escapes link targets', async () => {
    const app = await hostileApp();
    const res = await request(app).get('/authors/ada-lane').expect(200);
    expect(visibleText(res.text)).toContain(`Bio ${PAYLOAD}`);
    expect(res.text).toContain('href="https://example.org/?q=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

/** Every text field of every record type, where a reader meets it: pages, search, feeds and sitemaps. */
describe('escaping hostile text everywhere it is shown', () => {
  test('site, section, source and author fields are shown verbatim as text', async () => {
    const app = await hostileApp();
    const home = visibleText((await request(app).get('/').expect(200)).text);
    for (const label of ['Gazette', 'Nav', 'Nav2']) expect(home).toContain(`${label} ${PAYLOAD}`);
    const section = visibleText((await request(app).get('/sections/world').expect(200)).text);
    for (const label of ['World', 'Desc']) expect(section).toContain(`${label} ${PAYLOAD}`);
    const source = await request(app).get('/sources/wire-agency').expect(200);
    for (const label of ['Wire', 'Wire desc']) expect(visibleText(source.text)).toContain(`${label} ${PAYLOAD}`);
    expect(source.text).toContain('href="https://wire.example.org/?q=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const author = visibleText((await request(app).get('/authors/ada-lane').expect(200)).text);
    for (const label of ['Ada', 'Role', 'Bio', 'Link']) expect(author).toContain(`${label} ${PAYLOAD}`);
    // A nav href cannot break out of its attribute.
    expect((await request(app).get('/').expect(200)).text).toContain('href="/x&#34;onmouseover=&#34;alert(1)"');
  });

  test('search results (with highlighting) and the echoed query print hostile text as text', async () => {
    const app = await hostileApp();
    for (const q of ['Headline', 'Para', 'Quote', 'script alert', PAYLOAD]) {
      const res = await request(app).get('/search').query({ q }).expect(200);
      expectNoMarkupFromPayload(res.text);
    }
    const found = await request(app).get('/search').query({ q: 'headline' }).expect(200);
    expect(visibleText(found.text)).toContain('Headline');
    expect(found.text).toMatch(/\/articles\/first-story/);
  });

  test.each(['/feed.xml', '/atom.xml', '/feed.json', '/authors/ada-lane/feed.xml', '/sources/wire-agency/atom.xml', '/tags/harbours/feed.json', '/sitemap.xml', '/sitemaps/news.xml'])(
    '%s carries hostile text as data, never as markup for a reader',
    async (url) => {
      const app = await hostileApp();
      const res = await request(app).get(url).expect(200);
      const body = res.text;
      if (url.endsWith('.json')) {
        const feed = JSON.parse(body) as { title: string; items: { title: string; content_html?: string; summary?: string }[] };
        expect(feed.items.length).toBeGreaterThan(0);
        for (const item of feed.items) expectNoMarkupFromPayload(item.content_html ?? '');
        expect(body).toContain('Headline');
      } else {
        // Escaped once for XML; a feed reader that renders the HTML inside still sees text.
        expect(body).not.toContain('<script>');
        expect(body).not.toMatch(/<img src=x/i);
        // The elements a reader renders as HTML: RSS description and content:encoded, Atom content/summary of type html.
        // (Channel-level descriptions are plain text by the RSS spec and are not looked at here.)
        const items = [...body.matchAll(/<(item|entry)>([\s\S]*?)<\/\1>/g)].map((m) => m[2] ?? '').join('\n');
        const htmlParts = [...items.matchAll(/<(description|content:encoded|content type="html"|summary type="html")>([\s\S]*?)<\/(?:description|content:encoded|content|summary)>/g)].map((m) => m[2] ?? '');
        if (!url.startsWith('/sitemap')) expect(htmlParts.length).toBeGreaterThan(0);
        for (const part of htmlParts) {
          const html = part.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
          expectNoMarkupFromPayload(html);
        }
      }
    },
  );
});
