/**
 * The block registry: every type is complete (schema, resolution, record forms,
 * text, feed HTML, page model, partial), so a type added without one of them
 * cannot pass; and each type's forms round-trip.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BLOCKS, blockFeedHtml, blockModel, blockSchema, blockTexts, canonicalBlock, resolveBlock, type BlockRecord } from '../../src/blocks/registry';
import { headingSlug } from '../../src/blocks/heading';
import { VIEWS_DIR } from '../../src/paths';
import { env, feed, problems, problemsOf, renderPartial, show } from './block-kit';

/** One record of each type, as a user would write it. */
const SAMPLES: Record<string, BlockRecord> = {
  paragraph: { type: 'paragraph', text: 'Some *words* and <b>tags</b>.' },
  heading: { type: 'heading', text: 'Café crème' },
  image: { type: 'image', src: 'images/x.jpg', alt: 'A harbour', caption: 'The harbour', credit: 'A. Photographer' },
  list: { type: 'list', items: ['one', 'two'] },
  quote: { type: 'quote', text: 'We will reopen.', attribution: 'The mayor' },
  promo: { type: 'promo', label: 'VIDEO', text: 'Watch it', href: '/articles/other' },
  table: { type: 'table', caption: 'Results', header: ['Town', '*Votes*'], rows: [['Lindhaven', '1,204'], ['Port Alder', '']] },
  embed: { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=abc123', title: 'The briefing', thumbnail: { src: 'images/x.jpg', alt: 'A still' } },
  code: { type: 'code', text: '  indented\n\n  lines  \n', language: 'python' },
  divider: { type: 'divider' },
  gallery: { type: 'gallery', images: [{ src: 'images/x.jpg', alt: 'One' }, { src: 'images/y.jpg', alt: 'Two', caption: 'The second', credit: 'B. Snapper' }], caption: 'Two views' },
};

/** Other ways of writing a type that must round-trip too. */
const VARIANTS: Array<[string, BlockRecord]> = [
  ['a text-only image', { type: 'image', caption: 'The harbour in 1911', credit: 'Photo: City Archive' }],
  ['a text-only image with alt left in', { type: 'image', alt: 'Not shown', credit: 'Photo: City Archive' }],
  ['a nested list', { type: 'list', items: ['one', { text: 'two', items: ['two a', { text: 'two b', items: ['deep'], ordered: true }] }, { text: 'three' }], ordered: true }],
  ['a table without header or caption', { type: 'table', rows: [['a']] }],
  ['an embed of another site', { type: 'embed', provider: 'other', url: 'https://example.org/video' }],
  ['code without a language', { type: 'code', text: 'x' }],
];

test('every block type has a sample here, a schema, every form and its partial', () => {
  expect(BLOCKS.map((b) => b.type).sort()).toEqual(Object.keys(SAMPLES).sort());
  for (const definition of BLOCKS) {
    for (const part of ['schema', 'resolve', 'canonical', 'texts', 'feedHtml', 'model'] as const) expect([definition.type, part, typeof definition[part]]).toEqual([definition.type, part, part === 'schema' ? 'object' : 'function']);
    expect([definition.type, existsSync(path.join(VIEWS_DIR, 'partials', 'blocks', `${definition.type}.ejs`))]).toEqual([definition.type, true]);
  }
});

test.each([...Object.entries(SAMPLES), ...VARIANTS])('%s: validates, resolves, and its canonical form resolves the same', (_type, record) => {
  const parsed = blockSchema.parse(record);
  const block = resolveBlock(parsed, 'body[0]', env);
  expect(block).toBeDefined();
  // The canonical form (what the body store keeps) is a valid record, canonical already, and shows the same.
  const canonical = canonicalBlock(parsed);
  expect(canonicalBlock(blockSchema.parse(canonical))).toEqual(canonical);
  expect(resolveBlock(canonical, 'body[0]', env)).toEqual(block);
  const out: string[] = [];
  blockTexts(block!, out);
  expect(out.join(' ')).not.toContain('*'); // plain text: the Markdown is gone
  expect(blockModel(block!, show).type).toBe(record.type);
  expect(blockFeedHtml(block!, feed)).toMatch(/^<(p|h2|figure|ul|ol|blockquote|table|pre|hr)>/);
  expect(blockFeedHtml(block!, feed)).not.toMatch(/ class=/);
});

test('an unknown type or a stray field is refused with the field named', () => {
  expect(blockSchema.safeParse({ type: 'video', src: 'x' }).success).toBe(false);
  const stray = blockSchema.safeParse({ type: 'paragraph', text: 'x', colour: 'red' });
  expect(stray.success).toBe(false);
});

test('a promo to an article that is not there is a problem at its href, and the block is dropped', () => {
  problems.length = 0;
  expect(resolveBlock({ type: 'promo', text: 'Gone', href: '/articles/missing' }, 'body[4]', env)).toBeUndefined();
  expect(problems).toEqual([{ field: 'body[4].href', message: 'links to article "missing", which does not exist or has errors' }]);
});

test('feed HTML escapes text and makes site links absolute; a promo to a hidden article is text', () => {
  const paragraph = resolveBlock({ type: 'paragraph', text: 'See [this](/articles/other) <script>' }, 'body[0]', env)!;
  expect(blockFeedHtml(paragraph, feed)).toBe('<p>See <a href="https://news.example.test/articles/other">this</a> &lt;script&gt;</p>');
  const hidden = resolveBlock({ type: 'promo', text: 'Soon', href: '/articles/other' }, 'body[0]', env)!;
  expect(blockFeedHtml(hidden, { ...feed, visibleArticlePath: () => undefined })).toBe('<p>Soon</p>');
});

test('heading ids are readable words: accents dropped, punctuation to dashes, "section" when nothing is left', () => {
  expect(headingSlug('Café crème: what next?')).toBe('cafe-creme-what-next');
  expect(headingSlug('Москва сегодня')).toBe('москва-сегодня');
  expect(headingSlug('!!!')).toBe('section');
});

test('a divider is a thematic break, on the page and in the feed', () => {
  const block = resolveBlock({ type: 'divider' }, 'body[0]', env)!;
  expect(blockFeedHtml(block, feed)).toBe('<hr>');
  expect(renderPartial('blocks/divider.ejs', { block: blockModel(block, show) })).toBe('<hr class="article__divider">\n');
  expect(problemsOf({ type: 'divider', text: 'x' })).toEqual(['body[3].text: is not a known field (check its spelling)']);
});
