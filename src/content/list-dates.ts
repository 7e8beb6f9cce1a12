/**
 * The newest change (lastModified) among the articles of one catalog list,
 * remembered per list object. Catalog lists are never changed after they are
 * made, and an embargo lifting shares every list it does not touch with the
 * catalog before it, so a date worked out once holds for every later catalog
 * of the same content. A list the lifting does grow is told its date from the
 * list it grew from and the articles added (carryNewestChange), so a sitemap
 * never scans a whole list again because one story joined it.
 *
 * A sitemap index dates each page of 50,000 articles by the newest change in
 * it, and pages shift whenever a story joins: for that, changeTimes keeps
 * every article's change time in one Float64Array beside the list, read in
 * one pass over contiguous memory (walking the articles themselves costs a
 * cache miss each: 30–160 ms at 100,000 articles on the shared machine).
 */
import { lastModified } from './last-modified';
import type { Article } from './model';

/** null: the list is empty. */
const newest = new WeakMap<readonly Article[], Date | null>();

function latestChange(articles: readonly Article[], start: Date | null): Date | null {
  let max = start;
  for (const article of articles) {
    const date = lastModified(article);
    if (!max || date > max) max = date;
  }
  return max;
}

/** The latest lastModified of a catalog list's articles (undefined for an empty list). */
export function newestChange(list: readonly Article[]): Date | undefined {
  let date = newest.get(list);
  if (date === undefined) {
    date = latestChange(list, null);
    newest.set(list, date);
  }
  return date ?? undefined;
}

/**
 * Tells `grown` (= `from` without `removed`, with `added`) its newest change,
 * when `from`'s is known and none of the removed was it; else a walk of the
 * list works it out when asked.
 */
export function carryNewestChange(from: readonly Article[], grown: readonly Article[], removed: readonly Article[], added: readonly Article[]): void {
  const known = newest.get(from);
  if (known === undefined) return;
  if (grown.length === 0) newest.set(grown, null);
  else if (known === null || removed.every((article) => lastModified(article) < known)) newest.set(grown, latestChange(added, known));
}

/** Each article's lastModified in epoch ms, in the list's order. */
const times = new WeakMap<readonly Article[], Float64Array>();

/** The change times of a catalog list's articles, in its order (made once per list, or carried from the list it grew from). */
export function changeTimes(list: readonly Article[]): Float64Array {
  let made = times.get(list);
  if (!made) {
    made = new Float64Array(list.length);
    for (let i = 0; i < list.length; i++) made[i] = lastModified(list[i] as Article).getTime();
    times.set(list, made);
  }
  return made;
}

/**
 * Tells `grown` (= `from` with articles put in their places, none of them twice, and the articles
 * in `gone` taken out) its change times, when `from`'s are known: one walk comparing references,
 * reading only the added articles.
 */
export function carryChangeTimes(from: readonly Article[], grown: readonly Article[], gone?: ReadonlySet<Article>): void {
  const known = times.get(from);
  if (!known) return;
  const made = new Float64Array(grown.length);
  let j = 0;
  for (let i = 0; i < grown.length; i++) {
    const article = grown[i] as Article;
    if (gone) while (j < from.length && gone.has(from[j] as Article)) j++;
    made[i] = article === from[j] ? (known[j++] as number) : lastModified(article).getTime();
  }
  times.set(grown, made);
}
