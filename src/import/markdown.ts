/**
 * Text from outside as inline Markdown that means exactly that text: the
 * characters inline Markdown gives a meaning to here (src/text/inline.ts:
 * emphasis, links, escapes, and backticks) are escaped, so "5*3" or "[sic]"
 * stay as written. Used by every reader (plain text, the HTML and NITF converter).
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]]/;
const MARKDOWN_SPECIALS = /[\\`*_[\]]/g;

export function escapeMarkdown(text: string): string {
  // Most text has nothing to escape: test before replacing (an import calls this per text run).
  return MARKDOWN_SPECIAL.test(text) ? text.replace(MARKDOWN_SPECIALS, '\\$&') : text;
}
