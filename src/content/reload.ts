/**
 * Loading again while the site runs, keeping the last good version of every
 * record. The unit of "good" is the checked record of one file that made it
 * into the served content (for articles, the served article itself, turned
 * back into its record when needed). On a reload:
 *   - a file that still exists but now fails (bad JSON, schema, slug, or a
 *     reference that no longer resolves) is replaced by its last good record,
 *     and its problems say "…; serving the last good version";
 *   - a file that fails and never loaded before is skipped (as at start);
 *   - a file that is gone takes its record with it; records that depended on
 *     it are then reported by the resolver as usual;
 *   - a broken or missing site.json keeps the previous site record.
 * Everything here is a function of (what is on disk, the previous good records).
 */
import { promises as fs } from 'node:fs';
import { ImageProbes } from './images';
import type { Article, Content } from './model';
import type { BodyStore } from './body-store';
import { ContentLoadError, readRecords, withBaseUrl, type CheckedRecords, type EarlierReads, type LoadOptions, type RawRecord, type RecordsRead, type Stamp, type StoredArticleRecord } from './load';
import type { Problem } from './problems';
import { articleKey, articleRecordOf } from './record-forms';
import { REDIRECTS_FILE } from './redirects-file';
import { resolveContent } from './resolve';
import type { AuthorRecord, PageRecord, SiteRecord, SourceRecord } from './schema';

export const LAST_GOOD_NOTE = 'serving the last good version';

/** The records behind the content being served, by file; what a later reload falls back to. */
export interface GoodRecords {
  /** site.json as written (before the BASE_URL override). */
  site: SiteRecord;
  authors: ReadonlyMap<string, RawRecord<AuthorRecord>>;
  sources: ReadonlyMap<string, RawRecord<SourceRecord>>;
  /**
   * Articles as served, not as raw records: a raw copy of every article beside
   * the served one was ~80 MB at 100k articles. `articleRecordOf` gives the
   * record back (in canonical form) when a reload needs it.
   */
  articles: ReadonlyMap<string, Article>;
  /** Static pages as their raw records (a handful; no need to rebuild them from the served page). */
  pages: ReadonlyMap<string, RawRecord<PageRecord>>;
  /** The image probes of that load: unchanged image files are not read again. */
  images: ImageProbes;
  /** The entries of redirects.json that passed their own checks, kept for a reload that finds the file broken. */
  redirects: CheckedRecords['redirects'];
  /**
   * Stamps of the files whose record above is their current version (or whose
   * own-check problems are in `failed`): the next reload does not read them.
   * A file served as its last good version has none, so it is read every time.
   */
  stamps: ReadonlyMap<string, Stamp>;
  failed: ReadonlyMap<string, readonly Problem[]>;
}

/** What the next read may take from the records being served instead of reading the file again; `changed` as in EarlierReads. */
export function earlierReads(good: GoodRecords, changed?: ReadonlySet<string>): EarlierReads {
  return {
    stamps: good.stamps,
    ...(changed && { changed }),
    failed: good.failed,
    authors: (file) => good.authors.get(file)?.record,
    sources: (file) => good.sources.get(file)?.record,
    articles: (file) => {
      const article = good.articles.get(file);
      return article && articleRecordOf(article);
    },
    pages: (file) => good.pages.get(file)?.record,
  };
}

export interface LoadedContent {
  content: Content;
  good: GoodRecords;
  /** Files whose current version fails and whose last good version is served instead. */
  servingLastGood: string[];
  /** Collection files read from disk (the others were known unchanged). */
  filesRead: number;
  /** Known collection files stat'ed to see whether they changed. */
  filesChecked: number;
}

function byFile<T>(a: RawRecord<T>, b: RawRecord<T>): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** How a kind of record gives back the checked record of its last good version. */
interface Kept<T, G> {
  recordOf: (good: G) => T;
  /** Equal for two records exactly when they resolve the same, to tell whether a record changed. */
  key: (record: T) => string;
}

function keptRaw<T>(): Kept<T, RawRecord<T>> {
  return { recordOf: (good) => good.record, key: (record) => JSON.stringify(record) };
}

/** Authors, sources and pages are kept as their raw records; articles as served, turned back into their record (canonical form) only when a reload needs it. */
const KEPT = {
  authors: keptRaw<AuthorRecord>(),
  sources: keptRaw<SourceRecord>(),
  articles: { recordOf: articleRecordOf, key: articleKey } satisfies Kept<StoredArticleRecord, Article>,
  pages: keptRaw<PageRecord>(),
};

/**
 * Raw-level merge: for each file that is still there but did not pass its own
 * checks now, put back its previous good record (unless another file now holds
 * that slug). Returns the merged records and the files put back.
 */
function mergeLastGood(read: RecordsRead, previous: GoodRecords): { records: CheckedRecords; restored: Set<string> } {
  const restored = new Set<string>();
  const merge = <T extends { slug: string }, G>(current: RawRecord<T>[], before: ReadonlyMap<string, G>, kept: Kept<T, G>): RawRecord<T>[] => {
    const files = new Set(current.map((r) => r.file));
    const slugs = new Set(current.map((r) => r.record.slug));
    const out = [...current];
    for (const [file, good] of before) {
      if (files.has(file) || !read.files.has(file)) continue;
      const record = kept.recordOf(good);
      if (slugs.has(record.slug)) continue;
      out.push({ file, record });
      slugs.add(record.slug);
      restored.add(file);
    }
    return out.sort(byFile);
  };
  return {
    records: {
      authors: merge(read.records.authors, previous.authors, KEPT.authors),
      sources: merge(read.records.sources, previous.sources, KEPT.sources),
      articles: merge(read.records.articles, previous.articles, KEPT.articles),
      pages: merge(read.records.pages, previous.pages, KEPT.pages),
      // redirects.json is one file: broken as a whole, its last good entries stand in for it.
      redirects: read.redirects === 'broken' ? previous.redirects : read.records.redirects,
    },
    restored: read.redirects === 'broken' ? new Set([...restored, REDIRECTS_FILE]) : restored,
  };
}

