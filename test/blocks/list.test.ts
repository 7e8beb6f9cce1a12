/** The list block: flat lists print as they always have; items may hold lists of their own, up to four levels. */
import { MAX_LIST_DEPTH } from '../../src/blocks/list';
import { blockSchema, canonicalBlock, resolveBlock, type BlockRecord } from '../../src/blocks/registry';
import { env, feedOf, HOSTILE, htmlOf, problemsOf, resolved, textsOf } from './block-kit';

const NESTED = {
  type: 'list',
  items: ['Tickets', { text: 'Cabins', items: ['Private, for *one* to three', { text: 'Couchettes', items: ['Six berths'], ordered: true }] }, { text: 'Bicycles' }],
};

/** A list `levels` deep: each level's only item holds the next level. */
function deep(levels: number): object {
  let items: unknown[] = ['bottom'];
  for (let level = levels; level > 1; level--) items = [{ text: `level ${level - 1}`, items }];
  return { type: 'list', items };
}

test('a flat list prints exactly as before, on the page and in the feed', () => {
  expect(htmlOf({ type: 'list', items: ['One', 'Two'] })).toBe('<ul class="article__list"><li>One</li><li>Two</li></ul>\n');
  expect(htmlOf({ type: 'list', items: ['One'], ordered: true })).toBe('<ol class="article__list"><li>One</li></ol>\n');
  expect(feedOf({ type: 'list', items: ['One', 'Two'] })).toBe('<ul><li>One</li><li>Two</li></ul>');
});

test('a flat record is its own resolved block once `ordered` is spelt out (no copy per article)', () => {
  const record = blockSchema.parse({ type: 'list', items: ['a'], ordered: false });
  expect(resolveBlock(record, 'body[0]', env)).toBe(record);
});

test('nested lists print inside their item, on the page and in the feed', () => {
  expect(htmlOf(NESTED)).toBe(
    '<ul class="article__list"><li>Tickets</li><li>Cabins<ul class="article__list"><li>Private, for <em>one</em> to three</li><li>Couchettes<ol class="article__list"><li>Six berths</li></ol>\n</li></ul>\n</li><li>Bicycles</li></ul>\n',
  );
  expect(feedOf(NESTED)).toBe('<ul><li>Tickets</li><li>Cabins<ul><li>Private, for <em>one</em> to three</li><li>Couchettes<ol><li>Six berths</li></ol></li></ul></li><li>Bicycles</li></ul>');
});

test('the canonical form: an item without a list is its text; a nested list spells `ordered` out', () => {
  const canonical = { type: 'list', ordered: false, items: ['Tickets', { text: 'Cabins', ordered: false, items: ['Private, for *one* to three', { text: 'Couchettes', items: ['Six berths'], ordered: true }] }, 'Bicycles'] };
  expect(canonicalBlock(blockSchema.parse(NESTED))).toEqual(canonical);
  expect(resolveBlock(canonical as BlockRecord, 'body[0]', env)).toEqual(resolved(NESTED));
});

test('search text has every item at every level, Markdown gone', () => {
  expect(textsOf(NESTED)).toEqual(['Tickets', 'Cabins', 'Private, for one to three', 'Couchettes', 'Six berths', 'Bicycles']);
});

test(`lists nest ${MAX_LIST_DEPTH} levels deep, and a deeper one is refused where it starts`, () => {
  expect(MAX_LIST_DEPTH).toBe(4);
  expect(problemsOf(deep(4))).toEqual([]);
  expect(problemsOf(deep(5))).toEqual(['body[3].items[0].items[0].items[0].items[0].items: is too deeply nested: lists nest at most 4 levels deep']);
});

test.each<[string, object, string[]]>([
  ['no items', { type: 'list', items: [] }, ['body[3].items: must have at least one item']],
  ['an empty item', { type: 'list', items: ['a', ' '] }, ['body[3].items[1]: must not be empty']],
  ['an item that is a number', { type: 'list', items: [7] }, ['body[3].items[0]: must be text (inline Markdown) or {"text": …, "items": […]}']],
  ['an item that is a list of its own', { type: 'list', items: [['a']] }, ['body[3].items[0]: must be text (inline Markdown) or {"text": …, "items": […]}']],
  ['an item without text', { type: 'list', items: [{ items: ['a'] }] }, ['body[3].items[0].text: is required but missing']],
  ['a misspelt field in an item', { type: 'list', items: [{ text: 'a', item: ['b'] }] }, ['body[3].items[0].item: is not a known field (check its spelling)']],
  ['an empty nested list', { type: 'list', items: [{ text: 'a', items: [] }] }, ['body[3].items[0].items: must have at least one item']],
  ['a nested empty item', { type: 'list', items: [{ text: 'a', items: ['b', { text: '' }] }] }, ['body[3].items[0].items[1].text: must not be empty']],
  ['`ordered` that is not true or false', { type: 'list', items: [{ text: 'a', items: ['b'], ordered: 'yes' }] }, ['body[3].items[0].ordered: Invalid input: expected boolean, received string']],
])('%s is refused, naming the field', (_name, record, expected) => {
  expect(problemsOf(record)).toEqual(expected);
});

test('hostile text at any level is printed as text, on the page and in the feed', () => {
  const record = { type: 'list', items: [HOSTILE, { text: HOSTILE, items: [HOSTILE, '[x](javascript:alert(1))'] }] };
  for (const html of [htmlOf(record), feedOf(record)]) {
    expect(html).not.toMatch(/<script|<img src=x|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  }
});
