import { enhanceBody } from '../../../src/blocks/enhancers';
import { uniqueRegionLabels } from '../../../src/blocks/enhancers/unique-region-labels';
import type { BlockModel } from '../../../src/blocks/registry';

const code = (regionLabel: string): BlockModel => ({ type: 'code', regionLabel, text: 'x' });
const table = (regionLabel: string): BlockModel => ({ type: 'table', regionLabel, rowsHtml: [['a']] });
const paragraph: BlockModel = { type: 'paragraph', html: 'Words.' };
const labels = (blocks: BlockModel[]) => blocks.map((b) => ('regionLabel' in b ? b.regionLabel : b.type));

test('a region name used more than once is numbered each time, in reading order; a unique one is left alone', () => {
  const input = [code('Code'), paragraph, table('Results'), code('Code'), table('Table'), code('Code')];
  const out = uniqueRegionLabels(input);
  expect(labels(out)).toEqual(['Code 1', 'paragraph', 'Results', 'Code 2', 'Table', 'Code 3']);
  expect(out[1]).toBe(paragraph);
  expect(out[2]).toBe(input[2]);
});

test('numbers another region already carries are skipped', () => {
  expect(labels(uniqueRegionLabels([table('Table 1'), table('Table'), table('Table')]))).toEqual(['Table 1', 'Table 2', 'Table 3']);
});

test('it never changes the blocks it was given, and enhanceBody runs it', () => {
  const input = [code('Code'), code('Code')];
  expect(labels(enhanceBody(input))).toEqual(['Code 1', 'Code 2']);
  expect(labels(input)).toEqual(['Code', 'Code']);
});
