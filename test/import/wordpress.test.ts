/**
 * The WordPress (WXR) reader: what each kind of post becomes, item by item,
 * out of a realistic export (test/import/fixtures/wordpress/export.xml:
 * classic and block-editor posts, pages, attachments after the posts that
 * use them, menu items, comments, every status and the edge cases real
 * archives have), a WXR 1.0 file, and hostile input.
 */
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArticleDraft, ImportItem, PageDraft } from '../../src/import/draft';
import { wordpress } from '../../src/import/formats/wordpress';
import { sniffFormat } from '../../src/import/formats';
import { wpautop } from '../../src/import/wordpress/wpautop';
import { expandShortcodes } from '../../src/import/wordpress/shortcodes';
import { readFileSync } from 'node:fs';

const FIXTURES = path.join(__dirname, 'fixtures', 'wordpress');
const EXPORT = path.join(FIXTURES, 'export.xml');

async function read(file: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of wordpress.stream(file, { file })) items.push(item);
  return items;
}

let items: ImportItem[];
beforeAll(async () => {
  items = await read(EXPORT);
});

const byId = (id: number): ImportItem => {
  const found = items.find((item) => (item.kind === 'skip' || item.kind === 'fail' ? item.sourceId : item.draft.sourceId) === `https://harbour.example/?p=${id}`);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const article = (id: number): { draft: ArticleDraft; notes: string[] } => {
  const item = byId(id);
  if (item.kind !== 'article') throw new Error(`item ${id} is ${item.kind}`);
  return item;
};
const page = (id: number): { draft: PageDraft; notes: string[] } => {
  const item = byId(id);
  if (item.kind !== 'page') throw new Error(`item ${id} is ${item.kind}`);
  return item;
};

test('a WXR file is sniffed as wordpress by its head, before the other formats', () => {
  const head = readFileSync(EXPORT, 'utf8').slice(0, 65536);
  expect(sniffFormat(head, () => head, EXPORT)?.name).toBe('wordpress');
  expect(wordpress.sniffHead('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', 'feed.xml')).toBe(false);
});

describe('statuses', () => {
  test('publish is published, draft and pending are drafts, future is published at its future date (an embargo)', () => {
    expect(article(10).draft.status).toBe('published');
    expect(article(11).draft.status).toBe('draft');
    expect(article(13)).toEqual(expect.objectContaining({ draft: expect.objectContaining({ status: 'draft' }), notes: expect.arrayContaining(['pending review in WordPress: imported as a draft']) }));
    expect(article(12).draft).toEqual(expect.objectContaining({ status: 'published', publishedAt: '2030-01-01T08:00:00Z' }));
    expect(article(12).notes.join('\n')).toMatch(/embargo/);
  });

  test('private, password-protected, trashed and auto-draft posts are skipped with the reason', () => {
    expect(byId(14)).toEqual(expect.objectContaining({ kind: 'skip', reason: expect.stringMatching(/^private/) }));
    expect(byId(15)).toEqual(expect.objectContaining({ kind: 'skip', reason: 'password-protected' }));
    expect(byId(16)).toEqual(expect.objectContaining({ kind: 'skip', reason: 'in the trash' }));
    expect(byId(17)).toEqual(expect.objectContaining({ kind: 'skip', reason: expect.stringMatching(/auto-draft/) }));
  });

  test('attachments, menu items, revisions, reusable blocks and other post types are skipped, each with its reason', () => {
    const reasons = items.filter((item) => item.kind === 'skip').map((item) => (item.kind === 'skip' ? item.reason : ''));
    expect(reasons.filter((r) => r.startsWith('an attachment'))).toHaveLength(3);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^a menu item/), 'a revision of another post', 'a reusable block (synced pattern)', "post type 'product' is not imported"]));
  });
});

