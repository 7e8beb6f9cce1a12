/**
 * One import run: every file read by its format, every item made records
 * (records.ts) and compared with what an earlier import of the same item
 * wrote, then everything put in place at the end in one short burst, each
 * file atomically (a hidden temporary name, written meanwhile, then a
 * rename: writes.ts), so a server watching the folder sees one change and
 * reloads once (docs/import.md).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { importKey, indexData, recordValue, type DataIndex } from './data-index';
import { isStreamed, type ImportFormat, type ImportItem, type PageDraft, type ReadOptions } from './draft';
import { formatNamed, sniffFormat } from './formats';
import { MediaResolver } from './media';
import { ownCopy } from '../text/own-copy';
import { buildPage } from './page-records';
import { buildItem, RunState } from './records';
import { PlannedWrites } from './writes';

export interface ImportOptions {
  dataDir: string;
  /** --format; sniffed per file when left out. */
  format?: string;
  status?: 'draft' | 'published';
  headline?: string;
  section?: string;
  mediaDir?: string;
  update: boolean;
  dryRun: boolean;
  /** Whether images may be fetched over the network. */
  download: boolean;
  now: Date;
  /**
   * Called with each report line as soon as it is made. When given, the run keeps no lines and
   * returns an empty list: an archive makes hundreds of thousands, and the command prints them as
   * they come. The lines say what is planned: nothing is in place until the run ends well.
   */
  report?: (line: ReportLine) => void;
  /** Called after each item and each file (for progress on stderr: the caller decides how often to print). */
  progress?: (state: Progress) => void;
}

export interface Progress {
  filesDone: number;
  filesTotal: number;
  items: number;
}

export type ItemStatus = 'written' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ReportLine {
  file: string;
  item: string;
  status: ItemStatus;
  slug?: string;
  /** The record file it made or would make, under the data folder ("articles/x.json", "pages/about.json"). */
  record?: string;
  reason?: string;
  notes: string[];
}

export class UsageError extends Error {}

const stableJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/*
 * Input files are read with the synchronous call, one after another: an
 * input of a few kilobytes is read in tens of microseconds, where the
 * callback and promise forms cost several round trips through libuv's
 * thread pool per file (open, stat, read, close) while this thread waits.
 */
const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${errorCode(error) ?? (error as Error).message})`);
  }
}

function checkReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${errorCode(error) === 'ENOENT' ? 'no such file' : errorCode(error)})`);
  }
  if (!isFile) throw new UsageError(`${file}: not a file`);
}

const HEAD_BYTES = 64 * 1024;

/** A file's first 64 KiB as text: what streamed formats are judged by (a character cut at the end does not matter to them). */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** A file's items as its format reads them: streamed, or the whole text read at once. */
function openInput(file: string, named: ImportFormat | undefined, options: ReadOptions): { format: ImportFormat; items: () => AsyncIterable<ImportItem> | Iterable<ImportItem> } {
  let text: string | undefined;
  const whole = () => (text ??= readInput(file));
  const format = named ?? sniffFormat(readHead(file), whole, file);
  if (!format) throw new UsageError(`${file}: not a format the importer knows; name one with --format`);
  if (isStreamed(format)) return { format, items: () => format.stream(file, options) };
  return { format, items: () => format.read(whole(), options) };
}

