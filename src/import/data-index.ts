/**
 * What the data folder already holds, as the importer needs it: every record
 * file by slug (good or broken: a file is never overwritten unless this
 * importer wrote it), the import ids on records, and the names and aliases
 * of authors and sources to match copy against.
 */
import { promises as fs, readFile, readFileSync } from 'node:fs';
import path from 'node:path';
import { listJsonFiles, mapLimit, parseJson } from '../content/files';
import { siteSchema, type SiteRecord } from '../content/schema';

export interface KnownRecord {
  slug: string;
  file: string;
  /**
   * The record as it is on disk (parsed), when it parses: kept for authors and sources (their
   * names are matched against every item). Articles and pages keep only what finds them again
   * (`imported`): a folder of 100,000 stories held parsed is a gigabyte; an earlier import's
   * record is read again when an item of the same id comes (recordValue).
   */
  value?: Record<string, unknown>;
  /** `imported` on it: this importer wrote it, from that item. */
  imported?: { format: string; id: string };
}

export interface DataIndex {
  dir: string;
  site: SiteRecord | undefined;
  authors: Map<string, KnownRecord>;
  sources: Map<string, KnownRecord>;
  articles: Map<string, KnownRecord>;
  pages: Map<string, KnownRecord>;
  /** "format\0id" → article slug. */
  articleByImport: Map<string, string>;
  /** "format\0id" → static page slug. */
  pageByImport: Map<string, string>;
  /** Lower-cased names (and source aliases) → slug. */
  authorByName: Map<string, string>;
  sourceByName: Map<string, string>;
}

export const importKey = (format: string, id: string): string => `${format}\0${id}`;

async function readKnown(dir: string, folder: string, keepValues: boolean): Promise<Map<string, KnownRecord>> {
  const files = await listJsonFiles(dir, folder);
  const records = await mapLimit(files, 64, async (file): Promise<KnownRecord> => {
    const slug = path.posix.basename(file, '.json');
    const text = await new Promise<string | undefined>((resolve) => readFile(path.join(dir, file), 'utf8', (error, content) => resolve(error ? undefined : content)));
    if (text === undefined) return { slug, file };
    const parsed = parseJson(text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return { slug, file };
    const value = parsed.value as Record<string, unknown>;
    const imported = value.imported as { format?: unknown; id?: unknown } | undefined;
    const known: KnownRecord = keepValues ? { slug, file, value } : { slug, file };
    if (imported && typeof imported.format === 'string' && typeof imported.id === 'string') known.imported = { format: imported.format, id: imported.id };
    return known;
  });
  return new Map(records.map((r) => [r.slug, r]));
}

export async function indexData(dir: string): Promise<DataIndex> {
  let site: SiteRecord | undefined;
  try {
    const parsed = siteSchema.safeParse(JSON.parse(await fs.readFile(path.join(dir, 'site.json'), 'utf8')));
    if (parsed.success) site = parsed.data;
  } catch {
    site = undefined;
  }
  const [authors, sources, articles, pages] = await Promise.all([readKnown(dir, 'authors', true), readKnown(dir, 'sources', true), readKnown(dir, 'articles', false), readKnown(dir, 'pages', false)]);
  const byImport = (records: Map<string, KnownRecord>) => {
    const slugs = new Map<string, string>();
    for (const record of records.values()) if (record.imported) slugs.set(importKey(record.imported.format, record.imported.id), record.slug);
    return slugs;
  };
  const byName = (records: Map<string, KnownRecord>, withAliases: boolean) => {
    const names = new Map<string, string>();
    for (const record of records.values()) {
      const name = record.value?.name;
      if (typeof name === 'string') names.set(name.trim().toLowerCase(), record.slug);
      const aliases = withAliases ? record.value?.aliases : undefined;
      if (Array.isArray(aliases)) for (const alias of aliases) if (typeof alias === 'string') names.set(alias.trim().toLowerCase(), record.slug);
    }
    return names;
  };
  return { dir, site, authors, sources, articles, pages, articleByImport: byImport(articles), pageByImport: byImport(pages), authorByName: byName(authors, false), sourceByName: byName(sources, true) };
}

/** A known record's parsed value: kept, or read again from its file (undefined when it no longer parses). */
export function recordValue(index: DataIndex, record: KnownRecord): Record<string, unknown> | undefined {
  if (record.value) return record.value;
  try {
    const parsed = parseJson(readFileSync(path.join(index.dir, record.file), 'utf8'));
    return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
