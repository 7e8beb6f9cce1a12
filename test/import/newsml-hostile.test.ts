/**
 * The NewsML-G2 reader against hostile input: markup hidden in CDATA,
 * character references and entities, scripts in the body, entity expansion
 * bombs, external entities, deep nesting, huge files and names that could
 * pollute prototypes. Nothing may hang, blow up or leave markup in a draft.
 */
import { MAX_DEPTH, MAX_XML_CHARS } from '../../src/import/newsml/xml';
import { expectNoMarkup, onlyArticle, readFixture, readText, textItem, visibleStrings } from './newsml-helpers';

describe('a hostile item', () => {
  const items = readFixture('hostile.xml');
  const { draft, notes } = onlyArticle(items);

  test('no markup survives in any text field', () => expectNoMarkup(items));

  test('scripts and styles leave no text behind; the rest of the text stays', () => {
    expect(visibleStrings(draft).join('\n')).not.toMatch(/alert|color: red|evil/);
    expect(draft.headline).toBe('Quay reopens');
    expect(draft.authors).toEqual([{ name: 'Eve Example' }]);
    expect(draft.tags).toEqual(['harbour']);
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'The quay reopens on Friday.' },
      { type: 'paragraph', text: 'Text after CDATA.' },
      { type: 'paragraph', text: 'escaped markup stays text.' },
    ]);
  });

  test('an entity whose value is markup is not expanded; a plain one is', () => {
    expect(draft.standfirst).toBe('A summary &inject; with an entity.');
    expect(draft.sources).toEqual([{ name: 'Coastal Wire Service' }]);
  });

  test('a javascript: picture is no image', () => {
    expect(draft.image).toBeUndefined();
    expect(notes.join('\n')).toMatch(/a linked picture has no usable href/);
  });

  test('what was removed is said', () => {
    expect(notes).toEqual(
      expect.arrayContaining([
        'removed markup-like text from the headline',
        'removed markup-like text from the description',
        'removed markup-like text from the XHTML body',
        'dropped a <script>',
        'dropped an <iframe> from evil.example',
      ]),
    );
  });
});

describe('entity tricks', () => {
  const lol = (levels: number) => {
    let entities = '<!ENTITY lol0 "lol">';
    for (let i = 1; i <= levels; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    return entities;
  };

  test('a billion laughs stays as written: nested entities are not expanded', () => {
    const item = textItem({ contentMeta: `<headline>&lol9;</headline><description>&lol0;</description>` }).replace('<newsItem', `<!DOCTYPE newsItem [${lol(9)}]>\n<newsItem`);
    const { draft } = onlyArticle(readText(item));
    expect(draft.headline).toBe('&lol9;');
    expect(draft.standfirst).toBe('lol');
  });

  test('one big entity used many times is refused past a million characters', () => {
    const big = `<!ENTITY big "${'x'.repeat(9_000)}">`;
    const item = textItem({ contentMeta: `<headline>${'&big;'.repeat(200)}</headline>` }).replace('<newsItem', `<!DOCTYPE newsItem [${big}]>\n<newsItem`);
    expect(() => readText(item)).toThrow(/^refused: Expanded content length limit exceeded/);
  });

  test('more than 100 declared entities are refused', () => {
    const many = Array.from({ length: 101 }, (_, i) => `<!ENTITY e${i} "v">`).join('');
    expect(() => readText(textItem().replace('<newsItem', `<!DOCTYPE newsItem [${many}]>\n<newsItem`))).toThrow(/^refused: Entity count/);
  });

  test('an external entity is refused, never read', () => {
    const external = '<!DOCTYPE newsItem [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n';
    const item = textItem({ contentMeta: '<headline>&secret;</headline>' }).replace('<newsItem', `${external}<newsItem`);
    expect(() => readText(item)).toThrow(/^refused: External entities are not supported/);
  });

  test('character references to control characters and NUL are dropped', () => {
    const { draft } = onlyArticle(readText(textItem({ contentMeta: '<headline>Bell&#7; and&#0; null&#x1F;</headline>' })));
    expect(draft.headline).toBe('Bell and null');
  });
});

describe('size and depth', () => {
  test(`elements nested deeper than ${MAX_DEPTH} are refused`, () => {
    const deep = `${'<div>'.repeat(1000)}deep${'</div>'.repeat(1000)}`;
    const item = textItem({ contentSet: `<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${deep}</body></html></inlineXML>` });
    expect(() => readText(item)).toThrow(`elements nest more than ${MAX_DEPTH} deep; refused`);
  });

  test('a 100,000-deep nesting is refused too, without a stack overflow', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    expect(() => readText(`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g">${deep}</newsItem>`)).toThrow(/nest more than/);
  });

  test('nesting within the limit is read', () => {
    const deep = `${'<div>'.repeat(200)}<p>Deep but fine.</p>${'</div>'.repeat(200)}`;
    const item = textItem({ contentSet: `<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${deep}</body></html></inlineXML>` });
    expect(JSON.stringify(onlyArticle(readText(item)).draft.body)).toContain('Deep but fine.');
  });

  test('a file over the size limit is refused before parsing', () => {
    expect(() => readText(`<a>${'x'.repeat(MAX_XML_CHARS)}</a>`)).toThrow(/at most \d+ are read/);
  });
});

describe('names that could pollute prototypes', () => {
  test('guids called __proto__ or constructor are plain data', () => {
    const message = `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2026-05-01T10:00:00Z</sent></header><itemSet>
      ${textItem({ guid: '__proto__' }).replace(/<\?xml[^>]*\?>/, '')}
      ${textItem({ guid: 'constructor' }).replace(/<\?xml[^>]*\?>/, '')}
      ${textItem({ guid: 'constructor' }).replace(/<\?xml[^>]*\?>/, '')}
    </itemSet></newsMessage>`;
    expect(readText(message).map((item) => `${item.kind} ${item.kind === 'article' || item.kind === 'page' ? item.draft.sourceId : item.sourceId}`)).toEqual([
      'article __proto__',
      'article constructor',
      'skip constructor',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each(['<__proto__ polluted="yes"/>', '<constructor/>', '<headline __proto__="x">Fine</headline>'])('%s in an item is refused with the reason', (element) => {
    expect(() => readText(textItem({ contentMeta: element }))).toThrow(/^refused: Invalid name: "(__proto__|constructor)" is a reserved JavaScript keyword/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
