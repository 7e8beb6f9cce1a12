/**
 * One import run: every file read by its format, every item made records
 * (records.ts) and compared with what an earlier import of the same item
 * wrote, then everything written at the end in one short burst, each file
 * atomically (a hidden temporary name, then a rename), so a server watching
 * the folder sees one change and reloads once (docs/import.md).
 */
import { promises as fs } from 'node:fs';
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

async function readInput(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
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
  for (const file of files) await fs.access(file).catch(() => Promise.reject(new UsageError(`${file}: cannot be read (no such file)`)));

  const index = await indexData(options.dataDir);
  if (!index.site) throw new UsageError(`${options.dataDir}: no valid site.json: is this a newsreel data folder? (--data DIR)`);
  const run = new RunState();
  const media = new MediaResolver({ dataDir: options.dataDir, ...(options.mediaDir && { mediaDir: options.mediaDir }), download: options.download });
  const writes = new Map<string, string | Buffer>();
  const lines: ReportLine[] = [];
  let itemCount = 0;

  for (const [fileIndex, file] of files.entries()) {
    const text = await readInput(file);
    const format = formatFor(text, file, named);
    let items: ImportItem[];
    try {
      items = format.read(text, { file, ...(options.headline !== undefined && { headline: options.headline }) });
    } catch (error) {
      lines.push({ file, item: file, status: 'failed', reason: `not readable as ${format.name}: ${(error as Error).message}`, notes: [] });
      continue;
    }
    for (const item of items) {
      itemCount += 1;
      lines.push(await importItem(item, file, format.name, index, run, media, options, writes));
    }
    options.progress?.(fileIndex + 1, files.length, itemCount);
  }
  for (const record of run.newAuthors.values()) writes.set(`authors/${record.slug}.json`, stableJson(record));
  for (const record of run.newSources.values()) writes.set(`sources/${record.slug}.json`, stableJson(record));
  if (!options.dryRun) await writeAll(options.dataDir, writes);
  return lines;
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
  if (item.kind === 'skip') return { file, item: item.sourceId, status: 'skipped', reason: item.reason, notes: [] };
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
  const staged: [string, string][] = [];
  for (const [file, content] of writes) {
    const target = path.join(dataDir, file);
    const current = await fs.readFile(target).catch(() => undefined);
    if (current && current.equals(Buffer.isBuffer(content) ? content : Buffer.from(content))) continue;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.importing`);
    await fs.writeFile(temporary, content);
    staged.push([temporary, target]);
  }
  // The renames are the only events a watcher sees: one burst, one reload.
  for (const [temporary, target] of staged) await fs.rename(temporary, target);
}
