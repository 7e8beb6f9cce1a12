/**
 * The IPTC ninjs reader: one fixture per major version, written here after
 * IPTC's schemas (1.6, 2.2, 3.1) with each version's own field names and
 * shapes, and every skip and failure.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleDraft, ImportItem } from '../../src/import/draft';
import { FORMATS, formatNamed, sniffFormat } from '../../src/import/formats';
import { bylinePeople, ninjs } from '../../src/import/formats/ninjs';
import { invalidBlocks, unsafeFields } from './safety';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const read = (value: unknown, file = 'feed/item.json'): ImportItem[] => ninjs.read(JSON.stringify(value), { file });
const article = (value: unknown): { draft: ArticleDraft; notes: string[] } => {
  const [item] = read(value);
  if (item?.kind !== 'article') throw new Error(`not an article: ${JSON.stringify(item)}`);
  return item;
};
/** A minimal text item of the given version's spelling, with more fields. */
const item = (more: Record<string, unknown> = {}) => ({ uri: 'urn:test:1', type: 'text', headline: 'A headline', description_text: 'A standfirst.', body_text: 'A body.', byline: 'Ada Lane', versioncreated: '2026-03-02T08:30:00Z', ...more });

describe('ninjs 1.x (1.6): headline, byline, body_html, description_text, person, subject, infosource, associations and renditions keyed by name', () => {
  const [only, ...rest] = ninjs.read(fixture('ninjs-1.x.json'), { file: 'ninjs-1.x.json' });

  test('is one article with every field mapped', () => {
    expect(rest).toEqual([]);
    expect(only).toEqual({
      kind: 'article',
      draft: {
        sourceId: 'urn:newsml:northwind.example:20260302:ferry-electric',
        headline: 'Harbour ferry goes electric',
        standfirst: 'The crossing is quieter, and the fuel bill is gone.',
        body: [
          { type: 'paragraph', text: 'The ferry made its *first* silent crossing, [the council said](https://example.org/council).' },
          { type: 'heading', text: 'What changes' },
          { type: 'list', items: ['Quieter decks', 'The same timetable'] },
          { type: 'quote', text: 'You can hear the gulls again.', attribution: 'A regular passenger' },
          { type: 'image', src: 'crane.jpg', alt: 'A crane on the quay.', caption: 'A crane on the quay.', credit: 'Photo: Port Alder City Council' },
        ],
        authors: [{ name: 'Maren Holt' }, { name: 'Ola Berg' }],
        origin: { name: 'Northwind Press Agency' },
        sources: [{ name: 'Port Alder City Council' }],
        tags: ['Transport', 'Harbour'],
        publishedAt: '2026-03-02T08:30:00Z',
        updatedAt: '2026-03-02T12:00:00Z',
        status: 'published',
        language: 'en-GB',
        image: { src: 'https://media.northwind.example/ferry-large.jpg', alt: 'The ferry at the quay', caption: 'The first electric crossing leaves the quay.', credit: 'Photo: Jane Roe' },
      },
      notes: ["added 1 more picture of the item's associations at the end of the body"],
    });
  });
});

