/**
 * The Ghost JSON export reader (src/import/formats/ghost.ts, src/import/ghost/):
 * the items it reads out of Ghost 5 (lexical), Ghost 4 (mobiledoc, every card)
 * and Ghost 2/3 (author_id, page: true, html only) exports and of the edge cases
 * real archives hold, and what it does with hostile input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blockSchema } from '../../src/blocks/registry';
import type { ArticleDraft, ImportItem, PageDraft } from '../../src/import/draft';
import { sniffFormat } from '../../src/import/formats';
import { ghost } from '../../src/import/formats/ghost';

const FIXTURES = path.join(__dirname, 'fixtures', 'ghost');
const fixture = (name: string) => path.join(FIXTURES, name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function read(file: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of ghost.stream(file, { file })) items.push(item);
  return items;
}

function article(items: ImportItem[], id: string): { draft: ArticleDraft; notes: string[] } {
  const item = items.find((i) => (i.kind === 'article' || i.kind === 'page') && i.draft.sourceId === `ghost:${id}`);
  if (item?.kind !== 'article') throw new Error(`no article ghost:${id}`);
  return item;
}

function page(items: ImportItem[], id: string): { draft: PageDraft; notes: string[] } {
  const item = items.find((i) => i.kind === 'page' && i.draft.sourceId === `ghost:${id}`);
  if (item?.kind !== 'page') throw new Error(`no page ghost:${id}`);
  return item;
}

/** Image paths are the writer's to make files of: the blocks without them are records as they are. */
const withoutImages = (block: { type: string }) => block.type !== 'image' && block.type !== 'gallery';

const texts = (draft: ArticleDraft) => draft.body.map((b) => ('text' in b ? b.text : b.type));

