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

// Non-ASCII words are normalised through a small cache: a news archive repeats its words.
const normalized = new Map<string, string>();
const NORMALIZED_CACHE_LIMIT = 50_000;

function cachedNormalizeTerm(word: string): string {
  let term = normalized.get(word);
  if (term === undefined) {
    term = normalizeTerm(word);
    if (normalized.size >= NORMALIZED_CACHE_LIMIT) normalized.clear();
    normalized.set(word, term);
  }
  return term;
}

export const NON_ASCII = /[^\x00-\x7f]/;

/** normalizeTerm, faster: ASCII words are only lower-cased (which is all normalizeTerm does to them), others are cached. */
export function normalizeWord(word: string): string {
  return NON_ASCII.test(word) ? cachedNormalizeTerm(word) : word.toLowerCase();
}

/**
 * Calls `emit` with every term of the text, in order: exactly
 * `tokenize(text).map(normalizeTerm)` without the empty terms, with the
 * normalising cached. (The index builder cuts ASCII text itself: in ASCII,
 * SEPARATOR is every character but letters and digits, and normalising is
 * lower-casing.)
 */
export function forEachTerm(text: string, emit: (term: string) => void): void {
  for (const word of tokenize(text)) {
    const term = cachedNormalizeTerm(word);
    if (term) emit(term);
  }
}
