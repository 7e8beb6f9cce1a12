/**
 * Small text helpers of the plan, the sentences and the articles:
 * capitalising, slugs (and unique ones), "a" or "an", ISO timestamps to the
 * second, and counts as a reporter writes them.
 */
import { chance, int, type Rng } from './random';

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function withArticle(word: string): string {
  return (/^[aeiou]/i.test(word) ? 'an ' : 'a ') + word;
}

export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function formatCount(rng: Rng): string {
  const n = chance(rng, 0.5) ? int(rng, 2, 99) : int(rng, 100, 48000);
  return n >= 1000 ? n.toLocaleString('en-GB') : String(n);
}

/** Returns a unique slug: the first free one of base, base-2, base-3, … */
export function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let n = 2; used.has(slug); n += 1) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}