function write(name: string, data: unknown): string {
  const file = path.join(tmp, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

const exportOf = (posts: unknown[], extra: Record<string, unknown> = {}) => ({ db: [{ meta: { exported_on: 1, version: '5.80.0' }, data: { posts, ...extra } }] });

describe('sniffing', () => {
  test('a Ghost export is recognised by its head, with any whitespace and key order in meta', () => {
    const head = readFileSync(fixture('ghost-5.json'), 'utf8').slice(0, 65536);
    expect(ghost.sniffHead(head, 'x.json')).toBe(true);
    expect(ghost.sniffHead('{ "db" : [ { "meta" : { "version" : "4.1.0",\n "exported_on" : 1 }, "data": {} } ] }', 'x')).toBe(true);
    expect(ghost.sniffHead('{"meta":{"exported_on":1,"version":"2.0.0"},"data":{}}', 'x')).toBe(true);
    expect(sniffFormat(head, () => '', 'x.json')?.name).toBe('ghost');
  });

  test('other JSON is not a Ghost export', () => {
    const ninjs = readFileSync(path.join(__dirname, 'fixtures', 'ninjs-2.x.json'), 'utf8');
    expect(ghost.sniffHead(ninjs, 'x.json')).toBe(false);
    expect(ghost.sniffHead('{"db": [], "meta": "nope"}', 'x')).toBe(false);
    expect(sniffFormat(ninjs, () => ninjs, 'x.json')?.name).toBe('ninjs');
  });
});

describe('a Ghost 5 export (lexical)', () => {
  let items: ImportItem[];
  beforeAll(async () => {
    items = await read(fixture('ghost-5.json'));
  });

  test('posts are articles, the page a page, the email-only newsletter skipped', () => {
    expect(items.map((i) => i.kind)).toEqual(['article', 'page', 'article', 'article', 'skip', 'article']);
    expect(items[4]).toEqual({ kind: 'skip', sourceId: 'ghost:uuid-p5', reason: expect.stringMatching(/email-only newsletter \(status sent\)/) });
  });

  test('statuses: published, scheduled (published with its future date), draft, members-only (a draft, said)', () => {
    expect(article(items, 'uuid-p1').draft.status).toBe('published');
    const scheduled = article(items, 'uuid-p3');
    expect(scheduled.draft).toMatchObject({ status: 'published', publishedAt: '2031-06-01T06:00:00.000Z' });
    expect(scheduled.notes).toContain('scheduled: published with its future date, shown from 2031-06-01T06:00:00.000Z');
    expect(article(items, 'uuid-p4').draft.status).toBe('draft');
    const paid = article(items, 'uuid-p6');
    expect(paid.draft.status).toBe('draft');
    expect(paid.notes.join()).toMatch(/members only in Ghost \(visibility paid\): imported as a draft/);
  });

  test('authors in sort_order (the primary first), public tags only, the primary tag the section', () => {
    const { draft, notes } = article(items, 'uuid-p1');
    expect(draft.authors).toEqual([{ name: 'Ben Quay', slug: 'ben-quay' }, { name: 'Ada Harbour', slug: 'ada', bio: 'Ada covers transport.' }]);
    expect(draft.tags).toEqual(['transport', 'ferries']);
    expect(draft.section).toBe('transport');
    expect(notes).toContain("left out Ghost's internal tags #feature");
  });

  test('custom_excerpt is the standfirst; the feature image has its posts_meta alt and caption; __GHOST_URL__ becomes a site path', () => {
    const { draft } = article(items, 'uuid-p1');
    expect(draft).toMatchObject({ slug: 'harbour-ferry-goes-electric', headline: 'Harbour ferry goes electric', standfirst: 'The crossing is quieter, and the fuel bill is gone.', language: 'en' });
    expect(draft.image).toEqual({ src: '/content/images/2024/01/ferry.jpg', alt: 'The electric ferry at the quay', caption: 'Photo: Ada Harbour' });
    expect(JSON.stringify(draft)).not.toContain('__GHOST_URL__');
  });

  test('every lexical node: text formats, links, headings, quotes, nested and check lists, rule, cards', () => {
    const { draft, notes } = article(items, 'uuid-p1');
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'The crossing is **quieter**, *cleaner*, , longer and npm ci. H₂O and E=mc².' },
      { type: 'paragraph', text: 'Read [the earlier story](/earlier-story/) or [the report](https://example.org/report) on a new line.' },
      { type: 'heading', text: 'How it works' },
      { type: 'quote', text: 'It is like sailing a library.' },
      { type: 'quote', text: 'A pull quote set apart.' },
      { type: 'list', items: [{ text: 'Batteries', items: ['charged overnight', 'swapped at noon'], ordered: true }, 'Motors'] },
      { type: 'list', items: ['☑ Tested', '☐ Certified'] },
      { type: 'divider' },
      { type: 'image', src: '/content/images/2024/01/deck.jpg', alt: "The ferry's deck", caption: 'The deck at dawn.' },
      { type: 'gallery', images: [{ src: '/content/images/2024/01/a.jpg', alt: 'Bow', caption: 'The bow' }, { src: '/content/images/2024/01/b.jpg', alt: 'Stern' }], caption: 'Two ends of the ferry' },
      { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'Watch the crossing' },
      { type: 'paragraph', text: '[Ferries of the North](https://example.org/ferries): A history of the crossing.' },
      { type: 'code', text: 'const speed = 12; // knots', language: 'javascript' },
      { type: 'table', header: ['Year', 'Trips'], rows: [['2023', '4,100']] },
      { type: 'paragraph', text: 'Some **markdown** with a [link](https://example.org/md).' },
      { type: 'paragraph', text: '💡 Tickets are half price in May.' },
      { type: 'paragraph', text: '**Is it safe?**' },
      { type: 'paragraph', text: 'Yes: it passed every test.' },
      { type: 'paragraph', text: '[Book a crossing](https://example.org/book)' },
    ]);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/paywall card/), expect.stringMatching(/signup form card/), expect.stringMatching(/"mystery-widget" card/)]));
    for (const block of draft.body.filter(withoutImages)) expect(blockSchema.safeParse(block).success).toBe(true);
  });

  test('a page: its slug, excerpt as description, listed in the navigation when Ghost listed it', () => {
    expect(page(items, 'uuid-p2').draft).toEqual({
      sourceId: 'ghost:uuid-p2', slug: 'about', title: 'About us', description: 'Who we are.', body: [{ type: 'paragraph', text: 'We report on the harbour.' }],
      updatedAt: '2024-01-10T09:30:00.000Z', status: 'published', nav: true, language: 'en',
    });
  });
});

