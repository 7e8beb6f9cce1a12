/**
 * One import run: every file read by its format, every item made records
 * (records.ts) and compared with what an earlier import of the same item
 * wrote, then everything put in place at the end in one short burst, each
 * file atomically (a hidden temporary name, written meanwhile, then a
 * rename: writes.ts), so a server watching the folder sees one change and
 * reloads once (docs/import.md).
 */
import { readFileSync, statSync } from 'node:fs';
import { importKey, indexData, type DataIndex } from './data-index';
import type { ImportFormat, ImportItem } from './draft';
import { formatNamed, sniffFormat } from './formats';
import { MediaResolver } from './media';
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
  /** Called after each file (for progress on stderr). */
  progress?: (filesDone: number, filesTotal: number, items: number) => void;
}

export type ItemStatus = 'written' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ReportLine {
  file: string;
  item: string;
  status: ItemStatus;
  slug?: string;
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

function formatFor(text: string, file: string, named: ImportFormat | undefined): ImportFormat {
  if (named) return named;
  const sniffed = sniffFormat(text, file);
  if (!sniffed) throw new UsageError(`${file}: not a format the importer knows; name one with --format`);
  return sniffed;
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
  let itemCount = 0;

  try {
    // Files are read one at a time, in order, and their items made records in order.
    for (const [fileIndex, file] of files.entries()) {
      const text = readInput(file);
      const format = formatFor(text, file, named);
      const items = readItems(format, text, file, options, lines);
      for (const item of items) lines.push(await importItem(item, file, format.name, index, run, media, options, plan));
      itemCount += items.length;
      options.progress?.(fileIndex + 1, files.length, itemCount);
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
  const earlier = slug ? index.articles.get(slug)?.value : undefined;
  if (!slug || !earlier || earlier.status !== 'published') return { file, item: sourceId, status: 'skipped', reason, notes: [] };
  if (!options.update) return { file, item: sourceId, status: 'skipped', slug, reason: `${reason}: articles/${slug}.json, imported earlier, is still published; --update makes it a draft`, notes: [] };
  plan(`articles/${slug}.json`, stableJson({ ...earlier, status: 'draft' }));
  return { file, item: sourceId, status: 'updated', slug, reason: `${reason}: withdrawn by its source, now a draft`, notes: [] };
}

/** A file's items; a file its format cannot read is one failed line. */
function readItems(format: ImportFormat, text: string, file: string, options: ImportOptions, lines: ReportLine[]): ImportItem[] {
  try {
    return format.read(text, { file, ...(options.headline !== undefined && { headline: options.headline }) });
  } catch (error) {
    lines.push({ file, item: file, status: 'failed', reason: `not readable as ${format.name}: ${(error as Error).message}`, notes: [] });
    return [];
  }
}

async function importItem(
  item: ImportItem,
  file: string,
  formatName: string,
  index: DataIndex,
  run: RunState,
  media: MediaResolver,
  options: ImportOptions,
  plan: (file: string, content: string | Buffer) => void,
): Promise<ReportLine> {
  if (item.kind === 'skip') return item.withdrawn ? withdraw(item.sourceId, item.reason, file, formatName, index, options, plan) : { file, item: item.sourceId, status: 'skipped', reason: item.reason, notes: [] };
  if (item.kind === 'fail') return { file, item: item.sourceId, status: 'failed', reason: item.reason, notes: [] };
  const { draft } = item;
  const notes = [...item.notes];
  const earlierSlug = index.articleByImport.get(importKey(formatName, draft.sourceId));
  const earlier = earlierSlug ? index.articles.get(earlierSlug) : undefined;
  const previousDate = earlier?.value?.publishedAt;
  const built = await buildItem(draft, index, run, media, { format: formatName, now: options.now, ...(options.status && { status: options.status }), ...(options.section && { section: options.section }) }, notes, earlier && {
    slug: earlier.slug,
    ...(typeof previousDate === 'string' && { publishedAt: previousDate }),
  });
  if ('error' in built) return { file, item: draft.sourceId, status: 'failed', reason: built.error, notes };
  const { article } = built;
  const json = stableJson(article);
  const line = (status: ItemStatus, reason?: string): ReportLine => ({ file, item: draft.sourceId, status, slug: article.slug, ...(reason && { reason }), notes });
  if (run.articleSlugs.has(article.slug)) return line('skipped', 'the same item appears twice in this import: the first one is kept');
  if (earlier) {
    if (earlier.value && stableJson(earlier.value) === json) {
      run.articleSlugs.add(article.slug);
      return line('unchanged');
    }
    if (!options.update) return line('skipped', `already imported as articles/${article.slug}.json and changed since: --update replaces it`);
  }
  run.articleSlugs.add(article.slug);
  for (const image of built.images) plan(image.path, image.bytes);
  plan(`articles/${article.slug}.json`, json);
  return line(earlier ? 'updated' : 'written');
}