describe('dates', () => {
  test('the UTC date is used; a draft without one has its local time read as UTC, and said', () => {
    expect(article(10).draft).toEqual(expect.objectContaining({ publishedAt: '2024-03-04T09:15:00Z', updatedAt: '2024-03-05T10:00:00Z' }));
    expect(article(11).draft.publishedAt).toBe('2024-03-06T11:00:00Z');
    expect(article(11).notes).toContain("no UTC date in the export: the site's local time 2024-03-06 11:00:00 is read as UTC");
  });
});

describe('people, tags, section, excerpt and the featured image', () => {
  test("dc:creator's login is the channel author's display name, the login the slug", () => {
    expect(article(10).draft.authors).toEqual([{ name: 'Maren Holt', slug: 'mholt' }]);
    expect(article(11).draft.authors).toEqual([{ name: 'Tove Lund', slug: 'tlund' }]);
  });

  test('categories and tags are tags (not "Uncategorized"); the section is Yoast\'s primary category, else the first category', () => {
    expect(article(10).draft).toEqual(expect.objectContaining({ tags: ['Climate', 'World', 'Harbour', 'Ferries'], section: 'World' }));
    expect(article(11).draft.section).toBe('Climate');
    expect(article(13).draft.section).toBeUndefined();
    expect(article(21).draft.tags).toHaveLength(52);
  });

  test('the excerpt is the standfirst; the featured image is its attachment, found although it comes after the post', () => {
    expect(article(10).draft.standfirst).toBe('The ferry runs again after a week of storms.');
    expect(article(11).draft.standfirst).toBeUndefined();
    expect(article(10).draft.image).toEqual({ src: 'https://harbour.example/wp-content/uploads/2024/03/ferry.jpg', alt: 'The ferry at the quay', caption: 'The ferry at the quay' });
  });

  test('comments are counted in the notes, not imported', () => {
    expect(article(10).notes).toContain('2 comments not imported');
  });
});

describe('a classic-editor post', () => {
  const body = () => article(10).draft.body;

  test('wpautop gives its paragraphs; [caption] is a captioned image; a bare URL on its own line an embed; <!--nextpage--> a divider', () => {
    expect(body().map((b) => b.type)).toEqual(['paragraph', 'image', 'embed', 'paragraph', 'list', 'divider', 'paragraph', 'code', 'paragraph']);
    expect(body()[1]).toEqual({ type: 'image', src: 'https://harbour.example/wp-content/uploads/2024/03/ferry.jpg', alt: 'The ferry at the quay', caption: 'The ferry back at the quay on Monday.' });
    expect(body()[2]).toEqual({ type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' });
    expect(body()[7]).toEqual({ type: 'code', text: 'Mon  07:00\nTue  07:30' });
  });

  test("a plugin's shortcode is removed, its text kept, and named", () => {
    expect(body()[8]).toEqual({ type: 'paragraph', text: 'Send us your tips' });
    expect(article(10).notes.join('\n')).toMatch(/removed the \[contact-form-7\] shortcode/);
  });

  test('[audio] is removed and said, [embed] is an embed, a bare [sic] stays text', () => {
    const { draft, notes } = article(30);
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'Listen:' },
      { type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/76979871' },
      { type: 'paragraph', text: 'A \\[sic\\] stays.' },
    ]);
    expect(notes).toContain('removed [audio] shortcodes: media files are not imported');
  });
});

