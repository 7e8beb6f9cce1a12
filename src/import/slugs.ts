import { createHash } from 'node:crypto';

/** Slugs for imported records: readable, within the contract's pattern, never taken twice. */

const MAX_SLUG_LENGTH = 80;

/*
 * Cyrillic and Greek letters in Latin, so a Russian or Greek headline or tag
 * still makes a readable slug ("Новости" → "novosti") where dropping them
 * would leave nothing. Scripts without a short, agreed romanisation (Arabic,
 * Hebrew, CJK) are left out: their slugs come from the fallback.
 */
const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's',
  τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const TRANSLITERABLE = /[\u0370-\u03ff\u0400-\u04ff]/u;

/** "Kremlin’s “mistakes”: what now?" → "kremlins-mistakes-what-now"; empty when nothing readable is left. */
export function slugify(words: string): string {
  const lower = words.toLowerCase();
  const latin = TRANSLITERABLE.test(lower) ? lower.normalize('NFC').replace(/[\u0370-\u03ff\u0400-\u04ff]/gu, (c) => LATIN[c] ?? LATIN[c.normalize('NFD')[0] ?? ''] ?? c) : lower;
  return latin
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

/**
 * The source's own slug when it is one the contract takes and nobody has it
 * (old paths keep their last segment), else uniqueSlug of `words`.
 */
export function sourceSlugOr(sourceSlug: string | undefined, words: string, fallback: string, taken: (slug: string) => boolean): string {
  const own = sourceSlug ? slugify(sourceSlug) : '';
  if (own && own === sourceSlug?.toLowerCase() && !taken(own)) return own;
  return uniqueSlug(own || words, fallback, taken);
}

/**
 * A slug for a record whose words make none (an Arabic, Hebrew or Chinese headline or name):
 * the kind and a short hash of the item's own id ("story-3f9a1c2e"), so it is the same on every
 * import and does not depend on what else the run holds (as "story-2", "story-3" would).
 */
export function fallbackSlug(kind: string, id: string): string {
  return `${kind}-${createHash('sha1').update(id).digest('hex').slice(0, 8)}`;
}
