/**
 * Steps that run over an article's block models before they are printed, in
 * order, in the manner of the Guardian's dotcom-rendering "enhancers": each
 * a small pure function of the whole body with a test of its own
 * (test/blocks/enhancers/). Add a step here; never in a template.
 */
import type { BlockModel } from '../registry';
import { uniqueHeadingIds } from './unique-heading-ids';
import { uniqueRegionLabels } from './unique-region-labels';

export const BODY_ENHANCERS: readonly ((blocks: readonly BlockModel[]) => BlockModel[])[] = [uniqueHeadingIds, uniqueRegionLabels];

export function enhanceBody(blocks: readonly BlockModel[]): BlockModel[] {
  return BODY_ENHANCERS.reduce<BlockModel[]>((current, enhance) => enhance(current), [...blocks]);
}