describe('ninjs 2.x (2.2): headlines, descriptions and bodies with roles and contenttype, by, people, subjects, infosources, arrays of associations and renditions', () => {
  const [only] = ninjs.read(fixture('ninjs-2.x.json'), { file: 'ninjs-2.x.json' });

  test('is one article with every field mapped; the NITF body is preferred to the plain text', () => {
    expect(only).toEqual({
      kind: 'article',
      draft: {
        sourceId: 'urn:newsml:northwind.example:20260305:bridge-reopens',
        headline: 'Old bridge reopens to traffic',
        standfirst: 'The old bridge is open again.',
        body: [
          { type: 'paragraph', text: 'The old bridge opened at *dawn*.' },
          { type: 'heading', text: 'Traffic' },
          { type: 'table', header: ['Hour', 'Cars'], rows: [['7', '120']] },
          { type: 'quote', text: 'It feels like yesterday.', attribution: 'A driver' },
          { type: 'image', src: 'https://media.northwind.example/chart.png', alt: 'Cars per hour', caption: 'Cars per hour', credit: 'Graphic: Northwind Graphics' },
        ],
        authors: [{ name: 'Ada Lane', role: 'Staff Reporter' }, { name: 'Tom Vik' }],
        origin: { name: 'Northwind Press Agency' },
        sources: [{ name: 'Roads Authority', url: 'https://roads.example.org' }],
        tags: ['Roads'],
        publishedAt: '2026-03-05T06:15:00Z',
        updatedAt: '2026-03-05T08:45:00Z',
        status: 'published',
        language: 'nb-NO',
        image: { src: 'https://media.northwind.example/bridge-hires.jpg', alt: 'The bridge at dawn.', caption: 'The bridge at dawn.', credit: 'Photo: Kim Sand / NWP' },
      },
      notes: ["added 1 more picture of the item's associations at the end of the body", 'read "NWP" in the byline as an agency, not an author'],
    });
  });
});