/** Files of the records that made it into the content. */
function servedFiles(content: Content): Set<string> {
  const files = new Set<string>();
  for (const author of content.authors.values()) files.add(author.file);
  for (const source of content.sources.values()) files.add(source.file);
  for (const article of content.articles.values()) files.add(article.file);
  for (const page of content.pages.values()) files.add(page.file);
  return files;
}

function goodRecords(site: SiteRecord, records: CheckedRecords, content: Content, served: Set<string>, images: ImageProbes, read: RecordsRead, restored: ReadonlySet<string>): GoodRecords {
  const keep = <T>(list: RawRecord<T>[]) => new Map(list.filter((r) => served.has(r.file)).map((r) => [r.file, r]));
  const articles = new Map<string, Article>();
  for (const article of content.articles.values()) articles.set(article.file, article);
  // A file served as its last good version keeps no stamp: what is kept is not what its stamp says is on disk.
  for (const file of restored) read.stamps.delete(file);
  return { site, authors: keep(records.authors), sources: keep(records.sources), articles, pages: keep(records.pages), images, redirects: records.redirects, stamps: read.stamps, failed: read.failed };
}

/** A problem of a file whose last good version is served instead, saying so. */
export function noteLastGood(problem: Problem): Problem {
  return { ...problem, message: `${problem.message}; ${LAST_GOOD_NOTE}` };
}

/**
 * Loads dataDir like loadContent, falling back to `previous` record by record.
 * Without `previous` it is loadContent (a missing or broken site.json throws
 * ContentLoadError). With `previous`, a data folder that cannot be read at all
 * throws, so the caller keeps serving what it has.
 */
export interface ReloadOptions extends LoadOptions {
  /** The files the folder watcher named since `previous` was read (see EarlierReads.changed); absent: any may have changed. */
  changed?: ReadonlySet<string>;
}

export async function loadContentKeepingLastGood(dataDir: string, previous: GoodRecords | undefined, store: BodyStore, options: ReloadOptions = {}, snapshot?: EarlierReads): Promise<LoadedContent> {
  if (previous) {
    const stat = await fs.stat(dataDir).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`data folder ${dataDir} cannot be read (${error.code ?? error.message}); still serving the previous content`);
    });
    if (!stat.isDirectory()) throw new Error(`data folder ${dataDir} is not a folder; still serving the previous content`);
  }
  // A restart's first load may take what a snapshot knew (src/content/snapshot.ts); a reload takes the previous load's.
  const read = await readRecords(dataDir, store, previous ? earlierReads(previous, options.changed) : snapshot);
  const restored = new Set<string>();
  let site = read.site;
  if (!site) {
    if (!previous) throw new ContentLoadError(read.problems.filter((p) => p.file === 'site.json'));
    site = previous.site;
    restored.add('site.json');
  }
  let records = read.records;
  if (previous) {
    const merged = mergeLastGood(read, previous);
    records = merged.records;
    for (const file of merged.restored) restored.add(file);
  }
  const now = options.now ?? new Date();
  const siteRecord = withBaseUrl(site, options);
  const images = new ImageProbes(previous?.images);

  // Reference-level fallback: a file whose new version passes its own checks
  // but does not resolve (an author that is gone, a missing image) goes back to
  // its last good version, and everything is resolved again. Each file goes
  // back at most once, so this ends; usually it is one round.
  const carried: Problem[] = [];
  let content: Content;
  for (;;) {
    const problems = [...read.problems, ...carried];
    content = await resolveContent(dataDir, siteRecord, records, problems, now, store, images);
    if (!previous) break;
    const served = servedFiles(content);
    const back = new Set<string>();
    const putBack = <T, G>(list: RawRecord<T>[], before: ReadonlyMap<string, G>, kept: Kept<T, G>): RawRecord<T>[] =>
      list.map((current) => {
        const good = before.get(current.file);
        if (good === undefined || served.has(current.file) || restored.has(current.file)) return current;
        const record = kept.recordOf(good);
        if (kept.key(record) === kept.key(current.record)) return current;
        back.add(current.file);
        return { file: current.file, record };
      });
    const next: CheckedRecords = {
      authors: putBack(records.authors, previous.authors, KEPT.authors),
      sources: putBack(records.sources, previous.sources, KEPT.sources),
      articles: putBack(records.articles, previous.articles, KEPT.articles),
      pages: putBack(records.pages, previous.pages, KEPT.pages),
      redirects: records.redirects,
    };
    if (back.size === 0) break;
    carried.push(...problems.filter((p) => back.has(p.file)));
    for (const file of back) restored.add(file);
    records = next;
  }

  // Say which problems are covered by a last good version (only where it was
  // actually served: a last good version can itself stop resolving).
  const served = servedFiles(content);
  const covered = (file: string) => restored.has(file) && (file === 'site.json' || file === REDIRECTS_FILE || served.has(file));
  const newVersionProblems = new Set<Problem>([...read.problems, ...carried]);
  const problems = content.problems.map((p) => (newVersionProblems.has(p) && covered(p.file) ? noteLastGood(p) : p));
  const servingLastGood = [...restored].filter(covered).sort();
  return {
    content: { ...content, problems },
    good: goodRecords(site, records, content, served, images, read, restored),
    servingLastGood,
    filesRead: read.filesRead,
    filesChecked: read.filesChecked,
  };
}
