/**
 * The NewsML-G2 reader (src/import/formats/newsml.ts) on items written for
 * these tests after the NewsML-G2 2.35 schema and IPTC's example items:
 * XHTML, NITF and plain-text bodies, prefixed and default namespaces.
 */
import { newsml } from '../../src/import/formats/newsml';
import { formatNamed, sniffFormat } from '../../src/import/formats';
import { expectContractShapes, expectNoMarkup, fixture, onlyArticle, readFixture, readText, textItem } from './newsml-helpers';

describe('a text item with an XHTML body (default namespace)', () => {
  const items = readFixture('text-xhtml.xml');
  const { draft, notes } = onlyArticle(items);

  test('keeps the guid as the source id', () => {
    expect(draft.sourceId).toBe('urn:newsml:northwind.example:20260302:ferry-electric');
  });

  test('takes the main headline and the summary description', () => {
    expect(draft.headline).toBe('Harbour ferry goes electric');
    expect(draft.standfirst).toBe('The crossing is quieter, and the fuel bill is gone.');
  });

  test('authors are the creators, by name or literal; a description writer is not one', () => {
    expect(draft.authors).toEqual([{ name: 'Maren Holt' }, { name: 'Tomas Berg' }]);
    expect(notes.join('\n')).toMatch(/contributor "desk\/ab" is not in the byline/);
  });

  test('tags are the named subjects, in the item language, without codes that have no name', () => {
    expect(draft.tags).toEqual(['transport', 'maritime transport']);
    expect(notes).toContain('1 subject with a code and no name left out of the tags');
  });

  test('the origin infoSource is the origin; the others are cited sources', () => {
    expect(draft.origin).toEqual({ name: 'Coastal Wire Service' });
    expect(draft.sources).toEqual([{ name: 'Port Alder City Council', url: 'https://council.port-alder.example/' }]);
    expect(notes.join('\n')).toMatch(/infoSource without a name \(https:\/\/unnamed\.example\/\) left out/);
  });

  test('first created is the publication, the version the update, with their zones', () => {
    expect(draft.publishedAt).toBe('2026-03-02T08:30:00+01:00');
    expect(draft.updatedAt).toBe('2026-03-02T12:00:00+01:00');
    expect(draft.status).toBe('published');
  });

  test('language from contentMeta/language', () => {
    expect(draft.language).toBe('en-GB');
  });

  test('the body is the XHTML <body> through htmlToBlocks, character references decoded', () => {
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'The ferry made its *first* silent crossing on Monday, [the council said](https://council.port-alder.example/ferry).' },
      { type: 'heading', text: 'What changes for passengers' },
      { type: 'list', items: ['Quieter decks', 'The same timetable'] },
      { type: 'paragraph', text: 'Tickets cost the same – café included & free.' },
    ]);
  });

  test('elements of other namespaces are not NewsML-G2 elements', () => {
    expect(JSON.stringify(draft)).not.toContain('Provider-only');
  });

  test('no markup anywhere; dates, language and blocks as the contract writes them', () => {
    expectNoMarkup(items);
    expectContractShapes(draft);
  });
});

describe('a text item with a NITF body (prefixed NewsML-G2, default-namespaced NITF)', () => {
  const items = readFixture('text-nitf.xml');
  const { draft, notes } = onlyArticle(items);

  test('contentMeta wins over the NITF head for the headline; the NITF abstract is the standfirst', () => {
    expect(draft.headline).toBe('Cranes return to the old quay');
    expect(draft.standfirst).toBe('Two restored cranes lifted their first containers in forty years.');
  });

  test('authors from the by line, split, without the source it names', () => {
    expect(draft.authors).toEqual([{ name: 'Ines Okafor' }, { name: 'Lukas Brandt' }]);
    expect(notes).toContain('"Coastal Wire Service" in the byline is a source, not a person: left out of the authors');
  });

  test('originfeed is the origin, the other infoSource is cited', () => {
    expect(draft.origin).toEqual({ name: 'Coastal Wire Service' });
    expect(draft.sources).toEqual([{ name: 'Harbour Authority' }]);
  });

  test('a date without a zone is read as UTC, and said so; no firstCreated means versionCreated', () => {
    expect(draft.publishedAt).toBe('2026-04-17T09:15:00Z');
    expect(draft.updatedAt).toBeUndefined();
    expect(notes).toContain('versionCreated has no time zone: read as UTC');
  });

  test('any scheme alias for the codes; xml:lang as the language', () => {
    expect(draft.status).toBe('published');
    expect(draft.language).toBe('en');
    expect(draft.tags).toEqual(['harbours']);
  });

  test('the body is the NITF body.content through nitfToBlocks (the body.head is metadata)', () => {
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'The cranes, built in 1961, were restored by volunteers.' },
      { type: 'paragraph', text: '"They still work," said the harbour master.' },
    ]);
  });

  test('without contentMeta, the NITF head gives the headline, the standfirst and the byline with its title', () => {
    const bare = fixture('text-nitf.xml')
      .replace(/<nar:contentMeta>[\s\S]*<\/nar:contentMeta>/, '')
      .replace('<hl1>Cranes return to the old quay (NITF)</hl1>', '<hl1>Cranes return</hl1>')
      .replace(/<abstract>[\s\S]*<\/abstract>/, '');
    const { draft: fromHead } = onlyArticle(readText(bare));
    expect(fromHead.headline).toBe('Cranes return');
    expect(fromHead.standfirst).toBe('Two restored cranes lift again');
    expect(fromHead.authors).toEqual([{ name: 'Ines Okafor', role: 'Harbour Correspondent' }]);
  });

  test('no markup anywhere; dates, language and blocks as the contract writes them', () => {
    expectNoMarkup(items);
    expectContractShapes(draft);
  });
});

