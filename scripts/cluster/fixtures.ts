/**
 * The content the cluster test works on: a copy of the demo data, the
 * article it edits (the newest, so it is on home and on the first page of its
 * author, source and tag), an unrelated article (nothing in common with it),
 * and an embargoed story added before the start.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ArticleRecord {
  file: string;
  slug: string;
  headline: string;
  publishedAt: string;
  status: string;
  section?: string;
  tags?: string[];
  authors?: string[];
  sources?: string[];
  origin?: string;
  [field: string]: unknown;
}

export function copyData(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

export function readArticles(dataDir: string): ArticleRecord[] {
  const folder = path.join(dataDir, 'articles');
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const file = path.join(folder, name);
      const record = JSON.parse(readFileSync(file, 'utf8')) as Omit<ArticleRecord, 'file'>;
      return { ...record, file } as ArticleRecord;
    });
}

const visible = (a: ArticleRecord, now: number) => a.status === 'published' && Date.parse(a.publishedAt) <= now;

/** Everything an article is listed under: the pages an edit of it must reach. */
export function pagesShowing(article: ArticleRecord): string[] {
  const source = article.sources?.[0] ?? article.origin;
  return [
    `/articles/${article.slug}`,
    '/',
    ...(article.authors?.[0] ? [`/authors/${article.authors[0]}`] : []),
    ...(source ? [`/sources/${source}`] : []),
    ...(article.tags?.[0] ? [`/tags/${article.tags[0]}`] : []),
  ];
}

function related(a: ArticleRecord): Set<string> {
  return new Set([
    ...(a.authors ?? []).map((s) => `author:${s}`),
    ...(a.tags ?? []).map((s) => `tag:${s}`),
    ...[...(a.sources ?? []), ...(a.origin ? [a.origin] : [])].map((s) => `source:${s}`),
    ...(a.section ? [`section:${a.section}`] : []),
  ]);
}

/** The newest visible article (to edit) and the newest one sharing no author, tag, source or section with it. */
export function pickArticles(articles: readonly ArticleRecord[], now = Date.now()): { edited: ArticleRecord; unrelated: ArticleRecord } {
  const shown = articles.filter((a) => visible(a, now)).sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  const edited = shown[0];
  if (!edited) throw new Error('the demo data has no visible article');
  const mine = related(edited);
  const unrelated = shown.find((a) => a !== edited && ![...related(a)].some((k) => mine.has(k)));
  if (!unrelated) throw new Error(`no article shares nothing with ${edited.slug}`);
  return { edited, unrelated };
}

/** A copy of `model` under a new slug and headline, published at `publishedAt` (in the future: an embargo). */
export function writeEmbargoed(dataDir: string, model: ArticleRecord, slug: string, headline: string, publishedAt: Date): ArticleRecord {
  const { file: _file, ...record } = model;
  const embargoed = { ...record, slug, headline, publishedAt: publishedAt.toISOString(), status: 'published' };
  delete (embargoed as Record<string, unknown>).corrections;
  delete (embargoed as Record<string, unknown>).updatedAt;
  const file = path.join(dataDir, 'articles', `${slug}.json`);
  writeFileSync(file, `${JSON.stringify(embargoed, null, 2)}\n`);
  return { ...embargoed, file };
}

/** Rewrites an article's headline in place, as an editor saving the file would. */
export function editHeadline(article: ArticleRecord, headline: string): void {
  const record = JSON.parse(readFileSync(article.file, 'utf8')) as Record<string, unknown>;
  record.headline = headline;
  writeFileSync(article.file, `${JSON.stringify(record, null, 2)}\n`);
}
