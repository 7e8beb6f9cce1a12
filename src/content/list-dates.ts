/**
 * The newest change (lastModified) among the articles of one catalog list,
 * remembered per list object. Catalog lists are never changed after they are
 * made, and an embargo lifting shares every list it does not touch with the
 * catalog before it, so a date worked out once holds for every later catalog
 * of the same content. A list the lifting does grow is told its date from the
 * list it grew from and the articles added (carryNewestChange), so a sitemap
 * never scans a whole list again because one story joined it.
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

/** Tells `grown` (= `from` plus `added`) its newest change, when `from`'s is known; else it is worked out when asked. */
export function carryNewestChange(from: readonly Article[], grown: readonly Article[], added: readonly Article[]): void {
  const known = newest.get(from);
  if (known !== undefined) newest.set(grown, latestChange(added, known));
}
