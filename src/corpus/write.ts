/**
 * Writing a corpus into a folder: site.json, authors/, sources/,
 * articles/<year>/ and images/corpus/. What the writer owns there is all that
 * `force` may delete; without it, a folder that holds anything is refused.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { articleFile, generateArticles } from './articles';
import { renderImages } from './images';
import { planCorpus } from './plan';
import { EMBARGO_YEAR, IMAGE_DIR, type CorpusOptions } from './records';

export interface WriteStats {
  articles: number;
  drafts: number;
  embargoed: number;
  authors: number;
  sources: number;
  tags: number;
  images: number;
  files: number;
  bytes: number;
}

/** What the writer owns in the output folder; `force` removes exactly these first. */
const OWNED = ['site.json', 'authors', 'sources', 'articles', IMAGE_DIR];

export class OutputNotEmptyError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} is not empty (use --force to replace the corpus in it)`);
    this.name = 'OutputNotEmptyError';
  }
}

function json(record: unknown): string {
  return JSON.stringify(record, null, 2) + '\n';
}

/**
 * Writes a corpus into dir: site.json, authors/, sources/, articles/<year>/
 * and images/corpus/. The folder must be empty or missing unless `force`,
 * which deletes the files and folders above (and nothing else) first.
 */
export async function writeCorpus(dir: string, options: CorpusOptions, { force = false } = {}): Promise<WriteStats> {
  const plan = planCorpus(options);
  let existing: string[] = [];
  try {
    existing = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing.length > 0) {
    if (!force) throw new OutputNotEmptyError(dir);
    for (const owned of OWNED) rmSync(path.join(dir, owned), { recursive: true, force: true });
  }

  const stats: WriteStats = { articles: 0, drafts: 0, embargoed: 0, authors: plan.authors.length, sources: plan.sources.length, tags: plan.tags.length, images: 0, files: 0, bytes: 0 };
  const madeDirs = new Set<string>();
  const write = (file: string, data: string | Buffer): void => {
    const full = path.join(dir, file);
    const parent = path.dirname(full);
    if (!madeDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      madeDirs.add(parent);
    }
    writeFileSync(full, data);
    stats.files += 1;
    stats.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };

  for (const [file, bytes] of await renderImages(options.seed)) {
    write(file, bytes);
    stats.images += 1;
  }
  write('site.json', json(plan.site));
  for (const author of plan.authors) write(`authors/${author.slug}.json`, json(author));
  for (const source of plan.sources) write(`sources/${source.slug}.json`, json(source));
  for (const article of generateArticles(plan)) {
    write(articleFile(article), json(article));
    stats.articles += 1;
    if (article.status === 'draft') stats.drafts += 1;
    if (article.publishedAt.startsWith(String(EMBARGO_YEAR))) stats.embargoed += 1;
  }
  return stats;
}