describe('a Ghost 4 export (mobiledoc)', () => {
  let items: ImportItem[];
  beforeAll(async () => {
    items = await read(fixture('ghost-4.json'));
  });

  test('markups, the soft-return atom, every section kind and every card', () => {
    const { draft, notes } = article(items, 'uuid-m1');
    expect(draft.body.slice(0, 8)).toEqual([
      { type: 'paragraph', text: 'Plain, **bold** and ***bold italic***, [a link](https://example.org/port) after a soft return.' },
      { type: 'heading', text: 'The cards' },
      { type: 'quote', text: 'A blockquote.' },
      { type: 'quote', text: 'An aside.' },
      { type: 'quote', text: 'A pull quote.' },
      { type: 'list', items: ['one', 'two'] },
      { type: 'list', items: ['first', 'second'], ordered: true },
      { type: 'image', src: 'https://example.org/img/section.jpg', alt: 'Image' },
    ]);
    expect(draft.body).toEqual(expect.arrayContaining([
      { type: 'paragraph', text: 'A *markdown* card with code.' },
      { type: 'image', src: '/content/images/2022/05/quay.jpg', alt: 'The quay', caption: 'The quay in May' },
      // Gallery pictures in Ghost's rows.
      { type: 'gallery', images: [{ src: 'https://example.org/img/a.jpg', alt: 'First', caption: 'Row one' }, { src: 'https://example.org/img/b.jpg', alt: 'Second' }, { src: 'https://example.org/img/c.jpg', alt: 'Third', caption: 'Row two' }], caption: 'The fleet' },
      { type: 'embed', provider: 'x', url: 'https://x.com/harbour/status/1234567890', title: 'The announcement' },
      { type: 'paragraph', text: '[Route map](https://maps.example.com/route/7)' },
      { type: 'paragraph', text: '[Timetable](https://example.org/timetable): Every crossing, every day.' },
      { type: 'code', text: '<b>bold</b> & more', language: 'html' },
      { type: 'paragraph', text: 'Raw HTML card.' },
      { type: 'divider' },
      { type: 'paragraph', text: '⚠️ Mind the gap.' },
      { type: 'paragraph', text: '**Fares**' },
      { type: 'heading', text: 'Big news' },
      { type: 'paragraph', text: '[Buy](https://shop.example.org/mug)' },
      { type: 'paragraph', text: '[crossing.mp4](https://cdn.example.org/crossing.mp4)' },
      { type: 'paragraph', text: '[Timetable (PDF)](https://cdn.example.org/timetable.pdf)' },
    ]));
    expect(texts(draft).join(' ')).not.toMatch(/Only for email readers|Join/);
    expect(notes).toEqual(expect.arrayContaining([
      'an embed from maps.example.com is shown as a link',
      'dropped an audio card (/content/media/2022/05/horn.mp3): its file is not on the web',
      'dropped an email-only card (its content went only to newsletter emails)',
    ]));
    for (const block of draft.body.filter(withoutImages)) expect(blockSchema.safeParse(block).success).toBe(true);
  });

  test('a feature image without alt text keeps its caption for the records to use; posts_authors gives the author', () => {
    const { draft } = article(items, 'uuid-m1');
    expect(draft.image).toEqual({ src: 'https://example.org/img/feature.jpg', caption: 'The feature caption' });
    expect(draft.authors.map((a) => a.name)).toEqual(['Ben Quay']);
  });

  test('a mobiledoc that cannot be read falls back to the rendered HTML, and says so', () => {
    const { draft, notes } = article(items, 'uuid-m2');
    expect(texts(draft)).toEqual(['The rendered *HTML* stands in.']);
    expect(notes.join()).toMatch(/could not read the post's mobiledoc .*: read its rendered HTML/);
  });
});

describe('a Ghost 2/3 export', () => {
  let items: ImportItem[];
  beforeAll(async () => {
    items = await read(fixture('ghost-3.json'));
  });

  test('author_id is the author, a markdown card the body, dates without a zone are UTC', () => {
    const { draft } = article(items, 'uuid-o1');
    expect(draft.authors.map((a) => a.name)).toEqual(['Ada Harbour']);
    expect(draft.body).toEqual([
      { type: 'heading', text: 'From Ghost 2' },
      { type: 'paragraph', text: 'Written in *Markdown*.' },
      { type: 'list', items: ['a', 'b'] },
      { type: 'image', src: '/content/images/2019/01/harbour.jpg', alt: 'Harbour' },
    ]);
    expect(draft).toMatchObject({ publishedAt: '2019-01-10T10:23:45Z', updatedAt: '2019-01-11T08:00:00Z', image: { src: '/content/images/2019/01/old.jpg' } });
  });

  test('page: true is a page; a post with only html is read from it, said', () => {
    expect(items.map((i) => i.kind)).toEqual(['article', 'page', 'article']);
    expect(page(items, 'uuid-o2').draft.title).toBe('Contact');
    const { draft, notes } = article(items, 'uuid-o3');
    expect(draft.body).toEqual([{ type: 'paragraph', text: 'Only **HTML** here.' }, { type: 'list', items: ['kept'] }]);
    expect(notes).toContain('the post has neither lexical nor mobiledoc: read its rendered HTML');
  });
});

describe('edge cases of real archives', () => {
  let items: ImportItem[];
  beforeAll(async () => {
    items = await read(fixture('ghost-edge.json'));
  });

  test('an empty title: the first words of the body stand in, said', () => {
    const { draft, notes } = article(items, 'uuid-e1');
    expect(draft.headline).toBe('A post that has no title but has words in its body.');
    expect(notes).toContain('no title: the first words of the body stand in');
  });

  test('a title with special characters is kept as written (Markdown characters escaped for the records)', () => {
    expect(article(items, 'uuid-e2').draft.headline).toBe('<Tom & "Jerry"> \\*5\\*3\\* \\[sic\\] — ‘quotes’ & émojis 🚢');
  });

  test('one very long word, dozens of tags, non-Latin text', () => {
    expect(texts(article(items, 'uuid-e3').draft)[0]).toHaveLength(21 * 30);
    expect(article(items, 'uuid-e4').draft.tags).toHaveLength(40);
    expect(article(items, 'uuid-e10').draft).toMatchObject({ headline: 'Новости гавани', body: [{ type: 'paragraph', text: 'Паром теперь электрический. 渡轮现在是电动的。 العبارة الآن كهربائية.' }] });
    // Ghost percent-encodes slugs of non-Latin words: decoded for the records.
    expect(article(items, 'uuid-e11').draft.slug).toBe('الع');
  });

  test('an empty body is skipped with the reason; a duplicate slug is reported', () => {
    expect(items.find((i) => i.kind === 'skip')).toEqual({ kind: 'skip', sourceId: 'ghost:uuid-e5', reason: 'an empty post (nothing in its body)' });
    expect(article(items, 'uuid-e6').notes.join()).not.toMatch(/slug/);
    expect(article(items, 'uuid-e7').notes).toContain('slug "same-slug" is an earlier post\'s in this export: this one gets a slug of its own');
  });

  test('nested and mixed lists, every HTML element a post can hold, a captioned image', () => {
    expect(article(items, 'uuid-e8').draft.body).toEqual([
      { type: 'list', items: [{ text: 'one', items: ['one.a', { text: 'one.b', items: ['deep'] }], ordered: true }, 'two'] },
      { type: 'list', items: ['mixed *first*', 'second'], ordered: true },
    ]);
    expect(article(items, 'uuid-e9').draft.body).toEqual([
      { type: 'table', caption: 'Crossings', header: ['Day', 'Trips'], rows: [['Mon', '12']] },
      { type: 'paragraph', text: '**Knot**' },
      { type: 'paragraph', text: 'One nautical mile an hour.' },
      { type: 'paragraph', text: 'kWh, H₂O, x², new, press Ctrl+C, "a quote" from *The Times*.' },
      { type: 'code', text: "print('hi')\n", language: 'python' },
      { type: 'image', src: 'https://example.org/img/cap.jpg', alt: 'A captioned picture', caption: 'A caption.', credit: 'Photo: A. Snapper' },
    ]);
  });
});

describe('hostile input', () => {
  test('a truncated export keeps the posts read before the break, then fails cleanly', async () => {
    const text = readFileSync(fixture('ghost-5.json'), 'utf8');
    const file = write('truncated.json', text.slice(0, text.indexOf('"uuid-p3"')));
    const got: ImportItem[] = [];
    await expect(
      (async () => {
        for await (const item of ghost.stream(file, { file })) got.push(item);
      })(),
    ).rejects.toThrow();
    expect(got.map((i) => i.kind)).toEqual(['article', 'page']);
  });

  test('broken JSON inside a post: the posts before it, then an error naming the byte', async () => {
    const good = (n: number) => JSON.stringify({ id: `b${n}`, uuid: `broken-${n}`, title: `Post ${n}`, slug: `post-${n}`, status: 'published', html: '<p>Words.</p>' });
    const text = `{"db":[{"meta":{"exported_on":1,"version":"5.0.0"},"data":{"posts":[${good(1)},{"id":"b2","title": nope},${good(3)}],"users":[]}}]}`;
    const file = write('broken-post.json', text);
    const got: ImportItem[] = [];
    await expect(
      (async () => {
        for await (const item of ghost.stream(file, { file })) got.push(item);
      })(),
    ).rejects.toThrow(new RegExp(`^broken JSON at byte \\d+, in the posts row at byte ${text.indexOf('{"id":"b2"')}: `));
    expect(got.map((i) => i.kind === 'article' && i.draft.sourceId)).toEqual(['ghost:broken-1']);
  });

  test('a break in a table after the posts: every post is read, then the file fails with the byte', async () => {
    const text = JSON.stringify(exportOf([{ id: 'a1', uuid: 'before-break', title: 'A', slug: 'a', status: 'published', html: '<p>A.</p>' }], { tags: [{ id: 't1', name: 'T' }] })).replace('{"id":"t1"', '{"id" "t1"');
    const file = write('broken-tags.json', text);
    const got: ImportItem[] = [];
    await expect(
      (async () => {
        for await (const item of ghost.stream(file, { file })) got.push(item);
      })(),
    ).rejects.toThrow(/broken JSON at byte \d+/);
    expect(got.map((i) => i.kind)).toEqual(['article']);
  });

  test('lexical nested thousands deep is cut at a depth, said, without a stack overflow', async () => {
    const deep = `${'{"type":"quote","children":['.repeat(5000)}{"type":"text","text":"deep","format":0}${']}'.repeat(5000)}`;
    const lexical = `{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"Shallow words.","format":0}]},${deep}]}}`;
    const file = write('deep.json', exportOf([{ id: 'd1', uuid: 'deep', title: 'Deep', slug: 'deep', status: 'published', lexical }]));
    const [item] = await read(file);
    expect(item?.kind).toBe('article');
    if (item?.kind !== 'article') return;
    expect(texts(item.draft)).toContain('Shallow words.');
    expect(item.notes).toContain('left out content nested more than 100 levels deep');
  });

  test('a huge string is one item, not a crash; the posts after it are read', async () => {
    const huge = `<p>${'word '.repeat(400_000)}</p>`;
    const file = write('huge.json', exportOf([
      { id: 'h1', uuid: 'huge', title: 'Huge', slug: 'huge', status: 'published', html: huge },
      { id: 'h2', uuid: 'after', title: 'After', slug: 'after', status: 'published', html: '<p>After.</p>' },
    ]));
    const items = await read(file);
    expect(items.map((i) => i.kind)).toEqual(['article', 'article']);
  });

  test('a lexical field that is not a document, a post that is not an object, odd field types: read or failed, never thrown', async () => {
    const file = write('odd.json', exportOf([
      { id: 'x1', uuid: 'odd-lexical', title: 'Odd', slug: 'odd', status: 'published', lexical: '{"root": 5}', html: '<p>Fallback.</p>' },
      'not a post',
      { id: 7, title: ['not', 'a', 'string'], status: 42, mobiledoc: { sections: 'no' }, html: '<p>Words.</p>' },
    ]));
    const items = await read(file);
    expect(items).toHaveLength(2);
    expect(items[0]?.kind).toBe('article');
    expect(items[1]).toMatchObject({ kind: 'article', draft: { sourceId: 'ghost:7', status: 'draft' } });
  });
});
