/** The article page model: what a reader sees of one story, and which stories it offers as related. */
import { CatalogStore } from '../../src/content/catalog';
import { articlePage, relatedArticles } from '../../src/pages/article';
import { baseRecords, loadFixture } from '../helpers/fixture';
import { ASSETS, contextFor, EMBARGO_LIFTS, expectHead, pageModel, pageRecords, sharedContext, story } from '../helpers/page-fixture';

const fullStory = story('full-story', {
  headline: 'Harbour reopens after the storm',
  standfirst: 'The port is *open* again, says [the mayor](https://example.org/mayor).',
  authors: ['ada-lane', 'ben-okafor'],
  tags: ['harbours', 'storm-damage'],
  origin: 'wire-agency',
  sources: [{ source: 'city-hall', url: 'https://city.example.org/report' }, 'wire-agency'],
  publishedAt: '2026-05-10T09:30:00Z',
  updatedAt: '2026-05-11T08:00:00Z',
  image: { src: 'images/pic.jpg', alt: 'Boats in the harbour', caption: 'Boats are back', credit: 'A. Photographer' },
  body: [
    { type: 'paragraph', text: 'Raw <b>bold</b> & <script>alert(1)</script> stays *text*.' },
    { type: 'heading', text: 'What *happened* next?' },
    { type: 'heading', text: 'What happened next?' },
    { type: 'heading', text: '?!' },
    { type: 'list', items: ['one *a*', 'two'] },
    { type: 'list', items: ['first', 'second'], ordered: true },
    { type: 'quote', text: 'We are *back*.', attribution: 'The mayor' },
    { type: 'quote', text: 'Unattributed.' },
    { type: 'promo', label: 'Read more', text: 'A draft story', href: '/articles/draft-story' },
    { type: 'promo', text: 'An embargoed story', href: '/articles/embargoed-story' },
    { type: 'promo', label: 'Earlier', text: 'The first story', href: '/articles/first-story' },
    { type: 'promo', label: 'VIDEO', text: 'Elsewhere, no address' },
    { type: 'image', src: 'images/pic.jpg', alt: 'A crane', caption: 'The crane', credit: 'B. Snapper' },
  ],
});

function articleRecords() {
  const records = pageRecords();
  records.articles.push(
    fullStory,
    story('same-dates', { publishedAt: '2026-05-06T09:00:00Z', updatedAt: '2026-05-06T09:00:00Z' }),
    story('in-arabic', { publishedAt: '2026-05-07T09:00:00Z', language: 'ar', headline: 'الميناء يفتح' }),
  );
  return records;
}