describe('a block-editor post', () => {
  test('block delimiters are gone; embed blocks (new and legacy) are embeds with their caption; [gallery ids] a gallery of the attachments', () => {
    const { draft, notes } = article(11);
    expect(draft.body.map((b) => b.type)).toEqual(['paragraph', 'heading', 'image', 'embed', 'embed', 'gallery', 'divider', 'quote', 'divider', 'paragraph']);
    expect(draft.body[3]).toEqual({ type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/76979871', title: 'The council meeting' });
    expect(draft.body[4]).toEqual({ type: 'embed', provider: 'x', url: 'https://x.com/harbourdesk/status/1234567890123' });
    expect(draft.body[5]).toEqual({
      type: 'gallery',
      images: [
        { src: 'https://harbour.example/wp-content/uploads/2024/03/ferry.jpg', alt: 'The ferry at the quay', caption: 'The ferry at the quay' },
        { src: 'https://harbour.example/wp-content/uploads/2024/03/wall.jpg', alt: 'Plans for the sea wall' },
      ],
    });
    expect(notes).toContain('a [gallery] names attachment 999, not in the export: left out');
    expect(JSON.stringify(draft.body)).not.toMatch(/wp:|more/);
  });
});

describe('edge cases of real archives', () => {
  test('a post without a title gets its first words as the headline, said', () => {
    expect(article(18).draft.headline).toBe('A post nobody gave a title, about the quay and its cranes.');
    expect(article(18).notes).toContain('no title: the headline is the first words of the body');
  });

  test('a title with markup and entities is plain text', () => {
    expect(article(19).draft.headline).toBe('Cats & dogs: “quoted” …');
  });

  test('an empty body is skipped with the reason', () => {
    expect(byId(22)).toEqual(expect.objectContaining({ kind: 'skip', reason: 'an empty post: no content to show' }));
  });

  test('nested and mixed lists keep their nesting', () => {
    expect(article(25).draft.body[1]).toEqual({
      type: 'list',
      ordered: true,
      items: [{ text: 'First, with a nested list:', items: ['nested one', { text: 'nested two', items: ['deeper'], ordered: true }] }, 'Second'],
    });
  });

  test('tables, definition lists, abbr, sub/sup, del/ins, kbd, q, cite and pre all convert', () => {
    expect(article(26).draft.body).toEqual([
      { type: 'table', header: ['Route', 'Boats'], rows: [['North', '3'], ['South', '2']] },
      { type: 'paragraph', text: '**Quay**' },
      { type: 'paragraph', text: 'Where boats tie up.' },
      { type: 'paragraph', text: 'The WHO said H₂O levels rose 10³ times; the price was 4 euros.' },
      { type: 'paragraph', text: 'Press Ctrl+C to copy. She said "not again", quoting *The Tide Tables*.' },
      { type: 'code', text: 'const tide = high();\nif (tide) warn();', language: 'js' },
    ]);
  });

  test('aligned and captioned images (caption as attribute too) are images', () => {
    expect(article(27).draft.body).toEqual([
      { type: 'image', src: 'https://harbour.example/wp-content/uploads/2024/03/gull.jpg', alt: 'A gull' },
      { type: 'paragraph', text: 'A gull watched the boats come in.' },
      { type: 'image', src: 'https://harbour.example/wp-content/uploads/2024/03/quay.jpg', alt: 'Image' },
      { type: 'image', src: 'https://harbour.example/wp-content/uploads/2024/03/lighthouse.jpg', alt: 'The old lighthouse, 1910', caption: 'The old lighthouse, 1910' },
    ]);
  });

  test('a percent-encoded post_name is decoded', () => {
    expect(article(28).draft).toEqual(expect.objectContaining({ slug: 'новости-гавани', headline: 'Новости гавани' }));
  });
});

describe('pages', () => {
  test('pages are static pages; one a menu links to is in the navigation', () => {
    expect(page(40).draft).toEqual(expect.objectContaining({ slug: 'about', title: 'About us', description: 'Who we are.', status: 'published', nav: true }));
    expect(page(40).draft.body).toEqual([{ type: 'paragraph', text: 'We report on the harbour.' }, { type: 'paragraph', text: 'Write to us any time.' }]);
    expect(page(41).draft.nav).toBeUndefined();
    expect(page(41).notes.join('\n')).toMatch(/child page/);
  });
});

test('WXR 1.0: another prefix for the 1.0 namespace, no channel authors, tags in domain "tag"', async () => {
  const [item, ...rest] = await read(path.join(FIXTURES, 'export-1.0.xml'));
  expect(rest).toEqual([]);
  expect(item).toEqual(expect.objectContaining({ kind: 'article' }));
  if (item?.kind !== 'article') return;
  expect(item.draft).toEqual(expect.objectContaining({ sourceId: 'http://old.harbour.example/?p=7', slug: 'lighthouse-keeper-retires', status: 'published', publishedAt: '2010-04-30T08:00:00Z', section: 'News', authors: [{ name: 'Ola Strand', slug: 'Ola Strand' }] }));
  expect(new Set(item.draft.tags)).toEqual(new Set(['News', 'lighthouse']));
  expect(item.draft.body).toEqual([{ type: 'paragraph', text: 'After forty years the keeper hands over the keys.' }, { type: 'paragraph', text: 'He will stay in the village.' }]);
});

describe('wpautop and shortcodes on their own', () => {
  test('wpautop: blank lines are paragraphs, single newlines <br>, nothing inside <pre> or around block elements', () => {
    expect(wpautop('One\ntwo\n\nThree\n<pre>a\n\nb</pre>\n<ul>\n<li>x</li>\n</ul>')).toBe('<p>One<br />\ntwo</p>\n<p>Three</p>\n<pre>a\n\nb</pre>\n<ul>\n<li>x</li>\n</ul>\n');
  });

  test('an escaped [[caption]] is the literal text', () => {
    expect(expandShortcodes('Write [[caption]] in the editor.', { postId: '1', attachments: new Map(), attachedTo: new Map(), notes: new Set() })).toBe('Write [caption] in the editor.');
  });

  test('a [gallery] without ids shows the images attached to the post', () => {
    const attachments = new Map([['5', { url: 'https://x.example/a.jpg', alt: 'A', parent: '1', menuOrder: 0 }], ['6', { url: 'https://x.example/b.jpg', alt: 'B', parent: '1', menuOrder: 1 }]]);
    const html = expandShortcodes('[gallery]', { postId: '1', attachments, attachedTo: new Map([['1', ['5', '6']]]), notes: new Set() });
    expect(html).toBe('<figure class="gallery"><figure><img src="https://x.example/a.jpg" alt="A"></figure><figure><img src="https://x.example/b.jpg" alt="B"></figure></figure>');
  });
});

describe('hostile input', () => {
  const tmp = (name: string, text: string): string => {
    const file = path.join(os.tmpdir(), `newsreel-wxr-${process.pid}-${name}`);
    writeFileSync(file, text);
    return file;
  };

  test('a file cut short fails with the reason, and the items read before it stay read', async () => {
    const whole = readFileSync(EXPORT, 'utf8');
    const cut = tmp('cut.xml', whole.slice(0, whole.indexOf('<wp:post_id>13</wp:post_id>')));
    const got: ImportItem[] = [];
    await expect(
      (async () => {
        for await (const item of wordpress.stream(cut, { file: cut })) got.push(item);
      })(),
    ).rejects.toThrow(/the file ends inside an <item>: cut short/);
    expect(got.map((item) => (item.kind === 'article' ? item.draft.sourceId : item.kind))).toEqual(['https://harbour.example/?p=10', 'https://harbour.example/?p=11', 'https://harbour.example/?p=12']);
  });

  test('a DOCTYPE entity (XXE) is not expanded', async () => {
    const whole = readFileSync(path.join(FIXTURES, 'export-1.0.xml'), 'utf8');
    const evil = whole
      .replace('<rss', '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY boom "BOOMBOOMBOOM">]>\n<rss')
      .replace('After forty years', 'After &xxe; &boom; forty years');
    const [item] = await read(tmp('xxe.xml', evil));
    expect(item?.kind).toBe('article');
    const text = JSON.stringify(item);
    expect(text).not.toMatch(/root:|BOOMBOOM/);
    expect(text).toContain('&xxe;');
  });

  test('a gigantic single word is kept whole and the item still converts', async () => {
    const word = 'w'.repeat(200_000);
    const whole = readFileSync(path.join(FIXTURES, 'export-1.0.xml'), 'utf8');
    const [item] = await read(tmp('word.xml', whole.replace('He will stay in the village.', word)));
    expect(item?.kind === 'article' && item.draft.body[1]).toEqual({ type: 'paragraph', text: word });
  });

  test('a file that is not an export is refused', async () => {
    await expect(read(tmp('not.xml', '<feed><entry/></feed>'))).rejects.toThrow(/not a WordPress export/);
  });
});

test('Co-Authors Plus bylines (terms of its author taxonomy) follow the post author, each once', async () => {
  const cap = readFileSync(EXPORT, 'utf8').replace(
    '<guid isPermaLink="false">https://harbour.example/?p=10</guid>',
    '<guid isPermaLink="false">https://harbour.example/?p=10</guid>\n\t\t<category domain="author" nicename="cap-tlund"><![CDATA[tlund]]></category>\n\t\t<category domain="author" nicename="cap-guest-writer"><![CDATA[Guest Writer]]></category>\n\t\t<category domain="author" nicename="cap-mholt"><![CDATA[mholt]]></category>',
  );
  const file = path.join(os.tmpdir(), `newsreel-wxr-${process.pid}-cap.xml`);
  writeFileSync(file, cap);
  const found = (await read(file)).find((item) => item.kind === 'article' && item.draft.sourceId === 'https://harbour.example/?p=10');
  if (found?.kind !== 'article') throw new Error('post 10 not read');
  expect(found.draft.authors.map((a) => [a.name, a.slug])).toEqual([
    ['Maren Holt', 'mholt'],
    ['Tove Lund', 'tlund'],
    ['Guest Writer', 'guest-writer'],
  ]);
  expect(found.notes.join('\n')).not.toMatch(/terms of 'author'/);
  rmSync(file, { force: true });
});

test("a body image without alt text takes its alt text from the media library (any size of the upload)", async () => {
  const cdata = (text: string) => `<![CDATA[${text}]]>`;
  const wxr = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>${cdata('Quay works begin')}</title><guid isPermaLink="false">https://harbour.example/?p=900</guid><dc:creator>${cdata('mholt')}</dc:creator>
<content:encoded>${cdata('<p>Work starts on the quay.</p>\n\n<img class="alignnone size-medium wp-image-901" src="https://harbour.example/wp-content/uploads/2024/03/quay-300x200.jpg" alt="" width="300" height="200" />\n\n<img src="https://harbour.example/wp-content/uploads/2024/03/unknown.jpg" />')}</content:encoded>
<excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>900</wp:post_id><wp:post_date_gmt>${cdata('2024-03-04 09:00:00')}</wp:post_date_gmt><wp:status>${cdata('publish')}</wp:status><wp:post_type>${cdata('post')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password></item>
<item><title>${cdata('quay')}</title><guid isPermaLink="false">https://harbour.example/wp-content/uploads/2024/03/quay.jpg</guid><wp:post_id>901</wp:post_id><wp:post_parent>900</wp:post_parent><wp:status>${cdata('inherit')}</wp:status><wp:post_type>${cdata('attachment')}</wp:post_type>
<wp:attachment_url>${cdata('https://harbour.example/wp-content/uploads/2024/03/quay.jpg')}</wp:attachment_url>
<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key><wp:meta_value>${cdata('Cranes over the old quay at low tide')}</wp:meta_value></wp:postmeta></item>
</channel></rss>`;
  const file = path.join(os.tmpdir(), `newsreel-wxr-${process.pid}-alt.xml`);
  writeFileSync(file, wxr);
  const found = (await read(file)).find((item) => item.kind === 'article');
  rmSync(file, { force: true });
  if (found?.kind !== 'article') throw new Error('the post was not read');
  const images = found.draft.body.filter((b) => b.type === 'image') as { src: string; alt: string }[];
  expect(images.map((i) => [i.src, i.alt])).toEqual([
    ['https://harbour.example/wp-content/uploads/2024/03/quay-300x200.jpg', 'Cranes over the old quay at low tide'],
    ['https://harbour.example/wp-content/uploads/2024/03/unknown.jpg', 'Image'],
  ]);
  expect(found.notes).toContain("an image without alt text: its alt text is the media library's");
});