describe('a text item with a plain-text body', () => {
  const items = readFixture('text-plain.xml');
  const { draft, notes } = onlyArticle(items);

  test('paragraphs split on blank lines, lines joined, Markdown characters escaped', () => {
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'The town library will open on Sundays from the first of June, the council said.' },
      { type: 'paragraph', text: 'Opening hours are 10:00 to 16:00. Entry is \\*free\\* \\[as before\\].' },
      { type: 'paragraph', text: 'A reading room on the first floor stays closed for repairs.' },
    ]);
  });

  test('a sub-headline is the standfirst when there is no description', () => {
    expect(draft.headline).toBe('Library opens on Sundays');
    expect(draft.standfirst).toBe('From June, the doors open at ten');
  });

  test('what is missing is left out and said so', () => {
    expect(draft.authors).toEqual([]);
    expect(draft.tags).toEqual([]);
    expect(draft.sources).toEqual([]);
    expect(draft.origin).toBeUndefined();
    expect(draft.language).toBeUndefined();
    expect(draft.image).toBeUndefined();
    expect(draft.updatedAt).toBeUndefined();
    expect(draft.publishedAt).toBe('2026-05-05T10:00:00Z');
    expect(notes).toContain('the item names no author');
  });

  test('no pubStatus means usable', () => expect(draft.status).toBe('published'));

  test('blocks as the contract writes them', () => expectContractShapes(draft));
});

describe('other renditions and namespace forms', () => {
  const xhtml = (inner: string, attrs = ' contenttype="application/xhtml+xml"') => textItem({ contentSet: `<inlineXML${attrs}>${inner}</inlineXML>` });

  test('prefixed XHTML loses its prefixes on the way to htmlToBlocks', () => {
    const item = xhtml('<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:body><h:h2>Sub</h:h2><h:p>One <h:strong>two</h:strong></h:p></h:body></h:html>');
    expect(onlyArticle(readText(item)).draft.body).toEqual([
      { type: 'heading', text: 'Sub' },
      { type: 'paragraph', text: 'One **two**' },
    ]);
  });

  test('XHTML is known by its <html> when the contenttype is missing; a bare <body> works too', () => {
    expect(onlyArticle(readText(xhtml('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Known.</p></body></html>', ''))).draft.body).toEqual([{ type: 'paragraph', text: 'Known.' }]);
    expect(onlyArticle(readText(xhtml('<body xmlns="http://www.w3.org/1999/xhtml"><p>Bare.</p></body>'))).draft.body).toEqual([{ type: 'paragraph', text: 'Bare.' }]);
  });

  test('HTML carried as text in inlineData goes to htmlToBlocks', () => {
    const item = textItem({ contentSet: '<inlineData contenttype="text/html">&lt;p&gt;Escaped &lt;em&gt;HTML&lt;/em&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</inlineData>' });
    const { draft, notes } = onlyArticle(readText(item));
    expect(draft.body).toEqual([{ type: 'paragraph', text: 'Escaped *HTML*' }]);
    expect(notes).toContain('dropped a <script>');
  });

  test('XHTML is preferred to NITF and plain text, whatever their order', () => {
    const item = textItem({
      contentSet:
        '<inlineData contenttype="text/plain">Plain.</inlineData>' +
        '<inlineXML contenttype="application/nitf+xml"><nitf><body><body.content><p>NITF.</p></body.content></body></nitf></inlineXML>' +
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>XHTML.</p></body></html></inlineXML>',
    });
    expect(onlyArticle(readText(item)).draft.body).toEqual([{ type: 'paragraph', text: 'XHTML.' }]);
  });

  test('an empty rendition gives way to the next', () => {
    const item = textItem({ contentSet: '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body> </body></html></inlineXML><inlineData>Fallback.</inlineData>' });
    expect(onlyArticle(readText(item)).draft.body).toEqual([{ type: 'paragraph', text: 'Fallback.' }]);
  });

  test('encoded inlineData and other XML languages are not read, and said so', () => {
    const [item] = readText(textItem({ contentSet: '<inlineData contenttype="text/plain" encoding="enc:base64">SGk=</inlineData><inlineXML contenttype="application/sportsml+xml"><sportsContent/></inlineXML>' }));
    expect(item?.kind === 'fail' && item.reason).toMatch(/encoded inlineData rendition \(enc:base64\) is not read.*inlineXML rendition in application\/sportsml\+xml is not read/);
  });

  test('headlines and descriptions in the item language come first', () => {
    const item = textItem({
      attrs: ' xml:lang="de"',
      contentMeta: '<headline xml:lang="en">English</headline><headline xml:lang="de">Deutsch</headline><description xml:lang="en">Summary.</description><description xml:lang="de-AT">Zusammenfassung.</description>',
    });
    const { draft } = onlyArticle(readText(item));
    expect(draft.language).toBe('de');
    expect([draft.headline, draft.standfirst]).toEqual(['Deutsch', 'Zusammenfassung.']);
  });

  test('a contributor whose role is author is an author; a creator without a name is noted', () => {
    const item = textItem({ contentMeta: '<headline>H</headline><creator qcode="staff:x1"/><contributor role="ctrol:author"><name>Ann Lee</name></contributor>' });
    const { draft, notes } = onlyArticle(readText(item));
    expect(draft.authors).toEqual([{ name: 'Ann Lee' }]);
    expect(notes).toContain('a creator without a name (staff:x1) is not in the byline');
  });

  test('without an origin infoSource the named provider is the origin', () => {
    const item = textItem().replace('<provider qcode="nprov:TEST"/>', '<provider qcode="nprov:NWPA"><name>Northwind Press Agency</name></provider>');
    const { draft, notes } = onlyArticle(readText(item));
    expect(draft.origin).toEqual({ name: 'Northwind Press Agency' });
    expect(notes).toContain('origin "Northwind Press Agency" is the item\'s provider');
  });

  test('a language tag that is not one is left out', () => {
    const { draft, notes } = onlyArticle(readText(textItem({ contentMeta: '<headline>H</headline><language tag="not a tag"/>' })));
    expect(draft.language).toBeUndefined();
    expect(notes).toContain('"not a tag" is not a language tag: left out');
  });
});

