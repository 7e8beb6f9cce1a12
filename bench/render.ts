/**
 * Cold render timing, in-process: page model + EJS render for distinct URLs,
 * no HTTP, no page cache. "Cold" means the page was not cached; the JIT, the
 * compiled templates and the search index are warm (one warm-up pass first).
 */
import { CatalogStore, type Catalog } from '../src/content/catalog';
import { loadContent } from '../src/content/load';
import { AssetManifest } from '../src/http/assets';
import { Views } from '../src/http/views';
import { articlePage } from '../src/pages/article';
import { authorPage } from '../src/pages/author';
import type { PageContext, PageResult } from '../src/pages/context';
import { PAGE_SIZE } from '../src/pages/paging';
import { homePage } from '../src/pages/home';
import { searchPage } from '../src/pages/search';
import { sourcePage } from '../src/pages/source';
import { sectionPage, tagPage } from '../src/pages/topic';
import { STATIC_DIR } from '../src/paths';

export const PAGE_TYPES = ['article', 'home', 'author', 'source', 'tag', 'section', 'search'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export interface RenderStats {
  type: PageType;
  /** Distinct URLs rendered (fewer than `renders` when the data has fewer pages of that type). */
  distinct: number;
  renders: number;
  medianUs: number;
  p90Us: number;
  /** Mean HTML size in bytes. */
  meanBytes: number;
}

type Job = () => PageResult<object>;

const rawPage = (page: number): string | undefined => (page === 1 ? undefined : String(page));

/** (slug, page) pairs of a list type: page 1 of every slug, then page 2 of every slug that has one, … */
function listJobs(lists: ReadonlyMap<string, readonly unknown[]>, limit: number, render: (slug: string, page: string | undefined) => PageResult<object>): Job[] {
  const jobs: Job[] = [];
  const pageCounts = [...lists].map(([slug, items]) => [slug, Math.max(1, Math.ceil(items.length / PAGE_SIZE))] as const);
  for (let page = 1; jobs.length < limit; page += 1) {
    const before = jobs.length;
    for (const [slug, count] of pageCounts) {
      if (page > count || jobs.length >= limit) continue;
      jobs.push(() => render(slug, rawPage(page)));
    }
    if (jobs.length === before) break;
  }
  return jobs;
}

/** Search queries: distinct longer words from the headlines. */
function searchQueries(catalog: Catalog, limit: number): string[] {
  const words = new Set<string>();
  for (const article of catalog.articles) {
    for (const word of article.headline.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length >= 5) words.add(word);
    if (words.size >= limit) break;
  }
  return [...words].slice(0, limit);
}

export function jobsFor(ctx: PageContext, type: PageType, limit: number): Job[] {
  const { catalog } = ctx;
  switch (type) {
    case 'article':
      return catalog.articles.slice(0, limit).map((a) => () => articlePage(ctx, a.slug));
    case 'home':
      // The front page ("/") only: later pages are plain lists, cheaper than the front page's section strips.
      return [() => homePage(ctx, undefined)];
    case 'author':
      return listJobs(catalog.articlesByAuthor, limit, (slug, page) => authorPage(ctx, slug, page));
    case 'source':
      return listJobs(catalog.articlesBySource, limit, (slug, page) => sourcePage(ctx, slug, page));
    case 'tag':
      return listJobs(catalog.articlesByTag, limit, (slug, page) => tagPage(ctx, slug, page));
    case 'section':
      return listJobs(catalog.articlesBySection, limit, (slug, page) => sectionPage(ctx, slug, page));
    case 'search':
      return searchQueries(catalog, limit).map((q) => () => searchPage(ctx, q, undefined));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

function renderOnce(views: Views, job: Job): number {
  const result = job();
  if (result.kind !== 'page') throw new Error(`expected a page, got ${result.kind}`);
  return views.render(result.view, result.model).length;
}

export function timeRenders(ctx: PageContext, views: Views, type: PageType, renders: number): RenderStats {
  // Only URLs that are pages (a list may 404 past its last page).
  const jobs = jobsFor(ctx, type, renders).filter((job) => job().kind === 'page');
  if (jobs.length === 0) return { type, distinct: 0, renders: 0, medianUs: NaN, p90Us: NaN, meanBytes: NaN };
  // Warm-up pass: JIT, template compilation, the lazily built search index.
  for (let i = 0; i < Math.max(jobs.length, 50); i += 1) renderOnce(views, jobs[i % jobs.length] as Job);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < renders; i += 1) {
    const job = jobs[i % jobs.length] as Job;
    const t0 = process.hrtime.bigint();
    bytes += renderOnce(views, job);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { type, distinct: jobs.length, renders, medianUs: percentile(times, 50), p90Us: percentile(times, 90), meanBytes: Math.round(bytes / renders) };
}

/** Loads `dataDir` and times `renders` renders of every page type. */
export async function renderBench(dataDir: string, renders: number): Promise<RenderStats[]> {
  const content = await loadContent(dataDir);
  const store = new CatalogStore(content);
  const ctx: PageContext = { catalog: store.current(), assets: new AssetManifest(STATIC_DIR).pageUrls() };
  const views = new Views();
  return PAGE_TYPES.map((type) => timeRenders(ctx, views, type, renders));
}
