/** Slugs for imported records: readable, within the contract's pattern, never taken twice. */

const MAX_SLUG_LENGTH = 80;

/** "Kremlin’s “mistakes”: what now?" → "kremlins-mistakes-what-now"; empty when nothing readable is left. */
export function slugify(words: string): string {
  return words
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}

/** slugify, else `fallback`; then "-2", "-3"… until `taken` says no. */
export function uniqueSlug(words: string, fallback: string, taken: (slug: string) => boolean): string {
  const base = slugify(words) || fallback;
  let slug = base;
  for (let n = 2; taken(slug); n++) slug = `${base.slice(0, MAX_SLUG_LENGTH - String(n).length - 1)}-${n}`;
  return slug;
}