describe('sniff', () => {
  test('knows NewsML-G2 roots in either namespace form, after any prolog', () => {
    for (const name of ['text-xhtml.xml', 'text-nitf.xml', 'text-plain.xml', 'message.xml']) expect(newsml.sniff(fixture(name), name)).toBe(true);
    expect(newsml.sniff('\uFEFF<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x [<!ENTITY a "b">]>\n<packageItem xmlns=\'http://iptc.org/std/nar/2006-10-01/\'/>', 'p.xml')).toBe(true);
    expect(sniffFormat(fixture('text-nitf.xml'), () => fixture('text-nitf.xml'), 'x.xml')).toBe(newsml);
    expect(formatNamed('newsml')).toBe(newsml);
  });

  test('says no to other XML, other namespaces and other formats', () => {
    expect(newsml.sniff('<newsItem guid="x"/>', 'a.xml')).toBe(false);
    expect(newsml.sniff('<newsItem xmlns="http://example.org/"/>', 'a.xml')).toBe(false);
    expect(newsml.sniff('<nar:newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', 'a.xml')).toBe(false);
    expect(newsml.sniff('<rss version="2.0"><channel/></rss>', 'a.xml')).toBe(false);
    expect(newsml.sniff('{"uri": "urn:x", "type": "text"}', 'a.json')).toBe(false);
    expect(newsml.sniff('Plain wire copy.\n\nSource: X', 'a.txt')).toBe(false);
    expect(newsml.sniff('<!DOCTYPE [[[[[[[[[[[[[[', 'a.xml')).toBe(false);
  });
});

describe('reading what is not NewsML-G2', () => {
  test('malformed XML throws naming the line and column', () => {
    const broken = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g">\n  <itemMeta>\n  </contentMeta>\n</newsItem>';
    expect(() => readText(broken)).toThrow(/^not well-formed XML: line 3, column 3: Expected closing tag 'itemMeta'/);
  });

  test('another root element throws', () => {
    expect(() => readText('<rss><channel/></rss>')).toThrow(/not NewsML-G2: the root element is <rss>/);
    expect(() => readText('<newsItem xmlns="http://example.org/"/>')).toThrow(/in namespace http:\/\/example\.org\//);
  });

  test('a second root element throws', () => {
    expect(() => readText('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/><newsItem/>')).toThrow(/root elements, one expected|root nodes/);
  });

  test('a NewsML-G2 root without the namespace is read all the same', () => {
    const item = textItem().replace(' xmlns="http://iptc.org/std/nar/2006-10-01/"', '');
    expect(onlyArticle(readText(item)).draft.headline).toBe('A headline');
  });
});
