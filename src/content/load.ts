/**
 * Loading the data folder: read every record, check it against the schema,
 * then hand the survivors to resolve.ts. A bad record is reported (file, field,
 * reason) and skipped; it never stops the rest from loading. Only a missing or
 * broken site.json is fatal, because no page can be drawn without it.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { BodyStore } from './body-store';
import { storeBody } from './bodies';
import { listJsonFiles, parseJson } from './files';
import { readRedirects, type RedirectsRead } from './redirects-file';
import type { Content } from './model';
import { problemsFromZod, type Problem } from './problems';
import type { CheckedRecords, RawRecord, StoredArticleRecord } from './records';
import { resolveContent } from './resolve';
import { articleSchema, authorSchema, pageSchema, siteSchema, sourceSchema, type AuthorRecord, type PageRecord, type SiteRecord, type SourceRecord } from './schema';

export type { CheckedRecords, RawRecord, StoredArticleRecord } from './records';

export class ContentLoadError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`content cannot be loaded:\n${problems.map((p) => `  ${p.file}: ${p.field ? p.field + ': ' : ''}${p.message}`).join('\n')}`);
    this.name = 'ContentLoadError';
  }
}

/** A file's size and modification time when it was read: the same stamp later means the same file, not read again. */
export interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
}

function sameStamp(a: Stamp | undefined, b: Stamp): boolean {
  return a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * A file changed this close to the read may change again within its
 * filesystem's timestamp resolution (a second on some) with the same size,
 * and look unchanged: such a stamp is not trusted, and the file is read again
 * next time (git's "racily clean" rule).
 */
const RACY_MS = 2000;

/**
 * A file's text and its stamp, from one open: fstat gives the stamp of the
 * very bytes read. Synchronous on purpose: at 100k files one sync read cost
 * about 18 µs against 70 µs through libuv's thread pool with callbacks (and
 * twice that with fs.promises), and readCollection yields between slices of
 * them so requests are still served during a reload.
 */
function readStamped(file: string): { text: string; stamp: Stamp } {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd);
    const buffer = Buffer.allocUnsafe(stats.size);
    let offset = 0;
    while (offset < stats.size) {
      const got = readSync(fd, buffer, offset, stats.size - offset, offset);
      // A file that shrank while being read: what was there is what was read.
      if (got === 0) return { text: buffer.toString('utf8', 0, offset), stamp: { size: offset, mtimeMs: stats.mtimeMs } };
      offset += got;
    }
    return { text: buffer.toString('utf8', 0, offset), stamp: { size: stats.size, mtimeMs: stats.mtimeMs } };
  } finally {
    closeSync(fd);
  }
}

function stampOf(file: string): Stamp | undefined {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats && { size: stats.size, mtimeMs: stats.mtimeMs };
  } catch {
    return undefined;
  }
}

/** How long readCollection reads files synchronously before it lets the event loop serve requests. */
const SLICE_MS = 15;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How one file read: its checked record, or the problems that kept it out. */
type Outcome<T> = { record: T; problems?: undefined } | { record?: undefined; problems: Problem[] };

/**
 * What an earlier read of the same folder knows, for files whose stamp has
 * not changed: their record (while it is served) or the problems they had.
 * Live reloads pass the previous read's; a restart can pass a snapshot's.
 */
export interface EarlierReads {
  stamps: ReadonlyMap<string, Stamp>;
  /**
   * The files (or folders) known to have changed since those stamps were
   * taken, when the folder watcher could say: a file not named here keeps its
   * stamp without a stat (at 100k files the stats were half a reload).
   * Absent: any file may have changed, each is stat'ed.
   */
  changed?: ReadonlySet<string>;
  /** Problems of files that did not pass their own checks, by file. */
  failed: ReadonlyMap<string, readonly Problem[]>;
  authors(file: string): AuthorRecord | undefined;
  sources(file: string): SourceRecord | undefined;
  articles(file: string): StoredArticleRecord | undefined;
  pages(file: string): PageRecord | undefined;
}

interface ReadState {
  dataDir: string;
  store: BodyStore;
  earlier: EarlierReads | undefined;
  stamps: Map<string, Stamp>;
  failed: Map<string, Problem[]>;
  /** Files read from disk this time (the rest came from `earlier`). */
  read: number;
  /** Files stat'ed to see whether they changed (the watcher's names spare the others). */
  checked: number;
  /** Epoch ms when the read began. */
  startedAt: number;
}

function readRecord<S extends z.ZodType, T>(state: ReadState, file: string, schema: S, finish: (record: z.infer<S>) => T, known?: (file: string) => T | undefined): Outcome<T> {
  const full = path.join(state.dataDir, file);
  const previous = state.earlier?.stamps.get(file);
  if (previous && known) {
    const trusted = state.earlier?.changed !== undefined && !namedIn(state.earlier.changed, file);
    if (!trusted) state.checked++;
    const stamp = trusted ? previous : stampOf(full);
    if (stamp && sameStamp(previous, stamp)) {
      const record = known(file);
      const problems = state.earlier?.failed.get(file);
      if (record !== undefined) return note(state, file, stamp, { record });
      if (problems) return note(state, file, stamp, { problems: [...problems] });
    }
  }
  let text: string;
  let stamp: Stamp;
  try {
    ({ text, stamp } = readStamped(full));
  } catch (error) {
    return { problems: [{ file, field: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }] };
  }
  state.read++;
  const parsed = parseJson(text);
  if (!parsed.ok) return note(state, file, stamp, { problems: [{ file, field: '', message: parsed.message }] });
  const result = schema.safeParse(parsed.value);
  if (!result.success) return note(state, file, stamp, { problems: problemsFromZod(file, result.error) });
  return note(state, file, stamp, { record: finish(result.data) });
}