describe('articlePage', () => {
  const ctx = sharedContext(articleRecords());
  const open = (slug: string) => pageModel(articlePage(ctx(), slug));

  test('is the article view with status 200', () => {
    const result = articlePage(ctx(), 'full-story');
    expect(result).toMatchObject({ kind: 'page', status: 200, view: 'article' });
  });

  test.each(['no-such-story', 'draft-story', 'embargoed-story', 'Full-Story', ''])('"%s" is a 404', (slug) => {
    expect(articlePage(ctx(), slug)).toEqual({ kind: 'not-found' });
  });

  test('an embargoed article appears once its time comes, not a moment before', async () => {
    const { content } = await loadFixture(articleRecords());
    const clock = { now: new Date(EMBARGO_LIFTS.getTime() - 1000) };
    const store = new CatalogStore(content, () => clock.now);
    const at = () => articlePage({ catalog: store.current(), assets: ASSETS }, 'embargoed-story');
    expect(at()).toEqual({ kind: 'not-found' });
    clock.now = EMBARGO_LIFTS;
    expect(at()).toMatchObject({ kind: 'page', status: 200, model: { headline: 'Headline of embargoed-story' } });
  });

  test('headline, standfirst without its Markdown, section link and bylines', () => {
    const model = open('full-story');
    expect(model.headline).toBe('Harbour reopens after the storm');
    expect(model.standfirst).toBe('The port is open again, says the mayor.');
    expect(model.section).toEqual({ name: 'World', url: '/sections/world' });
    expect(model.authors.map(({ avatar, ...rest }) => ({ ...rest, hasAvatar: avatar !== undefined }))).toEqual([
      { separator: '', name: 'Ada Lane', url: '/authors/ada-lane', role: 'Reporter', bio: 'Ada writes about harbours.', hasAvatar: true, aboutLabel: 'About Ada Lane' },
      { separator: ' and ', name: 'Ben Okafor', url: '/authors/ben-okafor', role: 'Editor', bio: 'Ben edits.', hasAvatar: false, aboutLabel: 'About Ben Okafor' },
    ]);
  });

  test('layout: "Headline – Site" title, the plain standfirst as description, an absolute canonical URL, the section current in the nav', () => {
    const { layout } = open('full-story');
    expectHead(layout, { title: 'Harbour reopens after the storm – Test Gazette', description: 'The port is open again, says the mayor.', path: '/articles/full-story' });
    expect(layout.robots).toBe('index, follow, max-image-preview:large');
    expect(layout.nav).toEqual([{ label: 'World', url: '/sections/world', current: true }]);
    expect(layout.stylesheetUrl).toBe(ASSETS.stylesheet);
    expect(layout.faviconUrl).toBe(ASSETS.favicon);
    expect(layout.prevUrl).toBeUndefined();
  });

  test('dates: published, and updated when it differs', () => {
    const model = open('full-story');
    expect(model.published).toEqual({ iso: '2026-05-10T09:30:00.000Z', label: '10 May 2026' });
    expect(model.updated).toEqual({ iso: '2026-05-11T08:00:00.000Z', label: '11 May 2026' });
  });

  test.each(['same-dates', 'first-story'])('%s: no "updated" date when it equals publishedAt or is absent', (slug) => {
    expect(open(slug)).not.toHaveProperty('updated');
  });

  test('dates are labelled in the site’s time zone', async () => {
    const records = articleRecords();
    records.site = { ...records.site, timeZone: 'Pacific/Auckland' };
    records.articles.push(story('late-story', { publishedAt: '2026-05-10T13:00:00Z' }));
    // 13:00 UTC on 10 May is 01:00 on 11 May in Auckland.
    expect(pageModel(articlePage(await contextFor(records), 'late-story')).published).toEqual({ iso: '2026-05-10T13:00:00.000Z', label: '11 May 2026' });
  });

  test('the main picture keeps its alt text, caption and credit', () => {
    const { image } = open('full-story');
    expect(image?.caption).toBe('Boats are back');
    expect(image?.credit).toBe('A. Photographer');
    expect(image?.image).toMatchObject({ alt: 'Boats in the harbour', width: 64, height: 36 });
    expect(image?.image.url).toMatch(/^\/img\/[0-9a-f]{16}-/);
    expect(open('same-dates')).not.toHaveProperty('image');
  });

  describe('body blocks', () => {
    const blocks = () => open('full-story').blocks;

    test('a paragraph prints raw HTML as text and keeps emphasis', () => {
      expect(blocks()[0]).toEqual({ type: 'paragraph', html: 'Raw &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; stays <em>text</em>.' });
    });

    test('headings are plain text with readable ids; a repeated heading gets "-2", one without words "section"', () => {
      expect(blocks().slice(1, 4)).toEqual([
        { type: 'heading', text: 'What happened next?', id: 'what-happened-next' },
        { type: 'heading', text: 'What happened next?', id: 'what-happened-next-2' },
        { type: 'heading', text: '?!', id: 'section' },
      ]);
    });

    test('heading ids start again on each page drawn', () => {
      const ids = () => open('full-story').blocks.flatMap((b) => (b.type === 'heading' ? [b.id] : []));
      expect(ids()).toEqual(ids());
      expect(ids()[0]).toBe('what-happened-next');
    });

    test('lists are unordered unless the record says ordered; items keep their emphasis', () => {
      expect(blocks().slice(4, 6)).toEqual([
        { type: 'list', tag: 'ul', itemsHtml: ['one <em>a</em>', 'two'] },
        { type: 'list', tag: 'ol', itemsHtml: ['first', 'second'] },
      ]);
    });

    test('a quote carries its attribution when it has one', () => {
      expect(blocks().slice(6, 8)).toEqual([
        { type: 'quote', html: 'We are <em>back</em>.', attribution: 'The mayor' },
        { type: 'quote', html: 'Unattributed.' },
      ]);
    });

    test('a promo links only to an article a reader can open: drafts, embargoes and promos without an address are text', () => {
      expect(blocks().slice(8, 12)).toEqual([
        { type: 'promo', label: 'Read more', ariaLabel: 'Read more', text: 'A draft story' },
        { type: 'promo', ariaLabel: 'Read more', text: 'An embargoed story' },
        { type: 'promo', label: 'Earlier', ariaLabel: 'Earlier', text: 'The first story', url: '/articles/first-story' },
        { type: 'promo', label: 'VIDEO', ariaLabel: 'VIDEO', text: 'Elsewhere, no address' },
      ]);
    });

    test('an image block is a figure with caption and credit', () => {
      expect(blocks()[12]).toMatchObject({ type: 'image', figure: { caption: 'The crane', credit: 'B. Snapper', image: { alt: 'A crane' } } });
    });
  });

  test('origin ("Adapted from") and cited sources link to source pages, with the cited piece’s own URL', () => {
    const model = open('full-story');
    expect(model.origin).toEqual({ name: 'Wire Agency', url: '/sources/wire-agency', kind: 'news-agency', siteUrl: 'https://wire.example.org' });
    expect(model.sources).toEqual([
      { name: 'City Hall', url: '/sources/city-hall', kind: 'official-body', originalUrl: 'https://city.example.org/report' },
      { name: 'Wire Agency', url: '/sources/wire-agency', kind: 'news-agency', siteUrl: 'https://wire.example.org' },
    ]);
    expect(open('first-story')).not.toHaveProperty('origin');
  });

  test('tags are named from their slugs and link to tag pages', () => {
    expect(open('full-story').tags).toEqual([
      { name: 'Harbours', url: '/tags/harbours' },
      { name: 'Storm damage', url: '/tags/storm-damage' },
    ]);
  });

  test('an article in another language than the site’s says so, and keeps the site’s own words in the site’s language', () => {
    const model = open('in-arabic');
    expect(model).toMatchObject({ lang: 'ar', dir: 'rtl', ui: { lang: 'en', dir: 'ltr' } });
    const own = open('full-story');
    for (const key of ['lang', 'dir', 'ui']) expect(own).not.toHaveProperty(key);
  });

  test('related stories are cards (never the story itself, never hidden ones)', () => {
    const { related } = open('full-story');
    expect(related).toHaveLength(4);
    const urls = related.map((card) => card.url);
    for (const hidden of ['/articles/full-story', '/articles/draft-story', '/articles/embargoed-story']) expect(urls).not.toContain(hidden);
    // second-story shares the tag, both authors, the section and both sources: the most related.
    expect(related[0]).toMatchObject({
      url: '/articles/second-story',
      headline: 'Headline of second-story',
      section: { name: 'World', url: '/sections/world' },
      published: { iso: '2026-05-02T09:00:00.000Z', label: '2 May 2026' },
      bylines: 'Ada Lane and Ben Okafor',
      byline: 'By Ada Lane and Ben Okafor',
      variant: 'compact',
    });
    // Compact cards are headline-only: no standfirst, no image.
    expect(related[0]).not.toHaveProperty('standfirst');
    expect(related[0]).not.toHaveProperty('image');
  });
});

