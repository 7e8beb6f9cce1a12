/**
 * Loading the data folder: read every record, check it against the schema,
 * then hand the survivors to resolve.ts. A bad record is reported (file, field,
 * reason) and skipped; it never stops the rest from loading. Only a missing or
 * broken site.json is fatal, because no page can be drawn without it.
 */
import { readFile } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { listJsonFiles, mapLimit, parseJson } from './files';
import { readRedirects, type RedirectsRead } from './redirects-file';
import type { Content } from './model';
import { problemsFromZod, type Problem } from './problems';
import type { CheckedRecords, RawRecord } from './records';
import { resolveContent } from './resolve';
import { shareBlockStrings } from '../blocks/registry';
import { articleSchema, authorSchema, pageSchema, siteSchema, sourceSchema, type ArticleRecord, type SiteRecord } from './schema';

export type { CheckedRecords, RawRecord } from './records';

export class ContentLoadError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`content cannot be loaded:\n${problems.map((p) => `  ${p.file}: ${p.field ? p.field + ': ' : ''}${p.message}`).join('\n')}`);
    this.name = 'ContentLoadError';
  }
}

const FILE_CONCURRENCY = 64;

/**
 * fs.readFile with a callback, as a promise. Not fs.promises.readFile: that
 * one makes a FileHandle per file and reads in several steps, and at 100k
 * files it took about twice as long (open, fstat, read and close each went
 * through the promise machinery; see BENCHMARKS.md).
 */
function readText(file: string): Promise<string> {
  return new Promise((resolve, reject) => readFile(file, 'utf8', (error, text) => (error ? reject(error) : resolve(text))));
}

async function readRecord<S extends z.ZodType>(dataDir: string, file: string, schema: S, problems: Problem[]): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readText(path.join(dataDir, file));
  } catch (error) {
    problems.push({ file, field: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    return undefined;
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    problems.push({ file, field: '', message: parsed.message });
    return undefined;
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    problems.push(...problemsFromZod(file, result.error));
    return undefined;
  }
  return result.data;
}

/** Reads one folder of slugged records: checks shape, file name = slug, and one record per slug. */
async function readCollection<S extends z.ZodType<{ slug: string }>>(
  dataDir: string,
  folder: string,
  schema: S,
  problems: Problem[],
  listed: Set<string>,
): Promise<RawRecord<z.infer<S>>[]> {
  const files = await listJsonFiles(dataDir, folder);
  for (const file of files) listed.add(file);
  const records = await mapLimit(files, FILE_CONCURRENCY, (file) => readRecord(dataDir, file, schema, problems));
  const seen = new Map<string, string>();
  const out: RawRecord<z.infer<S>>[] = [];
  files.forEach((file, index) => {
    const record = records[index];
    if (record === undefined) return;
    const expected = path.posix.basename(file, '.json');
    if (record.slug !== expected) {
      problems.push({ file, field: 'slug', message: `is "${record.slug}" but must match the file name "${expected}"` });
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

export interface LoadOptions {
  /** Overrides site.json's baseUrl (the BASE_URL setting). */
  baseUrl?: string;
  now?: Date;
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
}

/** Reads site.json and every collection, checking each record's shape; no references yet. */
export async function readRecords(dataDir: string): Promise<RecordsRead> {
  const problems: Problem[] = [];
  const files = new Set<string>();
  const site = await readRecord(dataDir, 'site.json', siteSchema, problems);
  const [authors, sources, articles, pages, redirects] = await Promise.all([
    readCollection(dataDir, 'authors', authorSchema, problems, files),
    readCollection(dataDir, 'sources', sourceSchema, problems, files),
    readCollection(dataDir, 'articles', articleSchema, problems, files),
    readCollection(dataDir, 'pages', pageSchema, problems, files),
    readRedirects(dataDir, problems),
  ]);
  shareStrings(articles);
  const entries = redirects.state === 'read' ? redirects.entries : [];
  return { site, records: { authors, sources, articles, pages, redirects: entries }, problems, files, redirects: redirects.state };
}

/**
 * JSON.parse makes a new string for every value, so a tag, author or source
 * slug, a section or an image path written in 100k articles is 100k strings.
 * One string per distinct value instead (the records are ours: zod made them).
 */
function shareStrings(articles: RawRecord<ArticleRecord>[]): void {
  const pool = new Map<string, string>();
  const one = (value: string): string => {
    const found = pool.get(value);
    if (found !== undefined) return found;
    pool.set(value, value);
    return value;
  };
  const each = (list: string[]) => {
    for (let i = 0; i < list.length; i++) list[i] = one(list[i] as string);
  };
  for (const { record } of articles) {
    record.section = one(record.section);
    each(record.tags);
    each(record.authors);
    record.sources.forEach((ref, i) => {
      if (typeof ref === 'string') record.sources[i] = one(ref);
      else ref.source = one(ref.source);
    });
    if (record.origin) record.origin = one(record.origin);
    if (record.image) record.image.src = one(record.image.src);
    for (const block of record.body) shareBlockStrings(block, one);
  }
}

/** site.json with the BASE_URL override applied. */
export function withBaseUrl(site: SiteRecord, options: LoadOptions): SiteRecord {
  return options.baseUrl ? { ...site, baseUrl: options.baseUrl } : site;
}

/** Reads and checks every record in dataDir; returns the resolved content and every problem found. */
export async function loadContent(dataDir: string, options: LoadOptions = {}): Promise<Content> {
  const { site, records, problems } = await readRecords(dataDir);
  if (!site) throw new ContentLoadError(problems.filter((p) => p.file === 'site.json'));
  return resolveContent(dataDir, withBaseUrl(site, options), records, problems, options.now ?? new Date());
}
