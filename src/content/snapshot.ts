/**
 * The catalog snapshot (CATALOG_CACHE_DIR): what the last load knew of every
 * file, so a restart reads and checks only the files that changed since
 * (docs/decisions/0019-catalog-snapshot.md).
 *
 * The folder holds two files: `bodies.bin`, the body store the records point
 * into, and `catalog.snapshot`: a header line, one JSON line per file (its
 * stamp and its checked record, or the problems it had), and a trailer with
 * the line count and a hash of every line before it. A snapshot is used only
 * when all of it checks: the trailer's count and hash, the header's format,
 * the code that wrote it (a hash of the modules that decide what a checked
 * record is), the data folder, and the body store's token and length. Anything
 * else, and it is ignored and the folder started afresh; deleting the folder
 * is always safe.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, promises as fs, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { backgroundSlices } from '../background';
import { BodyStore } from './body-store';
import type { EarlierReads, Stamp, StoredArticleRecord } from './load';
import type { Problem } from './problems';
import { articleRecordOf } from './record-forms';
import type { GoodRecords } from './reload';
import type { AuthorRecord, PageRecord, SourceRecord } from './schema';

const FORMAT = 'newsreel-catalog-snapshot/1';
const SNAPSHOT_FILE = 'catalog.snapshot';
const BODIES_FILE = 'bodies.bin';
/**
 * Lines gathered before one write. Making them gives way to requests between
 * short slices (background.ts): the first snapshot of a large site is written
 * while it serves its first readers.
 */
const LINES_PER_WRITE = 2000;

type Kind = 'authors' | 'sources' | 'articles' | 'pages' | 'failed';
type Line = [Kind, string, number, number, unknown];

interface Header {
  format: string;
  code: string;
  dataDir: string;
  store: string;
  storeBytes: number;
}

/** A hash of the modules whose code decides what a checked record and a stored body are: another version of them, another snapshot. */
function codeVersion(): string {
  const hash = createHash('sha1');
  for (const dir of [__dirname, path.join(__dirname, '../blocks')]) {
    for (const file of readdirSync(dir).sort()) if (/\.(ts|js)$/.test(file)) hash.update(file).update(readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex');
}

/** The body store's first line: names it, so a snapshot never reads another store's offsets. */
function storeToken(store: BodyStore): string | undefined {
  if (store.size === 0) return undefined;
  try {
    const first = store.head(64);
    return /^\{"store":"([0-9a-f-]{36})"\}\n/.exec(first)?.[1];
  } catch {
    return undefined;
  }
}

export interface SnapshotFolder {
  /** The body store to load into: the snapshot's, or a fresh one. */
  store: BodyStore;
  /** What the snapshot knew, when it could be trusted. */
  earlier?: EarlierReads;
  /** Why a snapshot that was there was not used (for the log). */
  ignored?: string;
  files: number;
}

/**
 * Opens the cache folder: its snapshot and body store when both check, else a
 * fresh, empty body store (the old files removed).
 */
export async function openSnapshot(dir: string, dataDir: string): Promise<SnapshotFolder> {
  mkdirSync(dir, { recursive: true });
  const snapshotFile = path.join(dir, SNAPSHOT_FILE);
  const bodiesFile = path.join(dir, BODIES_FILE);
  let ignored: string | undefined;
  if (existsSync(snapshotFile) && existsSync(bodiesFile)) {
    const store = BodyStore.kept(bodiesFile);
    try {
      const earlier = await readSnapshot(snapshotFile, dataDir, store);
      return { store, earlier: earlier.reads, files: earlier.files };
    } catch (error) {
      ignored = (error as Error).message;
      store.close();
    }
  } else if (existsSync(snapshotFile) || existsSync(bodiesFile)) {
    ignored = `${existsSync(snapshotFile) ? BODIES_FILE : SNAPSHOT_FILE} is missing`;
  }
  rmSync(snapshotFile, { force: true });
  rmSync(bodiesFile, { force: true });
  const store = BodyStore.kept(bodiesFile);
  store.append(`{"store":"${randomUUID()}"}\n`);
  store.flush();
  return { store, ...(ignored && { ignored }), files: 0 };
}

class SnapshotError extends Error {}

async function readSnapshot(file: string, dataDir: string, store: BodyStore): Promise<{ reads: EarlierReads; files: number }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const hash = createHash('sha1');
  const stamps = new Map<string, Stamp>();
  const failed = new Map<string, readonly Problem[]>();
  const records = { authors: new Map<string, AuthorRecord>(), sources: new Map<string, SourceRecord>(), articles: new Map<string, StoredArticleRecord>(), pages: new Map<string, PageRecord>() };
  let header: Header | undefined;
  let trailer: { lines: number; sha1: string } | undefined;
  let count = 0;
  for await (const line of lines) {
    if (trailer) throw new SnapshotError('the snapshot goes on after its end');
    if (header === undefined) {
      header = parse(line) as Header;
      const expected = { format: FORMAT, code: codeVersion(), dataDir: path.resolve(dataDir), store: storeToken(store) };
      if (header.format !== expected.format) throw new SnapshotError(`its format is ${JSON.stringify(header.format)}, not ${expected.format}`);
      if (header.code !== expected.code) throw new SnapshotError('it was written by another version of newsreel');
      if (header.dataDir !== expected.dataDir) throw new SnapshotError(`it is of the data folder ${header.dataDir}`);
      if (header.store !== expected.store || store.size < header.storeBytes) throw new SnapshotError(`${BODIES_FILE} is not the body store it was written with`);
    } else if (line.startsWith('{"end":')) {
      trailer = (parse(line) as { end: { lines: number; sha1: string } }).end;
      continue;
    } else {
      const [kind, name, size, mtimeMs, value] = parse(line) as Line;
      stamps.set(name, { size, mtimeMs });
      if (kind === 'failed') failed.set(name, value as Problem[]);
      else if (kind in records) (records[kind] as Map<string, unknown>).set(name, value);
      else throw new SnapshotError(`line ${count + 2} is of an unknown kind ${JSON.stringify(kind)}`);
    }
    hash.update(line).update('\n');
    count++;
  }
  if (!header) throw new SnapshotError('it is empty');
  if (!trailer) throw new SnapshotError('it ends before its end (a write was cut short)');
  if (trailer.lines !== count || trailer.sha1 !== hash.digest('hex')) throw new SnapshotError('its lines do not match its checksum');
  return {
    reads: {
      stamps,
      failed,
      authors: (name) => records.authors.get(name),
      sources: (name) => records.sources.get(name),
      articles: (name) => records.articles.get(name),
      pages: (name) => records.pages.get(name),
    },
    files: stamps.size,
  };
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new SnapshotError('a line of it is not JSON (the file is damaged)');
  }
}

