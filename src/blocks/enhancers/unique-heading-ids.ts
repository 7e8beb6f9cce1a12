/** Two headings with the same words get "-2", "-3"… so every id on the page is unique and a link to a part of a story lands once. */
import type { BlockModel } from '../registry';

export function uniqueHeadingIds(blocks: readonly BlockModel[]): BlockModel[] {
  const used = new Set<string>();
  return blocks.map((block) => {
    if (block.type !== 'heading') return block;
    let id = block.id;
    for (let n = 2; used.has(id); n++) id = `${block.id}-${n}`;
    used.add(id);
    return id === block.id ? block : { ...block, id };
  });
}
