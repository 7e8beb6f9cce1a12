/**
 * Text from outside as inline Markdown that means exactly that text: the
 * characters inline Markdown gives a meaning to here (src/text/inline.ts:
 * emphasis, links, escapes) are escaped, so "5*3" or "[sic]" stay as written.
 */
const SPECIAL = /[\\*_[\]`]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}
