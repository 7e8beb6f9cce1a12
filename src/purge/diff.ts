/**
 * Which surrogate keys' content changed between two catalogs: the keys to
 * purge (docs/caching.md, docs/decisions/0016-surrogate-keys.md).
 *
 *   - every key whose fingerprint differs, appeared or disappeared
 *     (fingerprints.ts): an edited headline is `a:<slug>`, and every list
 *     page showing that headline carries `a:<slug>` too;
 *   - `r:<slug>` for each article whose related stories changed. Those are
 *     chosen from the newest RELATED_WINDOW of the article's tag, source,
 *     author and section lists, so only the members of a list whose window
 *     changed (and articles that changed themselves) are weighed again;
 *   - `sitemaps` when the news sitemap (last 48 hours, at `now`) changed too;
 *   - `missing` (404 answers) when anything came into being: a new key, or a
 *     list that grew (its next page was a 404);
 *   - `search` when anything at all changed;
 *   - the broad key of every prefix named (answers that fell back carry it).
 */
import { createHash } from 'node:crypto';
import { MISSING_KEY, REDIRECTS_KEY, SEARCH_KEY, SITEMAPS_KEY, keyOf, withBroadKeys } from '../cache-keys/scheme';
import type { Catalog } from '../content/catalog';
import type { Article } from '../content/model';
import { newsArticles } from '../feeds/sitemaps';
import { relatedArticles } from '../pages/article';
import { backgroundSlices } from '../background';
import { catalogPrints, listIndexes } from './fingerprints';

function newsPrint(catalog: Catalog, now: Date): string {
  const hash = createHash('sha1');
  for (const article of newsArticles(catalog, now)) hash.update(`${article.slug} ${article.headline} ${article.language ?? ''} ${article.publishedAt.getTime()}\n`);
  return hash.digest('base64');
}

function sameSlugs(a: readonly Article[], b: readonly Article[]): boolean {
  return a.length === b.length && a.every((article, i) => article.slug === (b[i] as Article).slug);
}

/** Members of the lists whose window changed, and articles that changed themselves: the only ones whose related stories may differ. */
async function relatedCandidates(previous: Catalog, next: Catalog, changed: ReadonlySet<string>): Promise<Set<string>> {
  const before = (await catalogPrints(previous)).windows;
  const after = (await catalogPrints(next)).windows;
  const candidates = new Set<string>();
  for (const [index, keyFor] of listIndexes(next)) {
    for (const [slug, articles] of index) {
      const key = keyFor(slug);
      if (before.get(key) !== after.get(key)) for (const article of articles) candidates.add(article.slug);
    }
  }
  for (const article of next.articles) if (changed.has(keyOf.article(article.slug))) candidates.add(article.slug);
  return candidates;
}

/** What changed, in the order it is purged: the direct keys at once, the related boxes once weighed. */
export interface DirectChanges {
  /** The keys to purge now, broad keys, `missing` and `search` included. */
  keys: string[];
  /** The changed keys themselves (what relatedKeys starts from). */
  changed: ReadonlySet<string>;
}

/** Keys whose fingerprint changed, appeared or went, and what follows from them; worked out in slices. */
export async function directKeys(previous: Catalog, next: Catalog, now: Date = next.builtAt): Promise<DirectChanges> {
  if (previous === next) return { keys: [], changed: new Set() };
  const [before, after] = await Promise.all([catalogPrints(previous), catalogPrints(next)]);
  const changed = new Set<string>();
  let cameIntoBeing = false;
  for (const [key, print] of after.prints) {
    const old = before.prints.get(key);
    if (old === print) continue;
    changed.add(key);
    if (old === undefined) cameIntoBeing = true;
  }
  for (const key of before.prints.keys()) if (!after.prints.has(key)) changed.add(key);
  for (const [key, size] of after.sizes) if (size > (before.sizes.get(key) ?? 0)) cameIntoBeing = true;
  if (newsPrint(previous, now) !== newsPrint(next, now)) changed.add(SITEMAPS_KEY);
  const keys = new Set(changed);
  // A redirect that starts answering takes over an address that was a 404 a moment ago.
  if (cameIntoBeing || changed.has(REDIRECTS_KEY)) keys.add(MISSING_KEY);
  if (changed.size > 0) keys.add(SEARCH_KEY);
  return { keys: withBroadKeys(keys), changed };
}

/**
 * `r:<slug>` of every article whose related stories differ. Weighing them can
 * take a while on a large site (a story in a tag of 30,000 articles weighs all
 * of them), so it comes after the direct keys have been purged.
 */
export async function relatedKeys(previous: Catalog, next: Catalog, changed: ReadonlySet<string>): Promise<{ keys: string[]; weighed: number }> {
  if (previous === next || changed.size === 0) return { keys: [], weighed: 0 };
  const candidates = await relatedCandidates(previous, next, changed);
  const keys: string[] = [];
  const pause = backgroundSlices();
  for (const slug of candidates) {
    const paused = pause();
    if (paused) await paused;
    const was = previous.articleBySlug.get(slug);
    const is = next.articleBySlug.get(slug);
    if (!was || !is) continue; // a new or removed article: its own a:<slug> is purged already
    if (!sameSlugs(relatedArticles(previous, was), relatedArticles(next, is))) keys.push(keyOf.related(slug));
  }
  return { keys: keys.length ? withBroadKeys(keys) : [], weighed: candidates.size };
}

export interface CatalogDiff {
  /** The keys to purge, broad keys included; empty when readers see nothing new. */
  keys: string[];
  /** How many articles' related stories were weighed again. */
  relatedWeighed: number;
}

/** Everything to purge going from `previous` to `next` (directKeys and relatedKeys together). */
export async function changedKeys(previous: Catalog, next: Catalog, now: Date = next.builtAt): Promise<CatalogDiff> {
  const direct = await directKeys(previous, next, now);
  const related = await relatedKeys(previous, next, direct.changed);
  return { keys: [...new Set([...direct.keys, ...related.keys])], relatedWeighed: related.weighed };
}