/** Imports `files` into options.dataDir; the report has a line per item. */
export async function runImport(files: readonly string[], options: ImportOptions): Promise<ReportLine[]> {
  const named = options.format === undefined ? undefined : formatNamed(options.format);
  if (options.format !== undefined && !named) throw new UsageError(`--format ${options.format}: not a format the importer knows`);
  if (options.headline !== undefined && named && named.name !== 'text') throw new UsageError('--headline is for plain-text copy only');
  for (const file of files) checkReadable(file);

  const index = await indexData(options.dataDir);
  if (!index.site) throw new UsageError(`${options.dataDir}: no valid site.json: is this a newsreel data folder? (--data DIR)`);
  const run = new RunState();
  const media = new MediaResolver({ dataDir: options.dataDir, ...(options.mediaDir && { mediaDir: options.mediaDir }), download: options.download });
  const writes = new PlannedWrites(options.dataDir);
  const plan = (file: string, content: string | Buffer) => {
    if (!options.dryRun) writes.plan(file, content);
  };
  const lines: ReportLine[] = [];
  const emit = (line: ReportLine) => (options.report ? options.report(line) : lines.push(keptLine(line)));
  let itemCount = 0;

  try {
    // Files are read one at a time, in order, and their items made records in order.
    for (const [fileIndex, file] of files.entries()) {
      const readOptions: ReadOptions = { file, ...(options.headline !== undefined && { headline: options.headline }) };
      const { format, items } = openInput(file, named, readOptions);
      const context: ItemContext = { file, formatName: format.name, index, run, media, options, plan };
      try {
        for await (const item of items()) {
          emit(await importItem(item, context));
          options.progress?.({ filesDone: fileIndex, filesTotal: files.length, items: ++itemCount });
        }
      } catch (error) {
        if (error instanceof UsageError) throw error;
        // The items read before the break stay imported; the file is one failed line more.
        emit({ file, item: file, status: 'failed', reason: `not readable as ${format.name}: ${(error as Error).message}`, notes: [] });
      }
      options.progress?.({ filesDone: fileIndex + 1, filesTotal: files.length, items: itemCount });
    }
    for (const record of run.newAuthors.values()) plan(`authors/${record.slug}.json`, stableJson(record));
    for (const record of run.newSources.values()) plan(`sources/${record.slug}.json`, stableJson(record));
  } catch (error) {
    await writes.abandon();
    throw error;
  }
  await writes.commit();
  return lines;
}

/**
 * An item its source withdraws (canceled, withheld). Nothing to import; but a story an earlier
 * import published must come down: with --update it becomes a draft (invisible everywhere).
 */
function withdraw(sourceId: string, reason: string, file: string, formatName: string, index: DataIndex, options: ImportOptions, plan: (file: string, content: string | Buffer) => void): ReportLine {
  const slug = index.articleByImport.get(importKey(formatName, sourceId));
  const known = slug ? index.articles.get(slug) : undefined;
  const earlier = known && recordValue(index, known);
  if (!slug || !earlier || earlier.status !== 'published') return { file, item: sourceId, status: 'skipped', reason, notes: [] };
  if (!options.update) return { file, item: sourceId, status: 'skipped', slug, reason: `${reason}: articles/${slug}.json, imported earlier, is still published; --update makes it a draft`, notes: [] };
  plan(`articles/${slug}.json`, stableJson({ ...earlier, status: 'draft' }));
  return { file, item: sourceId, status: 'updated', slug, reason: `${reason}: withdrawn by its source, now a draft`, notes: [] };
}

/**
 * A report line as strings of its own: the run keeps every line to the end,
 * and a note that quotes a few words of a post (an image's URL) would keep
 * the whole post's text alive with it (src/text/own-copy.ts).
 */
function keptLine(line: ReportLine): ReportLine {
  const kept: ReportLine = { ...line, file: line.file, item: ownCopy(line.item), notes: line.notes.map(ownCopy) };
  if (line.slug !== undefined) kept.slug = ownCopy(line.slug);
  if (line.reason !== undefined) kept.reason = ownCopy(line.reason);
  return kept;
}

/** What every item of one input file is imported with. */
interface ItemContext {
  file: string;
  formatName: string;
  index: DataIndex;
  run: RunState;
  media: MediaResolver;
  options: ImportOptions;
  plan: (file: string, content: string | Buffer) => void;
}

