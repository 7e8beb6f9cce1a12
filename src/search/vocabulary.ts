/**
 * The index's vocabulary: every distinct term, sorted (JavaScript string
 * order), so a term's number is its position. A sorted array is a trie laid
 * flat: the terms that start with a prefix are one contiguous run, found by
 * binary search, and a fuzzy lookup walks the array as it would walk a trie,
 * reusing the edit-distance rows of the prefix a term shares with the one
 * before it and skipping a whole run as soon as its prefix is too far off.
 */

/** First position whose term is >= `key`. */
export function lowerBound(terms: readonly string[], key: string, from = 0): number {
  let lo = from;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `term`, or -1. */
export function termIndex(terms: readonly string[], term: string): number {
  const at = lowerBound(terms, term);
  return terms[at] === term ? at : -1;
}

/** First position at or after `from` whose term does not start with `prefix` (terms from `from` on that do, are a run). */
function endOfRun(terms: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as string).startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions [start, end) of the terms that start with `prefix`. */
export function prefixRange(terms: readonly string[], prefix: string): [number, number] {
  const start = lowerBound(terms, prefix);
  return [start, endOfRun(terms, prefix, start)];
}

/**
 * Calls `found(position, distance)` for every term within `maxDistance`
 * edits (Levenshtein: insertions, deletions, substitutions of UTF-16 units)
 * of `query`, in vocabulary order.
 */
export function fuzzyTerms(terms: readonly string[], query: string, maxDistance: number, found: (position: number, distance: number) => void): void {
  const m = query.length;
  // rows[d] is the edit-distance row of the current term's first d characters against the query.
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
  let previous = '';
  let valid = 0; // rows[0..valid] belong to `previous`'s prefixes
  let i = 0;
  while (i < terms.length) {
    const term = terms[i] as string;
    let depth = 0;
    const shared = Math.min(valid, previous.length, term.length);
    while (depth < shared && previous.charCodeAt(depth) === term.charCodeAt(depth)) depth++;
    let pruned = false;
    for (let d = depth + 1; d <= term.length; d++) {
      const above = rows[d - 1] as Int32Array;
      const row = (rows[d] ??= new Int32Array(m + 1));
      const c = term.charCodeAt(d - 1);
      row[0] = d;
      let min = d;
      for (let j = 1; j <= m; j++) {
        const cost = query.charCodeAt(j - 1) === c ? 0 : 1;
        const value = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
        row[j] = value;
        if (value < min) min = value;
      }
      if (min > maxDistance) {
        // No term that starts with these d characters can come within reach: skip them all.
        previous = term;
        valid = d - 1;
        i = endOfRun(terms, term.slice(0, d), i + 1);
        pruned = true;
        break;
      }
    }
    if (pruned) continue;
    previous = term;
    valid = term.length;
    const distance = (rows[term.length] as Int32Array)[m] as number;
    if (distance <= maxDistance) found(i, distance);
    i++;
  }
}
