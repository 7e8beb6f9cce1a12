/**
 * How text becomes search terms. The index, the query and the highlighter all
 * use these two functions, so a word the index matched is exactly a word the
 * highlighter can find again in the text.
 */

/** Separators: whitespace, punctuation, symbols and control characters. */
export const SEPARATOR = /[\s\p{Z}\p{P}\p{S}\p{Cc}]+/u;

/** Splits text into raw words (empty strings dropped). */
export function tokenize(text: string): string[] {
  return text.split(SEPARATOR).filter((word) => word.length > 0);
}

/** Lower case, accents folded ("Zürich" → "zurich"), so both spellings find each other. */
export function normalizeTerm(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
}