/** Whether `file` or a folder it is in is one of `changed`. */
export function namedIn(changed: ReadonlySet<string>, file: string): boolean {
  if (changed.has(file)) return true;
  for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) {
    if (changed.has(file.slice(0, slash))) return true;
  }
  return false;
}

/** Remembers how a file read under its stamp, for the next read. */
function note<T>(state: ReadState, file: string, stamp: Stamp, outcome: Outcome<T>): Outcome<T> {
  if (stamp.mtimeMs < state.startedAt - RACY_MS) state.stamps.set(file, stamp);
  if (outcome.problems) state.failed.set(file, outcome.problems);
  return outcome;
}

/** Reads one folder of slugged records: checks shape, file name = slug, and one record per slug. */
async function readCollection<S extends z.ZodType<{ slug: string }>, T extends { slug: string }>(
  state: ReadState,
  folder: string,
  schema: S,
  problems: Problem[],
  listed: Set<string>,
  finish: (record: z.infer<S>) => T,
  known: ((file: string) => T | undefined) | undefined,
): Promise<RawRecord<T>[]> {
  const files = await listJsonFiles(state.dataDir, folder);
  for (const file of files) listed.add(file);
  const outcomes: Outcome<T>[] = [];
  let sliceEnds = performance.now() + SLICE_MS;
  for (const file of files) {
    if (performance.now() > sliceEnds) {
      await nextTurn();
      sliceEnds = performance.now() + SLICE_MS;
    }
    outcomes.push(readRecord(state, file, schema, finish, known));
  }
  const seen = new Map<string, string>();
  const out: RawRecord<T>[] = [];
  files.forEach((file, index) => {
    const outcome = outcomes[index] as Outcome<T>;
    if (outcome.problems) {
      problems.push(...outcome.problems);
      return;
    }
    const { record } = outcome;
    const mismatch = slugMismatch(file, record);
    if (mismatch) {
      problems.push(mismatch);
      return;
    }
    const first = seen.get(record.slug);
    if (first) {
      problems.push({ file, field: 'slug', message: `duplicate slug "${record.slug}": already used by ${first}; this file is skipped` });
      return;
    }
    seen.set(record.slug, file);
    out.push({ file, record });
  });
  return out;
}

/** A record's slug must be its file's name: the problem when it is not. */
function slugMismatch(file: string, record: { slug: string }): Problem | undefined {
  const expected = path.posix.basename(file, '.json');
  return record.slug === expected ? undefined : { file, field: 'slug', message: `is "${record.slug}" but must match the file name "${expected}"` };
}

/** What one named article file holds now: gone, a checked record, or the problems that keep it out. */
export type NamedArticle = { file: string; gone: true } | ({ file: string; gone?: undefined } & Outcome<StoredArticleRecord>);

export interface NamedArticlesRead {
  articles: NamedArticle[];
  /** Stamps of the files read (those not changed too recently to trust, as in readRecords). */
  stamps: Map<string, Stamp>;
  /** Own-check problems of the files that failed. */
  failed: Map<string, Problem[]>;
}

/**
 * Reads and checks the named article files only (shape, slug = file name),
 * their bodies going into `store`: for a reload that knows which files
 * changed (article-reload.ts). A file that is no longer there, or is no
 * longer a plain file, is gone.
 */
export async function readNamedArticles(dataDir: string, files: readonly string[], store: BodyStore): Promise<NamedArticlesRead> {
  const state: ReadState = { dataDir, store, earlier: undefined, stamps: new Map(), failed: new Map(), read: 0, checked: 0, startedAt: Date.now() };
  const finish = storedArticle(store, new StringPool());
  const articles: NamedArticle[] = [];
  let sliceEnds = performance.now() + SLICE_MS;
  for (const file of files) {
    if (performance.now() > sliceEnds) {
      await nextTurn();
      sliceEnds = performance.now() + SLICE_MS;
    }
    const stats = lstatOf(path.join(dataDir, file));
    if (!stats?.isFile()) {
      articles.push({ file, gone: true });
      continue;
    }
    const outcome = readRecord(state, file, articleSchema, finish);
    // As in readCollection: a slug that is not the file name is the folder's problem, not the file's own (it is read again next time).
    const mismatch = outcome.record && slugMismatch(file, outcome.record);
    articles.push({ file, ...(mismatch ? { problems: [mismatch] } : outcome) });
  }
  return { articles, stamps: state.stamps, failed: state.failed };
}