async function importItem(item: ImportItem, context: ItemContext): Promise<ReportLine> {
  const { file, formatName, index, run, media, options, plan } = context;
  if (item.kind === 'skip') return item.withdrawn ? withdraw(item.sourceId, item.reason, file, formatName, index, options, plan) : { file, item: item.sourceId, status: 'skipped', reason: item.reason, notes: [] };
  if (item.kind === 'fail') return { file, item: item.sourceId, status: 'failed', reason: item.reason, notes: [] };
  if (item.kind === 'page') return importPage(item.draft, item.notes, context);
  const { draft } = item;
  const notes = [...item.notes];
  const earlierSlug = index.articleByImport.get(importKey(formatName, draft.sourceId));
  const earlier = earlierSlug ? index.articles.get(earlierSlug) : undefined;
  const earlierValue = earlier && recordValue(index, earlier);
  const previousDate = earlierValue?.publishedAt;
  const built = await buildItem(draft, index, run, media, { format: formatName, now: options.now, ...(options.status && { status: options.status }), ...(options.section && { section: options.section }) }, notes, earlier && {
    slug: earlier.slug,
    ...(typeof previousDate === 'string' && { publishedAt: previousDate }),
  });
  if ('error' in built) return { file, item: draft.sourceId, status: 'failed', reason: built.error, notes };
  if ('skip' in built) return { file, item: draft.sourceId, status: 'skipped', reason: built.skip, notes };
  const { article } = built;
  const json = stableJson(article);
  const line = (status: ItemStatus, reason?: string): ReportLine => ({ file, item: draft.sourceId, status, slug: article.slug, record: `articles/${article.slug}.json`, ...(reason && { reason }), notes });
  if (run.articleSlugs.has(article.slug)) return line('skipped', 'the same item appears twice in this import: the first one is kept');
  if (earlier) {
    if (earlierValue && stableJson(earlierValue) === json) {
      run.articleSlugs.add(article.slug);
      return line('unchanged');
    }
    if (!options.update) return line('skipped', `already imported as articles/${article.slug}.json and changed since: --update replaces it`);
  }
  run.articleSlugs.add(article.slug);
  for (const image of built.images) {
    plan(image.path, image.bytes);
    media.markPlanned(image.path);
  }
  plan(`articles/${article.slug}.json`, json);
  return line(earlier ? 'updated' : 'written');
}

/** A static page: as an article, into data/pages/ (page-records.ts). */
async function importPage(draft: PageDraft, itemNotes: readonly string[], context: ItemContext): Promise<ReportLine> {
  const { file, formatName, index, run, media, options, plan } = context;
  const notes = [...itemNotes];
  const earlierSlug = index.pageByImport.get(importKey(formatName, draft.sourceId));
  const earlier = earlierSlug ? index.pages.get(earlierSlug) : undefined;
  const built = await buildPage(draft, index, run.pageSlugs, media, formatName, notes, earlier?.slug);
  if ('error' in built) return { file, item: draft.sourceId, status: 'failed', reason: built.error, notes };
  if ('skip' in built) return { file, item: draft.sourceId, status: 'skipped', reason: built.skip, notes };
  const { page } = built;
  const record = `pages/${page.slug}.json`;
  const json = stableJson(page);
  const line = (status: ItemStatus, reason?: string): ReportLine => ({ file, item: draft.sourceId, status, slug: page.slug, record, ...(reason && { reason }), notes });
  if (run.pageSlugs.has(page.slug)) return line('skipped', 'the same page appears twice in this import: the first one is kept');
  run.pageSlugs.add(page.slug);
  if (earlier) {
    const earlierValue = recordValue(index, earlier);
    if (earlierValue && stableJson(earlierValue) === json) return line('unchanged');
    if (!options.update) return line('skipped', `already imported as ${record} and changed since: --update replaces it`);
  }
  for (const image of built.images) {
    plan(image.path, image.bytes);
    media.markPlanned(image.path);
  }
  plan(record, json);
  return line(earlier ? 'updated' : 'written');
}
