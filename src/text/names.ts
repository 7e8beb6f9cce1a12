/** Lists of names as a sentence says them. */

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What comes before each name when the names are printed one by one (each a link): "", ", ", " and ". */
export function nameSeparators(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? '' : i === count - 1 ? ' and ' : ', '));
}
