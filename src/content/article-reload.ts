/**
 * A reload that reads only the article files the folder watcher named and
 * changes the served content by them, instead of reading, resolving and
 * indexing every record again: at a million articles the full reload took
 * 38 s to show one edited headline (docs/decisions/0023-article-reloads.md).
 * The outcome is what the full reload (reload.ts) makes of the same folder,
 * last good versions and all; where that cannot be known from the named
 * files alone, this declines (returns undefined) and the full reload runs:
 *   - a name outside articles/, or a folder (made, moved or removed);
 *   - an article's slug taken by another file (which one wins is the full
 *     read's rule, by file order);
 *   - the set of article slugs changes (one added or gone) while other files
 *     have problems (a promo or a duplicate there may now resolve), or while
 *     an article or page outside the named files links to one that went;
 *   - redirects must be checked again (slugs added or gone, previousSlugs,
 *     status or publishedAt changed, or tags and sections where redirects.json
 *     has entries) while other files have problems (they may be the
 *     redirects' own);
 *   - another file has a problem that time may clear (a correction dated
 *     ahead of the load that refused it): only a full reload looks again.
 */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { bodyNeeds } from './bodies';
import type { ArticleChange } from './catalog';
import { LayeredMap } from './layered-map';
import { readNamedArticles, type NamedArticle, type Stamp } from './load';
import type { Article, Content } from './model';
import type { Problem } from './problems';
import type { RawRecord, StoredArticleRecord } from './records';
import { resolveRedirects } from './redirects';
import { noteLastGood, type GoodRecords, type LoadedContent } from './reload';
import { resolveAgainst } from './resolve';
import { siteIndex } from './site-paths';
import type { BodyStore } from './body-store';

/** What is served now: the records behind it, the content, and the files served as their last good version. */
export interface Served {
  good: GoodRecords;
  content: Content;
  servingLastGood: readonly string[];
}

export type ArticleReload = LoadedContent & { change: ArticleChange };

const ARTICLES = 'articles/';

/** Whether a name is one the full read would skip: a dot-named file or folder on the way (editors' swap and lock files). */
function hidden(file: string): boolean {
  return file.split('/').some((segment) => segment.startsWith('.'));
}

/**
 * The article files among `changed`, or undefined when a name is one this
 * reload cannot take: outside articles/, a folder, or a name that is gone
 * and was a folder of served or failing files.
 */
function namedArticleFiles(dataDir: string, changed: ReadonlySet<string>, served: Served): string[] | undefined {
  const files: string[] = [];
  for (const name of changed) {
    if (!name.startsWith(ARTICLES)) return undefined;
    if (hidden(name)) continue;
    if (name.endsWith('.json')) {
      files.push(name);
      continue;
    }
    // Not a record's name: a swap file, or a folder that was made or went (whose files were not named one by one).
    const prefix = name + '/';
    const holds = (file: string) => file.startsWith(prefix);
    if (isFolder(path.join(dataDir, name)) || someKey(served.good.articles, holds) || someKey(served.good.failed, holds) || served.content.problems.some((p) => holds(p.file))) return undefined;
  }
  // A .json name that is a folder is a folder of records, not a record.
  if (files.some((file) => isFolder(path.join(dataDir, file)))) return undefined;
  return files.sort();
}

/** Whether any key of the map passes: a walk, without an array of a million keys for an editor's swap file. */
function someKey(map: ReadonlyMap<string, unknown>, test: (key: string) => boolean): boolean {
  for (const key of map.keys()) if (test(key)) return true;
  return false;
}