describe('relatedArticles', () => {
  // The anchor is tagged ferries, cites City Hall, is by Ben Okafor, in World.
  function relatedRecords() {
    const records = baseRecords();
    const lone = { tags: [], sources: [], authors: ['ada-lane'], section: 'business' };
    const day = (d: number) => `2026-05-${String(d).padStart(2, '0')}T09:00:00Z`;
    records.articles = [
      story('anchor', { tags: ['ferries'], sources: ['city-hall'], authors: ['ben-okafor'], section: 'world', publishedAt: day(10) }),
      story('tag-old', { ...lone, tags: ['ferries'], publishedAt: day(1) }),
      story('tag-new', { ...lone, tags: ['ferries'], publishedAt: day(2) }),
      story('cites-same', { ...lone, sources: ['city-hall'], publishedAt: day(9) }),
      story('adapted-same', { ...lone, origin: 'city-hall', publishedAt: day(3) }),
      story('same-author', { ...lone, authors: ['ben-okafor'], publishedAt: day(8) }),
      story('same-section', { ...lone, section: 'world', publishedAt: day(7) }),
      story('unrelated', { ...lone, publishedAt: day(11) }),
      story('draft-twin', { tags: ['ferries'], sources: ['city-hall'], authors: ['ben-okafor'], section: 'world', status: 'draft', publishedAt: day(5) }),
      story('embargoed-twin', { tags: ['ferries'], sources: ['city-hall'], authors: ['ben-okafor'], section: 'world', publishedAt: '2026-07-01T09:00:00Z' }),
    ];
    return records;
  }

  const ctx = sharedContext(relatedRecords());
  const related = (count?: number) => relatedArticles(ctx().catalog, ctx().catalog.articleBySlug.get('anchor')!, count).map((a) => a.slug);

  test('shared tags weigh most, then shared sources (cited or adapted from), then a shared author or section; newer first on a tie', () => {
    expect(related(10)).toEqual(['tag-new', 'tag-old', 'cites-same', 'adapted-same', 'same-author', 'same-section']);
  });

  test('four by default', () => {
    expect(related()).toEqual(['tag-new', 'tag-old', 'cites-same', 'adapted-same']);
  });

  test('never the article itself, a draft, an embargoed story or one sharing nothing', () => {
    const all = related(100);
    for (const slug of ['anchor', 'draft-twin', 'embargoed-twin', 'unrelated']) expect(all).not.toContain(slug);
  });

  test('an embargoed story that shares the most is related once it is out', async () => {
    const { content } = await loadFixture(relatedRecords());
    const later = new CatalogStore(content, () => new Date('2026-07-01T09:00:00Z')).current();
    expect(relatedArticles(later, later.articleBySlug.get('anchor')!).map((a) => a.slug)[0]).toBe('embargoed-twin');
    expect(relatedArticles(later, later.articleBySlug.get('anchor')!, 100).map((a) => a.slug)).not.toContain('draft-twin');
  });
});
