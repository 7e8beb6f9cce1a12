/**
 * Real URLs of a generated corpus for the cold-render measurements: a few
 * published articles read from its files (a handful per year folder, never a
 * listing of a million), and the tags, authors and headline words they carry.
 * Each set is split into two disjoint halves, "early" and "steady", so every
 * timed request is the first one for its URL.
 */
import { opendirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The page kinds whose first render is timed, in the order requests take turns. */
export const COLD_KINDS = ['article', 'home page', 'tag', 'author', 'search'] as const;
export type ColdKind = (typeof COLD_KINDS)[number];

export interface SampledArticle {
  /** The file, relative to the corpus folder. */
  file: string;
  slug: string;
  headline: string;
  tags: string[];
  authors: string[];
}

export interface CorpusSample {
  /** URLs per kind for the measurement right after ready, and for the one after search is ready. */
  early: Record<ColdKind, string[]>;
  steady: Record<ColdKind, string[]>;
  /** A published article outside both sets, whose file the edit measurement rewrites. */
  editable: SampledArticle;
}

/** Articles read per year folder: enough for distinct tags, authors and words. */
const FILES_PER_YEAR = 12;

function firstFiles(dir: string, count: number): string[] {
  const out: string[] = [];
  const handle = opendirSync(dir);
  try {
    for (let entry = handle.readSync(); entry && out.length < count; entry = handle.readSync()) if (entry.isFile() && entry.name.endsWith('.json')) out.push(entry.name);
  } finally {
    handle.closeSync();
  }
  return out.sort();
}

function firstDirs(dir: string): string[] {
  const out: string[] = [];
  const handle = opendirSync(dir);
  try {
    for (let entry = handle.readSync(); entry; entry = handle.readSync()) if (entry.isDirectory()) out.push(entry.name);
  } finally {
    handle.closeSync();
  }
  return out.sort();
}

/** Published articles (no drafts, nothing embargoed at `now`) from each year folder of the corpus. */
export function sampleArticles(corpusDir: string, now = Date.now()): SampledArticle[] {
  const articles: SampledArticle[] = [];
  for (const year of firstDirs(path.join(corpusDir, 'articles'))) {
    for (const name of firstFiles(path.join(corpusDir, 'articles', year), FILES_PER_YEAR)) {
      const file = path.join('articles', year, name);
      const record = JSON.parse(readFileSync(path.join(corpusDir, file), 'utf8')) as { slug: string; headline: string; status?: string; publishedAt: string; tags?: string[]; authors?: string[] };
      if (record.status === 'draft' || Date.parse(record.publishedAt) > now) continue;
      articles.push({ file, slug: record.slug, headline: record.headline, tags: record.tags ?? [], authors: record.authors ?? [] });
    }
  }
  return articles;
}

const unique = (values: string[]): string[] => [...new Set(values)];

/** Splits the first 2 × perSet values into two disjoint halves (fewer when fewer are there). */
function halves(values: string[], perSet: number): [string[], string[]] {
  const half = Math.min(perSet, Math.floor(values.length / 2));
  return [values.slice(0, half), values.slice(half, 2 * half)];
}

/**
 * The URLs of the cold renders, perSet per kind and phase: articles, home
 * pages 2.. (early 2..perSet+1, steady the next perSet), tags, authors and
 * one-word searches for words of the sampled headlines.
 */
export function coldUrls(articles: readonly SampledArticle[], perSet = 5): CorpusSample {
  const editable = articles[2 * perSet];
  if (!editable) throw new Error(`the corpus has too few published articles to sample (${articles.length}, need ${2 * perSet + 1})`);
  const pick = (values: string[], url: (value: string) => string): [string[], string[]] => {
    const [a, b] = halves(unique(values), perSet);
    return [a.map(url), b.map(url)];
  };
  const words = articles.flatMap((a) => a.headline.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 5);
  const kinds: Record<ColdKind, [string[], string[]]> = {
    article: pick(articles.slice(0, 2 * perSet).map((a) => a.slug), (slug) => `/articles/${slug}`),
    'home page': pick(Array.from({ length: 2 * perSet }, (_, i) => String(i + 2)), (n) => `/?page=${n}`),
    tag: pick(articles.flatMap((a) => a.tags), (tag) => `/tags/${tag}`),
    author: pick(articles.flatMap((a) => a.authors), (author) => `/authors/${author}`),
    search: pick(words, (word) => `/search?q=${encodeURIComponent(word)}`),
  };
  const phase = (i: 0 | 1) => Object.fromEntries(COLD_KINDS.map((kind) => [kind, kinds[kind][i]])) as Record<ColdKind, string[]>;
  return { early: phase(0), steady: phase(1), editable };
}