/**
 * Writes the snapshot of what is served: every file with a stamp and its
 * record (or problems). Written to a temporary file and renamed over the old
 * one, so a crash mid-write leaves the previous snapshot, or none.
 */
export async function writeSnapshot(dir: string, dataDir: string, store: BodyStore, good: GoodRecords): Promise<number> {
  store.flush();
  const file = path.join(dir, SNAPSHOT_FILE);
  const partial = `${file}.${process.pid}.partial`;
  const handle = await fs.open(partial, 'w', 0o600);
  const hash = createHash('sha1');
  let count = 0;
  let chunk: string[] = [];
  const pause = backgroundSlices();
  const put = async (line: string) => {
    hash.update(line).update('\n');
    chunk.push(line);
    count++;
    if (chunk.length >= LINES_PER_WRITE) {
      await handle.write(chunk.join('\n') + '\n');
      chunk = [];
    }
    const paused = pause();
    if (paused) await paused;
  };
  try {
    const header: Header = { format: FORMAT, code: codeVersion(), dataDir: path.resolve(dataDir), store: storeToken(store) ?? '', storeBytes: store.size };
    await put(JSON.stringify(header));
    const entry = (kind: Kind, name: string, value: unknown) => {
      const stamp = good.stamps.get(name);
      return stamp ? put(JSON.stringify([kind, name, stamp.size, stamp.mtimeMs, value] satisfies Line)) : undefined;
    };
    for (const [name, raw] of good.authors) await entry('authors', name, raw.record);
    for (const [name, raw] of good.sources) await entry('sources', name, raw.record);
    for (const [name, raw] of good.pages) await entry('pages', name, raw.record);
    for (const [name, article] of good.articles) await entry('articles', name, articleRecordOf(article));
    for (const [name, problems] of good.failed) await entry('failed', name, problems);
    if (chunk.length) await handle.write(chunk.join('\n') + '\n');
    await handle.write(JSON.stringify({ end: { lines: count, sha1: hash.digest('hex') } }) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  renameSync(partial, file);
  return count - 1;
}
