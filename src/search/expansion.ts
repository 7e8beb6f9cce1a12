/**
 * Query expansion: which index terms each query word stands for, and how much
 * each counts, by MiniSearch's rules and weights. A word matches itself; the
 * last word also matches the terms it begins, and a long word its near misses.
 * It lives apart from the scoring loop (engine.ts) because it reads only the
 * vocabulary (and how many documents hold a term), once a query; it never
 * walks the postings.
 */
import type { IndexData } from './build';
import { fuzzyTerms, prefixRange, termIndex } from './vocabulary';

/** Longest edit distance a fuzzy match may use, whatever the term length. */
const MAX_FUZZY = 2;
/** Weights of prefix and fuzzy matches against an exact one (MiniSearch's). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** A query word expands to at most this many prefix (and as many fuzzy) terms: the most frequent ones. */
export const MAX_EXPANSIONS = 200;

interface Expansion {
  term: number;
  weight: number;
}

/** One query word and the terms it matches: itself, and for the last word words it begins, for long words near misses. */
export interface WordSpec {
  term: string;
  expansions: Expansion[];
}

/** How many documents hold the term (its postings). */
export function documentFrequency(data: IndexData, term: number): number {
  return (data.postStart[term + 1] as number) - (data.postStart[term] as number);
}

/** Query words and their expansions, as MiniSearch would make them. */
export function wordSpecs(data: IndexData, words: readonly string[]): WordSpec[] {
  const { terms } = data;
  const specs: WordSpec[] = [];
  const seen = new Set<string>();
  words.forEach((word, i) => {
    const prefix = i === words.length - 1 && word.length >= 2;
    const key = `${prefix ? '*' : '='}${word}`;
    if (seen.has(key)) return;
    seen.add(key);
    const expansions: Expansion[] = [];
    const exact = termIndex(terms, word);
    if (exact >= 0) expansions.push({ term: exact, weight: 1 });
    const byPrefix = new Set<number>();
    if (prefix) {
      const [start, end] = prefixRange(terms, word);
      const found: Expansion[] = [];
      for (let t = start; t < end; t++) {
        if (t === exact) continue;
        const length = (terms[t] as string).length;
        found.push({ term: t, weight: (PREFIX_WEIGHT * length) / (length + 0.3 * (length - word.length)) });
        byPrefix.add(t);
      }
      expansions.push(...mostFrequent(data, found));
    }
    const maxDistance = word.length >= 5 ? Math.min(MAX_FUZZY, Math.round(word.length * 0.2)) : 0;
    if (maxDistance > 0) {
      const found: Expansion[] = [];
      fuzzyTerms(terms, word, maxDistance, (t, distance) => {
        if (distance === 0 || byPrefix.has(t)) return;
        const length = (terms[t] as string).length;
        found.push({ term: t, weight: (FUZZY_WEIGHT * length) / (length + distance) });
      });
      expansions.push(...mostFrequent(data, found));
    }
    specs.push({ term: word, expansions });
  });
  return specs;
}

function mostFrequent(data: IndexData, expansions: Expansion[]): Expansion[] {
  if (expansions.length <= MAX_EXPANSIONS) return expansions;
  return expansions.sort((a, b) => documentFrequency(data, b.term) - documentFrequency(data, a.term) || a.term - b.term).slice(0, MAX_EXPANSIONS);
}
