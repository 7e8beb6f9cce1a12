import { uniqueHeadingIds } from '../../../src/blocks/enhancers/unique-heading-ids';
import { enhanceBody } from '../../../src/blocks/enhancers';
import type { BlockModel } from '../../../src/blocks/registry';

const heading = (id: string): BlockModel => ({ type: 'heading', text: id, id });
const paragraph: BlockModel = { type: 'paragraph', html: 'Words.' };

test('repeated heading ids get -2, -3 in reading order; other blocks pass through untouched', () => {
  const out = uniqueHeadingIds([heading('why'), paragraph, heading('why'), heading('how'), heading('why')]);
  expect(out.map((b) => (b.type === 'heading' ? b.id : b.type))).toEqual(['why', 'paragraph', 'why-2', 'how', 'why-3']);
  expect(out[1]).toBe(paragraph);
});

test('an id already taken by a numbered heading is skipped over', () => {
  const out = uniqueHeadingIds([heading('a-2'), heading('a'), heading('a')]);
  expect(out.map((b) => (b.type === 'heading' ? b.id : ''))).toEqual(['a-2', 'a', 'a-3']);
});

test('it never changes the blocks it was given', () => {
  const input = [heading('x'), heading('x')];
  uniqueHeadingIds(input);
  expect(input.map((b) => (b.type === 'heading' ? b.id : ''))).toEqual(['x', 'x']);
});

test('enhanceBody runs the ordered steps, heading ids among them', () => {
  expect(enhanceBody([heading('x'), heading('x')]).map((b) => (b.type === 'heading' ? b.id : ''))).toEqual(['x', 'x-2']);
});
