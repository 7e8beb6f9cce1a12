/**
 * One import run: every file read by its format, every item made records
 * (records.ts) and compared with what an earlier import of the same item
 * wrote, then everything written at the end in one short burst, each file
 * atomically (a hidden temporary name, then a rename), so a server watching
 * the folder sees one change and reloads once (docs/import.md).
 */
import { promises as fs, readFile, stat } from 'node:fs';
import { mapLimit } from '../content/files';
import path from 'node:path';
import { importKey, indexData, type DataIndex } from './data-index';
import type { ImportFormat, ImportItem } from './draft';
import { formatNamed, sniffFormat } from './formats';
import { MediaResolver } from './media';
import { buildItem, RunState } from './records';

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

/** Files read and written at once: enough to keep the disk busy, few enough to stay small. */
const FILE_CONCURRENCY = 64;

/** fs.readFile with a callback: at thousands of files the promise form is about twice as slow (see content/load.ts). */
function readInput(file: string): Promise<string> {
  return new Promise((resolve, reject) =>
    readFile(file, 'utf8', (error, text) => (error ? reject(new UsageError(`${file}: cannot be read (${error.code ?? error.message})`)) : resolve(text))),
  );
}

function checkReadable(file: string): Promise<void> {
  return new Promise((resolve, reject) =>
    stat(file, (error, info) => (error ? reject(new UsageError(`${file}: cannot be read (${error.code === 'ENOENT' ? 'no such file' : error.code})`)) : info.isFile() ? resolve() : reject(new UsageError(`${file}: not a file`)))),
  );
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
  await mapLimit(files, FILE_CONCURRENCY, checkReadable);

  const index = await indexData(options.dataDir);
  if (!index.site) throw new UsageError(`${options.dataDir}: no valid site.json: is this a newsreel data folder? (--data DIR)`);
  const run = new RunState();
  const media = new MediaResolver({ dataDir: options.dataDir, ...(options.mediaDir && { mediaDir: options.mediaDir }), download: options.download });
  const writes = new Map<string, string | Buffer>();
  const lines: ReportLine[] = [];
  let itemCount = 0;

  // Files are read a batch ahead, concurrently; items are made records one at a time, in order.
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += FILE_CONCURRENCY) batches.push(files.slice(i, i + FILE_CONCURRENCY));
  let next: Promise<string[]> | undefined = batches[0] && mapLimit(batches[0], FILE_CONCURRENCY, readInput);
  let fileIndex = -1;
  for (let b = 0; b < batches.length; b++) {
    const texts = await (next as Promise<string[]>);
    const following = batches[b + 1];
    next = following && mapLimit(following, FILE_CONCURRENCY, readInput);
    for (const [i, file] of (batches[b] as string[]).entries()) {
      fileIndex += 1;
      const format = formatFor(texts[i] as string, file, named);
      const items = readItems(format, texts[i] as string, file, options, lines);
      for (const item of items) lines.push(await importItem(item, file, format.name, index, run, media, options, writes));
      itemCount += items.length;
      options.progress?.(fileIndex + 1, files.length, itemCount);
    }
  }
  for (const record of run.newAuthors.values()) writes.set(`authors/${record.slug}.json`, stableJson(record));
  for (const record of run.newSources.values()) writes.set(`sources/${record.slug}.json`, stableJson(record));
  if (!options.dryRun) await writeAll(options.dataDir, writes);
  return lines;
}

/**
 * An item its source withdraws (canceled, withheld). Nothing to import; but a story an earlier
 * import published must come down: with --update it becomes a draft (invisible everywhere).
 */
function withdraw(sourceId: string, reason: string, file: string, formatName: string, index: DataIndex, options: ImportOptions, writes: Map<string, string | Buffer>): ReportLine {
  const slug = index.articleByImport.get(importKey(formatName, sourceId));
  const earlier = slug ? index.articles.get(slug)?.value : undefined;
  if (!slug || !earlier || earlier.status !== 'published') return { file, item: sourceId, status: 'skipped', reason, notes: [] };
  if (!options.update) return { file, item: sourceId, status: 'skipped', slug, reason: `${reason}: articles/${slug}.json, imported earlier, is still published; --update makes it a draft`, notes: [] };
  writes.set(`articles/${slug}.json`, stableJson({ ...earlier, status: 'draft' }));
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
  writes: Map<string, string | Buffer>,
): Promise<ReportLine> {
  if (item.kind === 'skip') return item.withdrawn ? withdraw(item.sourceId, item.reason, file, formatName, index, options, writes) : { file, item: item.sourceId, status: 'skipped', reason: item.reason, notes: [] };
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
  for (const image of built.images) writes.set(image.path, image.bytes);
  writes.set(`articles/${article.slug}.json`, json);
  return line(earlier ? 'updated' : 'written');
}

/** Writes every file (unchanged ones are left alone), each as a hidden temporary file renamed into place. */
async function writeAll(dataDir: string, writes: ReadonlyMap<string, string | Buffer>): Promise<void> {
  const folders = new Set([...writes.keys()].map((file) => path.dirname(path.join(dataDir, file))));
  for (const folder of folders) await fs.mkdir(folder, { recursive: true });
  const staged = await mapLimit([...writes], FILE_CONCURRENCY, async ([file, content]): Promise<[string, string] | undefined> => {
    const target = path.join(dataDir, file);
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const current = await new Promise<Buffer | undefined>((resolve) => readFile(target, (error, data) => resolve(error ? undefined : data)));
    if (current?.equals(bytes)) return undefined;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.importing`);
    await fs.writeFile(temporary, bytes);
    return [temporary, target];
  });
  // The renames are the only events a watcher sees: one burst, one reload.
  await mapLimit(
    staged.filter((s): s is [string, string] => !!s),
    FILE_CONCURRENCY,
    ([temporary, target]) => fs.rename(temporary, target),
  );
}