function lstatOf(full: string): Stats | undefined {
  try {
    return lstatSync(full, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The checked article with its body moved into the store: from here on only where the body is stays on the heap. */
function storedArticle(store: BodyStore, pool: StringPool): (record: z.infer<typeof articleSchema>) => StoredArticleRecord {
  return (record) => {
    const { body, imported: _imported, ...rest } = record;
    const stored = { ...rest, body: storeBody(store, body) };
    shareStrings(stored, pool);
    return stored;
  };
}

const same = <T>(record: T): T => record;

export interface LoadOptions {
  /** Overrides site.json's baseUrl (the BASE_URL setting). */
  baseUrl?: string;
  now?: Date;
  /** Where article bodies go (a private store of its own when absent). */
  store?: BodyStore;
}

/** Every record file read and checked on its own (shape, slug), before references are resolved. */
export interface RecordsRead {
  /** site.json, when it could be read and is valid. */
  site: SiteRecord | undefined;
  /** The records that passed their checks. */
  records: CheckedRecords;
  problems: Problem[];
  /** Every record file found in the collections (good or not), relative to the data folder. */
  files: ReadonlySet<string>;
  /** How data/redirects.json read: its good entries are in `records.redirects`. */
  redirects: RedirectsRead['state'];
  /** The stamp of every collection file this read looked at, and the own-check problems of those that failed: the next read's EarlierReads. */
  stamps: Map<string, Stamp>;
  failed: Map<string, Problem[]>;
  /** How many collection files were read from disk (the others were known unchanged). */
  filesRead: number;
  /** How many known collection files were stat'ed to see whether they changed. */
  filesChecked: number;
}

/**
 * Reads site.json and every collection, checking each record's shape; no
 * references yet. Article bodies go into `store`. Files whose stamp matches
 * `earlier` are not read again: their record or problems are taken from it.
 */
export async function readRecords(dataDir: string, store: BodyStore, earlier?: EarlierReads): Promise<RecordsRead> {
  const problems: Problem[] = [];
  const files = new Set<string>();
  const state: ReadState = { dataDir, store, earlier, stamps: new Map(), failed: new Map(), read: 0, checked: 0, startedAt: Date.now() };
  // site.json and redirects.json are single files, read every time: cheap, and they decide everything else.
  const siteRead = readRecord({ ...state, earlier: undefined, stamps: new Map(), failed: new Map() }, 'site.json', siteSchema, same);
  if (siteRead.problems) problems.push(...siteRead.problems);
  const pool = new StringPool();
  const [authors, sources, articles, pages, redirects] = await Promise.all([
    readCollection(state, 'authors', authorSchema, problems, files, same, earlier && ((file) => earlier.authors(file))),
    readCollection(state, 'sources', sourceSchema, problems, files, same, earlier && ((file) => earlier.sources(file))),
    readCollection(state, 'articles', articleSchema, problems, files, storedArticle(store, pool), earlier && ((file) => earlier.articles(file))),
    readCollection(state, 'pages', pageSchema, problems, files, same, earlier && ((file) => earlier.pages(file))),
    readRedirects(dataDir, problems),
  ]);
  const entries = redirects.state === 'read' ? redirects.entries : [];
  return {
    site: siteRead.record,
    records: { authors, sources, articles, pages, redirects: entries },
    problems,
    files,
    redirects: redirects.state,
    stamps: state.stamps,
    failed: state.failed,
    filesRead: state.read,
    filesChecked: state.checked,
  };
}

/**
 * JSON.parse makes a new string for every value, so a tag, author or source
 * slug, a section or an image path written in 100k articles is 100k strings.
 * One string per distinct value instead, pooled for one read.
 */
class StringPool {
  private readonly pool = new Map<string, string>();

  one(value: string): string {
    const found = this.pool.get(value);
    if (found !== undefined) return found;
    this.pool.set(value, value);
    return value;
  }

  each(list: string[]): void {
    for (let i = 0; i < list.length; i++) list[i] = this.one(list[i] as string);
  }
}

function shareStrings(record: StoredArticleRecord, pool: StringPool): void {
  record.section = pool.one(record.section);
  pool.each(record.tags);
  pool.each(record.authors);
  record.sources.forEach((ref, i) => {
    if (typeof ref === 'string') record.sources[i] = pool.one(ref);
    else ref.source = pool.one(ref.source);
  });
  if (record.origin) record.origin = pool.one(record.origin);
  if (record.image) record.image.src = pool.one(record.image.src);
}

/** site.json with the BASE_URL override applied. */
export function withBaseUrl(site: SiteRecord, options: LoadOptions): SiteRecord {
  return options.baseUrl ? { ...site, baseUrl: options.baseUrl } : site;
}

/** Reads and checks every record in dataDir; returns the resolved content and every problem found. */
export async function loadContent(dataDir: string, options: LoadOptions = {}): Promise<Content> {
  const store = options.store ?? BodyStore.private();
  const { site, records, problems } = await readRecords(dataDir, store);
  if (!site) throw new ContentLoadError(problems.filter((p) => p.file === 'site.json'));
  return resolveContent(dataDir, withBaseUrl(site, options), records, problems, options.now ?? new Date(), store);
}
