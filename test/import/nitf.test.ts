/** NITF bodies to blocks: a whole document, a bare <body.content>, namespaced or not. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nitfToBlocks } from '../../src/import/html';
import { invalidBlocks, unsafeFields } from './safety';

const document = readFileSync(path.join(__dirname, 'fixtures', 'story.nitf.xml'), 'utf8');

const STORY = [
  { type: 'paragraph', text: 'The ferry made its *first* silent crossing, [the council said](https://example.org/council).' },
  { type: 'heading', text: 'What changes' },
  { type: 'paragraph', text: 'Passengers noticed at once.' },
  { type: 'image', src: 'https://media.example.org/ferry-large.jpg', alt: 'The ferry at the quay', caption: 'The ferry at the quay', credit: 'Photo: A. Name / Northwind' },
  { type: 'quote', text: 'You can hear the gulls again.', attribution: 'A regular passenger' },
  { type: 'list', items: ['Quieter decks', 'The same timetable'], ordered: true },
  { type: 'list', items: ['No diesel'] },
  { type: 'table', header: ['Ticket', 'Price'], rows: [['Adult', '30']] },
  { type: 'code', text: 'line one\n  line two' },
  { type: 'divider' },
  { type: 'paragraph', text: 'The end & more.' },
];

describe('NITF', () => {
  test('a whole document: its body.content, and nothing of head, body.head or body.end', () => {
    const { blocks, notes } = nitfToBlocks(document);
    expect(blocks).toEqual(STORY);
    expect(notes).toEqual(['dropped a NITF <media> of type video', 'dropped a NITF <note> not for publication']);
    expect(JSON.stringify(blocks)).not.toMatch(/Maren Holt|Northwind Press Agency|nw-2026/);
  });

  test('a bare body.content, or what is inside one, gives the same blocks', () => {
    const start = document.indexOf('<body.content>');
    const end = document.indexOf('</body.content>') + '</body.content>'.length;
    const content = document.slice(start, end);
    expect(nitfToBlocks(content).blocks).toEqual(STORY);
    expect(nitfToBlocks(content.replace('<body.content>', '').replace('</body.content>', '')).blocks).toEqual(STORY);
  });

  test('namespace prefixes and upper-case names do not matter', () => {
    const prefixed = '<n:nitf xmlns:n="http://iptc.org/std/NITF/2006-10-18/"><n:body><n:body.head><n:hedline><n:hl1>H</n:hl1></n:hedline></n:body.head><n:body.content><n:p>One <n:em>two</n:em></n:p><n:HL2>Three</n:HL2></n:body.content></n:body></n:nitf>';
    expect(nitfToBlocks(prefixed).blocks).toEqual([
      { type: 'paragraph', text: 'One *two*' },
      { type: 'heading', text: 'Three' },
    ]);
  });

  test('a body without body.content leaves body.head and body.end out', () => {
    expect(nitfToBlocks('<nitf><body><body.head><hl1>Headline</hl1></body.head><p>Only this</p><body.end><tagline>t</tagline></body.end></body></nitf>').blocks).toEqual([{ type: 'paragraph', text: 'Only this' }]);
  });

  test('media: the reference with an image type, its alternate text, a credit from the caption or the reference', () => {
    const media = (inner: string) => nitfToBlocks(`<body.content><media media-type="image">${inner}</media></body.content>`);
    expect(media('<media-reference source="a.jpg" source-credit="Jane Roe"/><media-caption>Dawn. Photo: Jane Roe</media-caption>').blocks).toEqual([
      { type: 'image', src: 'a.jpg', alt: 'Dawn.', caption: 'Dawn.', credit: 'Photo: Jane Roe' },
    ]);
    expect(media('<media-reference source="v.mp4" mime-type="video/mp4"/><media-reference source="still.png" mime-type="image/png" alternate-text="A still" copyright="Agency"/>').blocks).toEqual([
      { type: 'image', src: 'still.png', alt: 'A still', credit: 'Agency' },
    ]);
    const none = media('<media-reference mime-type="image/jpeg"/>');
    expect(none.blocks).toEqual([]);
    expect(none.notes).toEqual(['dropped a NITF <media> without an image reference']);
    expect(media('<media-reference source="javascript:alert(1)" mime-type="image/jpeg"/>').notes).toEqual(['dropped an image with a javascript: source']);
  });

  test('media inside a paragraph is its own block; bq without credit; HTML entities NITF declares', () => {
    expect(nitfToBlocks('<body.content><p>Before <media><media-reference source="x.jpg" alternate-text="X"/></media> after&nbsp;it &eacute;</p><bq><p>Unsigned</p></bq></body.content>').blocks).toEqual([
      { type: 'paragraph', text: 'Before' },
      { type: 'image', src: 'x.jpg', alt: 'X' },
      { type: 'paragraph', text: 'after\u00a0it é' },
      { type: 'quote', text: 'Unsigned' },
    ]);
  });

  test('CDATA is text, never markup', () => {
    const { blocks } = nitfToBlocks('<body.content><p><![CDATA[<script>alert(1)</script> & *stars*]]></p></body.content>');
    expect(blocks).toEqual([{ type: 'paragraph', text: '<script>alert(1)</script> & \\*stars\\*' }]);
    expect(unsafeFields(blocks)).toEqual([]);
  });

  test('every block validates and prints no markup', () => {
    const { blocks } = nitfToBlocks(document);
    expect(invalidBlocks(blocks)).toEqual([]);
    expect(unsafeFields(blocks)).toEqual([]);
  });
});