describe('ninjs 3.x (3.1): camelCase (contentType, firstCreated, pubStatus, infoSources, altIds), associations with rel', () => {
  const [only] = ninjs.read(fixture('ninjs-3.x.json'), { file: 'ninjs-3.x.json' });

  test('is one article with every field mapped; the HTML body is preferred, and its opening headline dropped', () => {
    expect(only).toEqual({
      kind: 'article',
      draft: {
        sourceId: 'https://northwind.example/items/2026-03-07-night-market',
        headline: 'Night market returns to the quay',
        standfirst: 'Forty stalls, one long evening.',
        body: [
          { type: 'paragraph', text: 'Forty stalls opened at **six**.' },
          { type: 'image', src: 'https://media.northwind.example/stalls.jpg', alt: 'Stalls under lights', caption: 'Stalls under lights.', credit: 'Photo: Jane Roe' },
          { type: 'code', text: '{"stalls": 40}', language: 'json' },
          { type: 'divider' },
          { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
        ],
        authors: [{ name: 'Maren Holt' }, { name: 'Ola Berg' }],
        origin: { name: 'Northwind Press Agency', url: 'https://northwind.example' },
        sources: [{ name: 'Port Alder Market Guild' }],
        tags: ['Markets', 'Port Alder'],
        publishedAt: '2026-03-07T18:00:00Z',
        updatedAt: '2026-03-07T20:30:00Z',
        status: 'published',
        language: 'en',
        image: { src: 'night-market.jpg', alt: 'Lanterns over the stalls', caption: 'Lanterns over the stalls at dusk.', credit: 'Photo: Jane Roe' },
      },
      notes: ["dropped the body's first line, which repeats the headline", 'dropped a <script>'],
    });
  });
});

describe('every version', () => {
  test.each(['ninjs-1.x.json', 'ninjs-2.x.json', 'ninjs-3.x.json'])('%s is sniffed as ninjs, its body validates and prints no markup', (name) => {
    const text = fixture(name);
    expect(ninjs.sniff(text, name)).toBe(true);
    expect(sniffFormat(text, () => text, name)).toBe(ninjs);
    const [only] = ninjs.read(text, { file: name });
    if (only?.kind !== 'article') throw new Error(name);
    expect(invalidBlocks(only.draft.body)).toEqual([]);
    expect(unsafeFields(only.draft.body)).toEqual([]);
  });

  test('ninjs is one of the import formats', () => {
    expect(FORMATS).toContain(ninjs);
    expect(formatNamed('ninjs')).toBe(ninjs);
  });
});

describe('sniffing', () => {
  test.each([
    ['a uri and a type', { uri: 'urn:x', type: 'text' }],
    ['a uri and a version', { uri: 'urn:x', version: '1' }],
    ['a uri and versionCreated', { uri: 'urn:x', versionCreated: '2026-01-01T00:00:00Z' }],
    ['a schema naming ninjs', { $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#' }],
    ['a standard naming ninjs', { standard: { name: 'ninjs', version: '3.0' } }],
    ['an array of items', [{ uri: 'urn:x', type: 'text' }]],
    ['an object with items', { items: [{ uri: 'urn:x', type: 'text' }] }],
  ])('yes: %s', (_name, value) => {
    expect(ninjs.sniff(`\uFEFF  ${JSON.stringify(value)}`, 'x.json')).toBe(true);
  });
  test.each([
    ['plain text', 'Harbour ferry goes electric'],
    ['XML', '<newsItem guid="x"/>'],
    ['broken JSON', '{"uri": '],
    ['JSON without a uri', '{"type": "text", "headline": "x"}'],
    ['a uri alone', '{"uri": "urn:x", "title": "x"}'],
    ['other JSON', '{"db": [{"data": {"posts": []}}]}'],
    ['a number', '42'],
  ])('no: %s', (_name, text) => {
    expect(ninjs.sniff(text, 'x.json')).toBe(false);
  });
});

describe('skipped and failed items, each with its reason', () => {
  test.each([
    ['picture', 'a picture item, not text'],
    ['graphic', 'a graphic item, not text'],
    ['audio', 'an audio item, not text'],
    ['video', 'a video item, not text'],
    ['event', 'an event item, not text'],
    ['planning', 'a planning item, not text'],
    ['component', 'a component item, not text'],
  ])('type %s', (type, reason) => {
    expect(read(item({ type }))).toEqual([{ kind: 'skip', sourceId: 'urn:test:1', reason }]);
  });
  test('3.x events and planning items that leave their type out', () => {
    expect(read({ uri: 'urn:e', eventDetails: { dates: { startDate: '2026-03-02' } } })).toEqual([{ kind: 'skip', sourceId: 'urn:e', reason: 'an event item, not text' }]);
    expect(read({ uri: 'urn:p', plannedCoverage: [{ uri: 'urn:c' }] })).toEqual([{ kind: 'skip', sourceId: 'urn:p', reason: 'a planning item, not text' }]);
  });
  test.each([
    ['pubstatus', 'withheld'],
    ['pubstatus', 'canceled'],
    ['pubStatus', 'withheld'],
    ['pubStatus', 'canceled'],
  ])('%s %s: not published, skipped', (name, value) => {
    expect(read(item({ [name]: value }))).toEqual([{ kind: 'skip', sourceId: 'urn:test:1', reason: `pubstatus ${value}`, withdrawn: true }]);
  });
  test('pubstatus usable, or none, is published', () => {
    expect(article(item({ pubstatus: 'usable' })).draft.status).toBe('published');
    expect(article(item()).draft.status).toBe('published');
  });
  test('a partial representation with no body is skipped; a full one with no body fails', () => {
    expect(read(item({ body_text: undefined, representationtype: 'incomplete' }))).toEqual([{ kind: 'skip', sourceId: 'urn:test:1', reason: 'a partial representation with no body' }]);
    expect(read(item({ body_text: undefined, representationType: 'partial' }))).toEqual([{ kind: 'skip', sourceId: 'urn:test:1', reason: 'a partial representation with no body' }]);
    expect(read(item({ body_text: '   ' }))).toEqual([{ kind: 'fail', sourceId: 'urn:test:1', reason: 'no body: none of body_html, body_text, body_nitf or bodies has text' }]);
    expect(read(item({ body_text: undefined, body_html: '<script>x</script>' }))).toEqual([{ kind: 'fail', sourceId: 'urn:test:1', reason: 'no body: none of body_html, body_text, body_nitf or bodies has text' }]);
  });
  test('a body that only repeats the headline fails', () => {
    expect(read(item({ body_text: 'A headline' }))).toEqual([{ kind: 'fail', sourceId: 'urn:test:1', reason: 'the body has no text once converted' }]);
  });
  test('an item that is not an object fails; a file that is not JSON is not ninjs at all', () => {
    expect(read([item(), 'text', null], 'feed/many.json')).toMatchObject([{ kind: 'article' }, { kind: 'fail', sourceId: 'many.json#2', reason: 'not a ninjs object' }, { kind: 'fail', sourceId: 'many.json#3', reason: 'not a ninjs object' }]);
    expect(() => ninjs.read('not json', { file: 'x.json' })).toThrow(/^not JSON/);
  });
});

describe('files, ids and versions', () => {
  test('an array or {"items": [...]} holds several items, each read on its own', () => {
    const items = [item({ uri: 'urn:a' }), item({ uri: 'urn:b', type: 'picture' }), item({ uri: 'urn:c', pubstatus: 'canceled' })];
    const expected = [{ kind: 'article' }, { kind: 'skip', sourceId: 'urn:b' }, { kind: 'skip', sourceId: 'urn:c' }];
    expect(read(items)).toMatchObject(expected);
    expect(read({ items })).toMatchObject(expected);
  });
  test('no uri: a guid, the first alternative id (1.x object or 2.x/3.x array), else the file name and index (noted)', () => {
    const id = (more: Record<string, unknown>) => article(item({ uri: undefined, ...more }));
    expect(id({ guid: 'g-1' }).draft.sourceId).toBe('g-1');
    expect(id({ altids: { internal: 'a-1' } }).draft.sourceId).toBe('a-1');
    expect(id({ altIds: [{ role: 'x', value: 'a-2' }] })).toMatchObject({ draft: { sourceId: 'a-2' }, notes: ['no uri: the item is known by its id "a-2"'] });
    expect(read([item(), item({ uri: undefined })], 'feed/day.json')[1]).toMatchObject({ kind: 'article', draft: { sourceId: 'day.json#2' }, notes: ['no uri or other id: the item is known as day.json#2'] });
  });
  test('a version newer than 3.x is read with the 3.x names (noted)', () => {
    expect(article(item({ standard: { name: 'ninjs', version: '4.0' } })).notes).toContain('ninjs 4.x is newer than this reader (1.x to 3.x): read with the 3.x field names');
    expect(article(item({ $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_5.2.json#' })).notes).toContain('ninjs 5.x is newer than this reader (1.x to 3.x): read with the 3.x field names');
    expect(article(item({ standard: { name: 'ninjs', version: '3.1' } })).notes).toEqual([]);
  });
});

describe('fields', () => {
  test('headline: headline, headlines with role main (else the first without a role), headline_main, title (noted)', () => {
    expect(article(item({ headline: undefined, headlines: [{ role: 'sub', value: 'S' }, { value: 'Plain' }] })).draft.headline).toBe('Plain');
    expect(article(item({ headline: undefined, headlines: [{ role: 'main', contentType: 'text/html', value: '<b>Bold</b> &amp; <i>more</i>' }] })).draft.headline).toBe('Bold & more');
    expect(article(item({ headline: undefined, headline_main: 'Main' })).draft.headline).toBe('Main');
    expect(article(item({ headline: undefined, title: 'Title' }))).toMatchObject({ draft: { headline: 'Title' }, notes: ['no headline: the item title is the headline'] });
    expect(article(item({ headline: undefined })).draft.headline).toBeUndefined();
  });
  test('standfirst: description_text before description_html; descriptions preferring plain text; none noted', () => {
    expect(article(item({ description_text: undefined, description_html: '<p>H <b>tml</b></p>' })).draft.standfirst).toBe('H tml');
    expect(article(item({ description_html: '<p>H</p>', description_text: 'Text' })).draft.standfirst).toBe('Text');
    expect(article(item({ description_text: undefined, descriptions: [{ contenttype: 'text/html', value: '<p>H</p>' }, { value: 'Plain' }] })).draft.standfirst).toBe('Plain');
    expect(article(item({ description_text: undefined })).notes).toContain('no description: no standfirst');
  });
  test('bodies: HTML before NITF before plain text, by content type, role or 1.x name', () => {
    const bodies = (...entries: Record<string, string>[]) => article(item({ body_text: undefined, bodies: entries })).draft.body;
    expect(bodies({ contenttype: 'text/plain', value: 'plain' }, { contentType: 'application/xhtml+xml', value: '<p>xhtml</p>' })).toEqual([{ type: 'paragraph', text: 'xhtml' }]);
    expect(bodies({ role: 'text', value: 'plain' }, { role: 'nitf', value: '<nitf><body><body.content><p>nitf</p></body.content></body></nitf>' })).toEqual([{ type: 'paragraph', text: 'nitf' }]);
    expect(bodies({ contentType: 'text/vnd.IPTC.NITF', value: '<body.content><p>nitf</p></body.content>' }, { contentType: 'text/html', value: '<p>html</p>' })).toEqual([{ type: 'paragraph', text: 'html' }]);
    expect(bodies({ value: '<p>sniffed html</p>' })).toEqual([{ type: 'paragraph', text: 'sniffed html' }]);
    expect(article(item({ body_text: undefined, body_nitf: '<body.content><hl2>N</hl2></body.content>', body_richtext: '<h2>R</h2>' })).draft.body).toEqual([{ type: 'heading', text: 'R' }]);
    expect(article(item({ body_text: 'One.\n\nTwo *stars*.' })).draft.body).toEqual([{ type: 'paragraph', text: 'One.' }, { type: 'paragraph', text: 'Two \\*stars\\*.' }]);
  });
  test('a body in some other XML is left out (noted)', () => {
    const { draft, notes } = article(item({ bodies: [{ contentType: 'application/xml', value: '<TTNITF><HEAD/></TTNITF>' }] }));
    expect(draft.body).toEqual([{ type: 'paragraph', text: 'A body.' }]);
    expect(notes).toContain('a body in a format that is neither HTML, NITF nor plain text was left out');
  });
  test('a composite item with no body of its own takes its text association\'s', () => {
    const { draft, notes } = article({ uri: 'urn:c', type: 'composite', headline: 'C', associations: [{ name: 'story', uri: 'urn:s', type: 'text', body_html: '<p>Story</p>' }] });
    expect(draft.body).toEqual([{ type: 'paragraph', text: 'Story' }]);
    expect(notes).toContain("the body is the composite item's text association");
  });
  test('authors: bylines split, agencies and job titles recognised, people with author relations, else the copyright holder (noted)', () => {
    expect(article(item({ byline: undefined, by: 'Von Christian Beispiel, dpa' }))).toMatchObject({ draft: { authors: [{ name: 'Christian Beispiel' }] }, notes: ['read "dpa" in the byline as an agency, not an author'] });
    expect(article(item({ byline: undefined, person: [{ name: 'P One', rel: 'creator' }, { name: 'P Two', rel: 'about' }] })).draft.authors).toEqual([{ name: 'P One' }]);
    expect(article(item({ byline: undefined, copyrightHolder: 'NTB' }))).toMatchObject({ draft: { authors: [{ name: 'NTB' }] }, notes: ['no byline: the copyright holder NTB is the author'] });
    expect(article(item({ byline: undefined }))).toMatchObject({ draft: { authors: [] }, notes: ['no byline and no copyright holder: no author'] });
  });
  test.each([
    ['By Ada Lane and Tom Vik', ['Ada Lane', 'Tom Vik']],
    ['ADA LANE & TOM VIK', ['ADA LANE', 'TOM VIK']],
    ['Ada Lane, Tom Vik; Kim Sand', ['Ada Lane', 'Tom Vik', 'Kim Sand']],
    ['Av Kari Nord og Per Sør', ['Kari Nord', 'Per Sør']],
    ['NTB', ['NTB']],
    ['(AP)', ['AP']],
    ['Jane Roe/AP', ['Jane Roe']],
  ])('byline %s', (byline, names) => {
    expect(bylinePeople(byline).map((person) => person.name)).toEqual(names);
  });
  test('tags: subject names, no codes, no repeats', () => {
    expect(article(item({ subjects: [{ name: 'Roads' }, { uri: 'http://cv/1' }, { name: 'roads' }, { literal: 'x' }, { name: ' Bridges ' }] })).draft.tags).toEqual(['Roads', 'Bridges']);
  });
  test('info sources: the first with an origin role is the origin, the rest are cited; nameless ones are left out', () => {
    const { draft } = article(item({ infoSources: [{ name: 'Cited' }, { name: 'Origin', role: 'infosrc:originfeed' }, { name: 'Also origin', role: 'originfeed' }, { literal: 'x' }, { name: 'cited' }] }));
    expect(draft.origin).toEqual({ name: 'Origin' });
    expect(draft.sources).toEqual([{ name: 'Cited' }, { name: 'Also origin' }]);
  });
  test('pictures: the largest web image, a file name kept as given, none without an image (noted)', () => {
    const picture = (renditions: unknown, more: Record<string, unknown> = {}) => article(item({ associations: [{ name: 'p', uri: 'urn:p', type: 'picture', by: 'Jane Roe', ...more, renditions }] }));
    expect(picture([{ name: 'a', href: 'small.jpg', width: 10, height: 10 }, { name: 'b', href: 'big.JPG', width: 100, height: 100 }, { name: 'c', href: 'huge.tif', width: 1000, height: 1000 }]).draft.image).toEqual({ src: 'big.JPG', alt: 'Image', credit: 'Photo: Jane Roe' });
    expect(picture([{ name: 'a', href: 'master.tif', contentType: 'image/tiff' }])).toMatchObject({ draft: { image: { src: 'master.tif' } }, notes: ['the picture "p" has no rendition in a web image type: took its image/tiff', 'the picture "p" has no headline or description: its alt text is "Image"'] });
    expect(picture([{ name: 'a', href: 'clip.mp4', contentType: 'video/mp4' }])).toMatchObject({ notes: ['the picture "p" has no image rendition: left out'] });
    expect(picture([{ name: 'a', href: 'javascript:alert(1)', contentType: 'image/jpeg' }])).toMatchObject({ notes: ['the picture "p" is an image with a javascript: source: left out'] });
    expect(picture([{ name: 'a', href: 'x.jpg' }], { by: '© Agency' }).draft.image?.credit).toBe('© Agency');
    expect(picture([{ name: 'a', href: 'x.jpg' }], { by: undefined, copyrightholder: 'Holder' }).draft.image?.credit).toBe('Photo: Holder');
  });
  test('dates: in UTC; no zone is UTC and a date alone its midnight (noted); not a date is left out (noted)', () => {
    expect(article(item({ versioncreated: '2026-03-02T10:00:00+02:00' })).draft.publishedAt).toBe('2026-03-02T08:00:00Z');
    expect(article(item({ versioncreated: '2026-03-02T10:00:00.250-0130' })).draft.publishedAt).toBe('2026-03-02T11:30:00.250Z');
    expect(article(item({ versioncreated: '2026-03-02T10:00:00' }))).toMatchObject({ draft: { publishedAt: '2026-03-02T10:00:00Z' }, notes: ['versioncreated 2026-03-02T10:00:00 has no time zone: read as UTC'] });
    expect(article(item({ versioncreated: '2026-03-02' }))).toMatchObject({ draft: { publishedAt: '2026-03-02T00:00:00Z' }, notes: ['versioncreated 2026-03-02 has no time: read as midnight UTC'] });
    expect(article(item({ versioncreated: 'yesterday' })).notes).toContain('versioncreated "yesterday" is not an ISO date: left out');
    expect(article(item({ versioncreated: '2026-02-31T10:00:00Z' })).notes).toContain('versioncreated "2026-02-31T10:00:00Z" is not a real date: left out');
    expect(article(item({ versioncreated: undefined })).notes).toContain('no firstcreated, versioncreated or embargo date: no publication time');
  });
  test('first created is the publication, version created the update when later', () => {
    expect(article(item({ firstCreated: '2026-03-01T00:00:00Z', versionCreated: '2026-03-02T00:00:00Z', versioncreated: undefined })).draft).toMatchObject({ publishedAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-02T00:00:00Z' });
    expect(article(item({ firstcreated: '2026-03-02T08:30:00Z' })).draft.updatedAt).toBeUndefined();
  });
  test('an embargo is the publication time (our embargo: a future publishedAt), in 1.x/2.x and 3.x spelling', () => {
    expect(article(item({ embargoed: '2099-01-01T06:00:00Z' }))).toMatchObject({ draft: { publishedAt: '2099-01-01T06:00:00Z' }, notes: ['embargoed until 2099-01-01T06:00:00Z: that is its publication time'] });
    const late = article(item({ firstcreated: '2026-03-01T00:00:00Z', versioncreated: '2026-03-02T00:00:00Z', embargoedUntil: '2099-01-01T06:00:00+01:00' })).draft;
    expect(late).toMatchObject({ publishedAt: '2099-01-01T05:00:00Z' });
    expect(late.updatedAt).toBeUndefined();
    expect(article(item({ embargoed: '2020-01-01T00:00:00Z' })).draft.publishedAt).toBe('2026-03-02T08:30:00Z');
  });
  test('language: a language tag in its usual case, else left out (noted)', () => {
    expect(article(item({ language: 'EN_us' })).draft.language).toBe('en-US');
    expect(article(item({ language: 'zh-hant-tw' })).draft.language).toBe('zh-Hant-TW');
    expect(article(item({ language: 'English' })).notes).toContain('language "English" is not a language tag: left out');
  });
  test('a hostile HTML body prints no markup', () => {
    const { draft } = article(item({ body_text: undefined, body_html: '<p onclick="x">a<script>alert(1)</script><a href="javascript:alert(1)">b</a> [c](javascript:alert(1))</p><img src=x onerror=alert(1)>' }));
    expect(unsafeFields(draft.body)).toEqual([]);
    expect(invalidBlocks(draft.body)).toEqual([]);
  });
});

describe('property: any JSON', () => {
  const hostile = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('<script>alert(1)</script>', '<p onclick=x>p</p>', '[x](javascript:alert(1))', 'javascript:alert(1)', '<nitf><body.content><p>n</p></body.content></nitf>', '2026-02-30T00:00:00', 'picture', 'canceled', 'text/html', 'application/nitf+xml'));
  const field = fc.constantFrom('uri', 'type', 'headline', 'headlines', 'body_html', 'body_text', 'body_nitf', 'bodies', 'by', 'byline', 'people', 'subjects', 'infoSources', 'associations', 'renditions', 'firstcreated', 'versionCreated', 'embargoed', 'pubstatus', 'language', 'altids', 'descriptions', 'standard');
  const value = fc.oneof(hostile, fc.jsonValue({ maxDepth: 2 }), fc.array(fc.record({ value: hostile, contentType: hostile, role: hostile, name: hostile, href: hostile, type: hostile }, { requiredKeys: [] }), { maxLength: 3 }));
  const items = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(field, value).map((more) => item(more)), fc.array(fc.dictionary(field, value).map((more) => item(more)), { maxLength: 3 }));

  test('read never throws on JSON; every article it makes has a safe, valid body', () => {
    fc.assert(
      fc.property(items, (data) => {
        for (const result of ninjs.read(JSON.stringify(data) ?? 'null', { file: 'fuzz.json' })) {
          // A failure is one of the reader's own reasons, never an exception caught on the way.
          if (result.kind === 'fail') expect(['not a ninjs object', 'no body: none of body_html, body_text, body_nitf or bodies has text', 'the body has no text once converted']).toContain(result.reason);
          if (result.kind !== 'article') continue;
          expect(unsafeFields(result.draft.body)).toEqual([]);
          expect(invalidBlocks(result.draft.body)).toEqual([]);
        }
      }),
      { numRuns: 600 },
    );
  });
});
