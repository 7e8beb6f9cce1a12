/**
 * HTML and NITF bodies → body blocks, safely: parsed by htmlparser2, never
 * by patterns; every text field is plain text or inline Markdown whose source
 * text is escaped, so no markup of the source survives (docs/content.md).
 * What was dropped or guessed comes back as notes for the import report.
 *
 *   htmlToBlocks('<p>Hi <em>there</em></p><hr>') → { blocks: [{type: 'paragraph', text: 'Hi *there*'}, {type: 'divider'}], notes: [] }
 */
import { asRecords, type Converted, type ImportedBlock } from './blocks';
import { createContext, type ConvertOptions } from './convert';
import { firstDescendant, MAX_DEPTH, MAX_PARSE_DEPTH, parseMarkup, plainText, type El, type Parsed } from './dom';
import { Notes } from './notes';

export type { ConvertOptions } from './convert';
export type { Converted, ImagePart, ImportedBlock, ListEntry, ListItem } from './blocks';
export { embedOf } from './embeds';
export { escapeMarkdown } from './inline';
export { textToBlocks } from './text';
export { imageSource } from './urls';

function convert(container: El, parsed: Parsed, skip: (el: El) => boolean = () => false, options: ConvertOptions = {}): Converted {
  const notes = new Notes();
  if (parsed.flattened) notes.add(`flattened markup nested more than ${MAX_DEPTH} levels deep to its text`);
  if (parsed.cut) notes.add(`stopped reading where the markup nests more than ${MAX_PARSE_DEPTH} levels deep: the rest is left out`);
  const ctx = createContext(notes, options);
  const blocks: ImportedBlock[] = [];
  ctx.walk(
    container.children.filter((child) => typeof child === 'string' || !skip(child)),
    blocks,
  );
  return { blocks: asRecords(tidy(blocks)), notes: notes.list() };
}

/** No divider opens or closes a body, and never two in a row. */
function tidy(blocks: ImportedBlock[]): ImportedBlock[] {
  const out = blocks.filter((block, i) => block.type !== 'divider' || blocks[i - 1]?.type !== 'divider');
  while (out[0]?.type === 'divider') out.shift();
  while (out[out.length - 1]?.type === 'divider') out.pop();
  return out;
}

/** An HTML fragment or a whole document (its `<body>`) → body blocks. */
export function htmlToBlocks(html: string, options: ConvertOptions = {}): Converted {
  const parsed = parseMarkup(html);
  return convert(firstDescendant(parsed.root, (el) => el.name === 'body') ?? parsed.root, parsed, undefined, options);
}

/**
 * NITF → body blocks: the XML of a `<body.content>` (or of what is inside
 * one), or a whole NITF document, whose `<body.content>` is found (namespace
 * prefixes and letter case do not matter). The headline, byline and other
 * parts of `<body.head>` and `<body.end>` are metadata the caller reads.
 */
export function nitfToBlocks(nitfBody: string): Converted {
  const parsed = parseMarkup(nitfBody, true);
  const content = firstDescendant(parsed.root, (el) => el.name === 'body.content');
  if (content) return convert(content, parsed);
  const body = firstDescendant(parsed.root, (el) => el.name === 'body');
  return convert(body ?? parsed.root, parsed, (el) => el.name === 'head' || el.name === 'body.head' || el.name === 'body.end');
}

/** The words of some HTML as one line of plain text (for a headline or standfirst given as HTML). */
export function htmlToText(html: string): string {
  const { root } = parseMarkup(html);
  return plainText(firstDescendant(root, (el) => el.name === 'body') ?? root);
}

/** Whether some XML is NITF: a <nitf> document or a <body.content>, by its elements. */
export function isNitf(xml: string): boolean {
  const { root } = parseMarkup(xml, true);
  return !!firstDescendant(root, (el) => el.name === 'nitf' || el.name === 'body.content');
}
