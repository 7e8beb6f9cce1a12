/**
 * A post's content:encoded → the HTML WordPress would show, ready for the
 * one body converter (htmlToBlocks): block-editor delimiters resolved
 * (block-comments.ts), shortcodes expanded (shortcodes.ts), and classic
 * editor text given its paragraphs (wpautop.ts) the way the_content does.
 * WordPress runs wpautop before shortcodes; here shortcodes go first, so the
 * figures they make are block elements wpautop leaves alone (what
 * shortcode_unautop() exists to repair).
 */
import { htmlToBlocks, type Converted } from '../html';
import { hasBlocks, resolveBlockComments } from './block-comments';
import { expandShortcodes, type ShortcodeContext } from './shortcodes';
import { uploadKey } from './lookups';
import { wpautop } from './wpautop';

export function contentToBlocks(content: string, ctx: ShortcodeContext): Converted {
  const text = content.replace(/\r\n?/g, '\n');
  const classic = !hasBlocks(text);
  const expanded = expandShortcodes(resolveBlockComments(text, ctx.notes), ctx);
  const { altByFile } = ctx;
  const converted = htmlToBlocks(classic ? wpautop(expanded) : expanded, altByFile ? { altFor: (src) => altByFile.get(uploadKey(src)) } : {});
  return { blocks: converted.blocks, notes: [...ctx.notes, ...converted.notes] };
}
