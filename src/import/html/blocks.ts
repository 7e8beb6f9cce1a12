/**
 * The body blocks the converters make, as records (docs/content.md, and the
 * table, embed, code, divider and gallery types and nested list items of
 * issue 10). Inline Markdown fields: paragraph, heading and quote `text`, list
 * items, table cells. Plain text fields (printed as written, escaped by the
 * page): alt, caption, credit, attribution, title. Code `text` is kept exactly.
 * Image `src` is as the source gives it (a URL or a file name): the import
 * writer makes it a file under data/images/.
 */
import type { BlockRecord } from '../../blocks/registry';

export interface ImagePart {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}

/** A nested list item: its own text, then its own list. */
export interface ListItem {
  text: string;
  items: ListEntry[];
  /** Whether the item's own list is numbered. */
  ordered?: boolean;
}
export type ListEntry = string | ListItem;

export type EmbedProvider = 'youtube' | 'vimeo' | 'x' | 'instagram';

export type ImportedBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'list'; items: ListEntry[]; ordered?: boolean }
  | { type: 'quote'; text: string; attribution?: string }
  | ({ type: 'image' } & ImagePart)
  | { type: 'gallery'; images: ImagePart[]; caption?: string }
  | { type: 'table'; caption?: string; header?: string[]; rows: string[][] }
  | { type: 'code'; text: string; language?: string }
  | { type: 'divider' }
  | { type: 'embed'; provider: EmbedProvider; url: string; title?: string };

/** What a converter returns: the blocks, and what it dropped or guessed, for the import report. */
export interface Converted {
  blocks: BlockRecord[];
  notes: string[];
}

/**
 * The boundary to the block registry: every shape here is one the registry's
 * record type accepts (the type check says so), and test/import validates
 * the converters' output against blockSchema itself.
 */
export const asRecords = (blocks: ImportedBlock[]): BlockRecord[] => blocks;