/** Whether a name in the data folder is a folder itself (not followed: the full read walks no linked folder either). */
function isFolder(full: string): boolean {
  try {
    return lstatSync(full, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/**
 * What an article gives the redirect checks (redirects.ts, site-paths.ts): its previousSlugs,
 * whether and when it answers, and, when there are redirects.json entries, the tag and section
 * pages it makes exist. Two versions with the same need no new check.
 */
function redirectInputs(article: Article, withTags: boolean): string {
  const tags = withTags ? [article.section.slug, ...article.tags.map((tag) => tag.slug)] : [];
  return JSON.stringify([article.status, article.publishedAt.getTime(), article.previousSlugs ?? [], tags]);
}

/** A correction refused for a date ahead of the load may be fine now (resolve.ts, resolveCorrections). */
function clearedByTime(problem: Problem): boolean {
  return /^corrections\[\d+\]\.at$/.test(problem.field) && problem.message.startsWith('is in the future');
}

/**
 * Reloads the named article files against what is served; undefined when
 * the full reload must run instead (see the top of this file).
 */
export async function reloadNamedArticles(dataDir: string, served: Served, changed: ReadonlySet<string>, store: BodyStore, now: Date): Promise<ArticleReload | undefined> {
  // A data folder that is gone is the full reload's to report (it keeps serving what it has). It may be a
  // symbolic link to one (a mounted volume): followed here, as the full read follows it.
  if (!statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const files = namedArticleFiles(dataDir, changed, served);
  if (!files) return undefined;
  const { good, content } = served;
  const named = new Set(files);
  const read = await readNamedArticles(dataDir, files, store);

  // The articles the named files served, and their new records (a slug held by a file not named: the full read decides).
  const wasServed = new Map<string, Article>();
  for (const file of files) {
    const article = good.articles.get(file);
    if (article) wasServed.set(file, article);
  }
  const candidates: RawRecord<StoredArticleRecord>[] = [];
  const ownProblems = new Map<string, Problem[]>();
  for (const outcome of read.articles) {
    if (outcome.gone) continue;
    if (outcome.problems) {
      ownProblems.set(outcome.file, outcome.problems);
      continue;
    }
    const holder = content.articles.get(outcome.record.slug);
    if (holder && holder.file !== outcome.file && !named.has(holder.file)) return undefined;
    candidates.push({ file: outcome.file, record: outcome.record });
  }
  if (new Set(candidates.map((c) => c.record.slug)).size !== candidates.length) return undefined;

  // Resolve the new versions. A slug is a file's name, so a named file's slug is served after the
  // reload when its new version resolves, or when it was served before and keeps its last good version.
  const { resolve, bodies } = await resolveAgainst(dataDir, content, candidates, now, good.images);
  const gone = new Set(read.articles.filter((a) => a.gone).map((a) => a.file));
  const filesOfSlug = new Map<string, string[]>();
  for (const file of files) {
    const slug = path.posix.basename(file, '.json');
    filesOfSlug.set(slug, [...(filesOfSlug.get(slug) ?? []), file]);
  }
  const pending = new Set(candidates.map((c) => c.file));
  const hasArticle = (slug: string) => {
    const holders = filesOfSlug.get(slug);
    const holder = content.articles.get(slug);
    // A file not named that serves the slug keeps serving it (a named one with the same name may be a skipped duplicate).
    if (holder && !named.has(holder.file)) return true;
    return holders !== undefined && holders.some((file) => pending.has(file) || (wasServed.has(file) && !gone.has(file)));
  };
  let resolved: Map<string, Article>;
  for (;;) {
    resolved = new Map();
    const dropped: string[] = [];
    for (const raw of candidates) {
      if (!pending.has(raw.file)) continue;
      const problems: Problem[] = [];
      const article = resolve(raw, hasArticle, problems);
      if (article) {
        resolved.set(raw.file, article);
        continue;
      }
      ownProblems.set(raw.file, problems);
      if (!wasServed.has(raw.file)) dropped.push(raw.file);
    }
    // A new file that failed takes its slug away: the others are resolved again without it (a promo may name it).
    if (dropped.length === 0) break;
    for (const file of dropped) pending.delete(file);
  }

  // What each named file serves now: its new version, its last good one, or nothing.
  const removed: Article[] = [];
  const added: Article[] = [];
  const restored = new Set<string>();
  const servedNow = new Map<string, Article>();
  const goneSlugs = new Set([...wasServed.values()].map((a) => a.slug));
  const freshSlugs = new Set([...resolved.values()].map((a) => a.slug));
  for (const file of files) {
    const before = wasServed.get(file);
    const fresh = resolved.get(file);
    if (fresh) {
      if (before) removed.push(before);
      added.push(fresh);
      servedNow.set(file, fresh);
    } else if (before && ownProblems.has(file) && !freshSlugs.has(before.slug)) {
      // Its last good version stands in, unless another named file now serves that slug (as mergeLastGood in reload.ts).
      restored.add(file);
      servedNow.set(file, before);
    } else if (before) {
      removed.push(before);
    }
  }
  const slugsAfter = new Set([...servedNow.values()].map((a) => a.slug));
  const slugsChanged = goneSlugs.size !== slugsAfter.size || [...goneSlugs].some((slug) => !slugsAfter.has(slug));
  const otherProblems = content.problems.filter((p) => !named.has(p.file));
  if (slugsChanged && otherProblems.length > 0) return undefined;
  // A problem that time clears (a correction dated ahead of the last load) is looked at again only by a full reload.
  if (otherProblems.some(clearedByTime)) return undefined;
  const lost = new Set([...goneSlugs].filter((slug) => !slugsAfter.has(slug)));
  // redirects.json's entries are checked against tag and section pages too, which articles make.
  const withTags = good.redirects.length > 0;
  const redirectsAgain = slugsChanged || [...servedNow].some(([file, article]) => {
    const before = wasServed.get(file);
    return before === undefined || redirectInputs(before, withTags) !== redirectInputs(article, withTags) || (article.previousSlugs?.length ?? 0) > 0;
  }) || removed.some((article) => (article.previousSlugs?.length ?? 0) > 0);
  if (redirectsAgain && otherProblems.length > 0) return undefined;

  // The new content: the served one with the named files' articles changed.
  // A new version takes its old one's place; the order of this map means nothing. Layered, not copied (layered-map.ts).
  const kept = new Set(added.map((a) => a.slug));
  const articles = LayeredMap.changed(
    content.articles,
    added.map((a) => [a.slug, a] as const),
    removed.filter((a) => !kept.has(a.slug)).map((a) => a.slug),
  );
  if (lost.size > 0 && linksTo(articles, good, lost)) return undefined;
  const problems: Problem[] = [...otherProblems];
  for (const [file, list] of ownProblems) problems.push(...(restored.has(file) ? list.map(noteLastGood) : list));
  const redirects = redirectsAgain ? resolveRedirects(good.redirects, siteIndex(articles, content.authors, content.sources, content.pages, content.site.sections, now), problems) : content.redirects;
  const next: Content = { ...content, articles, problems, redirects, loadedAt: now, bodies };

  return {
    content: next,
    good: nextGood(good, files, servedNow, restored, read),
    servingLastGood: [...served.servingLastGood.filter((file) => !named.has(file)), ...restored].sort(),
    filesRead: read.articles.filter((a: NamedArticle) => !a.gone).length,
    filesChecked: files.length,
    change: { base: content, removed, added },
  };
}

/** Whether an article or a page still served links (a promo) to one of `slugs`. */
function linksTo(articles: ReadonlyMap<string, Article>, good: GoodRecords, slugs: ReadonlySet<string>): boolean {
  for (const article of articles.values()) for (const slug of article.body.links ?? []) if (slugs.has(slug)) return true;
  for (const { record } of good.pages.values()) for (const slug of bodyNeeds(record.body).links) if (slugs.has(slug)) return true;
  return false;
}

/** The records behind the new content: the named files' entries changed, every other entry shared. */
function nextGood(good: GoodRecords, files: readonly string[], servedNow: ReadonlyMap<string, Article>, restored: ReadonlySet<string>, read: Awaited<ReturnType<typeof readNamedArticles>>): GoodRecords {
  const articles: [string, Article][] = [];
  const stamps: [string, Stamp][] = [];
  const failed: [string, readonly Problem[]][] = [];
  for (const file of files) {
    const article = servedNow.get(file);
    if (article) articles.push([file, article]);
    // A file served as its last good version keeps no stamp: what is kept is not what its stamp says is on disk.
    const stamp = read.stamps.get(file);
    if (stamp && !restored.has(file)) stamps.push([file, stamp]);
    const problems = read.failed.get(file);
    if (problems) failed.push([file, problems]);
  }
  // Every named file's entries go, and come back where it has one now; the maps are layered, not copied.
  return {
    ...good,
    articles: LayeredMap.changed(good.articles, articles, files),
    stamps: LayeredMap.changed(good.stamps, stamps, files),
    failed: LayeredMap.changed(good.failed, failed, files),
  };
}
