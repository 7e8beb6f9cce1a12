/**
 * Scrolling boxes (tables, code) are named regions, and two landmarks with
 * the same name cannot be told apart in a screen reader's list of them: a
 * name used more than once is numbered each time ("Code 1", "Code 2"),
 * skipping numbers another box already carries.
 */
import type { BlockModel } from '../registry';

export function uniqueRegionLabels(blocks: readonly BlockModel[]): BlockModel[] {
  const uses = new Map<string, number>();
  for (const block of blocks) if ('regionLabel' in block) uses.set(block.regionLabel, (uses.get(block.regionLabel) ?? 0) + 1);
  const taken = new Set([...uses.keys()]);
  const next = new Map<string, number>();
  return blocks.map((block) => {
    if (!('regionLabel' in block) || (uses.get(block.regionLabel) ?? 0) < 2) return block;
    const label = block.regionLabel;
    let n = next.get(label) ?? 1;
    while (taken.has(`${label} ${n}`)) n++;
    next.set(label, n + 1);
    taken.add(`${label} ${n}`);
    return { ...block, regionLabel: `${label} ${n}` };
  });
}
