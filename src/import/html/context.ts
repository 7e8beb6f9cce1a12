/** What the parts of the HTML/NITF converter share while they walk one document. */
import type { ImportedBlock } from './blocks';
import type { El, Node } from './dom';
import type { Run } from './inline';
import type { Notes } from './notes';

export interface Ctx {
  notes: Notes;
  /** Converts block-level content into `out`; with `splitBreaks` every line break ends a paragraph (in a quote, whose last line may be "— Name"). */
  walk(nodes: Node[], out: ImportedBlock[], options?: { splitBreaks?: boolean }): void;
  /** The inline runs of some content (images and embeds in it become block runs). */
  runs(nodes: Node[], options?: { plain?: boolean }): Run[];
  /** Makes a block of an img, picture, iframe, object, embed, NITF media, video or audio element; undefined when dropped (noted). */
  inlineBlock(el: El): ImportedBlock | undefined;
  /** The alt text the source keeps elsewhere for a picture of this src (WordPress's media library), for an image that has none. */
  altFor?: (src: string) => string | undefined;
}
