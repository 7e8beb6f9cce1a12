/** Lists of names as a sentence says them. */

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  const separators = nameSeparators(names.length);
  return names.map((name, i) => separators[i] + name).join('');
}

/** What comes before each name when the names are printed one by one (each a link): "", ", ", " and ". */
export function nameSeparators(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? '' : i === count - 1 ? ' and ' : ', '));
}
