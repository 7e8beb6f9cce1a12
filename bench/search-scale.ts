/**
 * Search at scale, in-process: for each corpus, in a fresh child process,
 * load the content, build the search index (and optionally the old MiniSearch
 * index, for comparison), and report build time, heap and RSS added, the
 * first search, and the median of typical queries (the search page model:
 * matching, ranking, the page's excerpts and highlights; no HTTP, no EJS).
 *
 *   npx tsx bench/search-scale.ts --corpus DIR [--corpus DIR …] [--minisearch]
 *   npx tsx bench/search-scale.ts --articles 1000,10000,100000 [--dir BASE] [--minisearch]
 *   npx tsx bench/search-scale.ts --server DIR [--port 3917]
 *
 * --server starts the real server (from the TypeScript sources, WATCH=0) on
 * DIR and reports when it listens, when /search first answers 200 (and what
 * searches got before: 503s, never 500s), HTTP latency of typical searches
 * once ready, and the server's RSS.
 *
 * --articles generates (or reuses) corpora under BASE (default: the OS temp
 * folder) with `npm run corpus`. --minisearch also measures the MiniSearch
 * index this replaced (at 100k it needs minutes and over 3 GB; its query times
 * are of the MiniSearch call and a slice of ten, not the page model). Not part of
 * `npm run bench`: at 100k articles a run takes a minute or more.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { buildCatalog, type Catalog } from '../src/content/catalog';
import { loadContent } from '../src/content/load';
import type { Article } from '../src/content/model';
import type { PageContext } from '../src/pages/context';
import { plainInline } from '../src/text/inline';
import { searchPage } from '../src/pages/search';
import { articleBodyText, buildIndexHere, prepareSearch, SearchIndex, searchIndexFor, SLICE_MS } from '../src/search/index';
import { normalizeTerm, tokenize } from '../src/search/terms';
import { ensureCorpus } from './corpora';

const ONE_WORD = ['harbour', 'council', 'flood', 'budget', 'ministry', 'railway', 'hospital', 'festival'];
const TWO_WORDS = ['harbour council', 'energy prices', 'school meals', 'flood defences', 'transport ministry', 'wind farms'];
const OTHER = ['harb', 'harbuor', 'the', 'zzzzqx'];
/** A hostile-ish query: 200 characters of long, common, typo-tolerant words. */
const LONG = 'harbour council ministry railway hospital festival transport defences electricity emergency services coastline consultation investigation government regulators campaigners engineers universit';

interface Result {
  articles: number;
  visible: number;
  loadSec: number;
  heapAfterLoadMb: number;
  rssAfterLoadMb: number;
  impl: string;
  buildSec: number;
  backgroundSec?: number;
  longestSliceMs?: number;
  heapAddedMb: number;
  rssAddedMb: number;
  peakRssMb: number;
  terms?: number;
  postings?: number;
  indexBytesMb?: number;
  firstSearchMs: number;
  oneWordMedianMs: number;
  twoWordMedianMs: number;
  otherMedianMs: Record<string, number>;
}

const mb = (n: number) => Math.round(n / 1048576);
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The index this replaced: one MiniSearch document per visible article, seven fields. */
function miniSearchIndex(catalog: Catalog): MiniSearch {
  const ms = new MiniSearch({
    idField: 'slug',
    fields: ['headline', 'standfirst', 'body', 'authors', 'sources', 'tags', 'section'],
    storeFields: [],
    tokenize,
    processTerm: (term) => normalizeTerm(term) || null,
  });
  ms.addAll(
    catalog.articles.map((a: Article) => {
      const sources = new Set(a.citations.map((c) => c.source.name));
      if (a.origin) sources.add(a.origin.name);
      return {
        slug: a.slug,
        headline: a.headline,
        standfirst: plainInline(a.standfirst),
        body: [a.image?.caption ? plainInline(a.image.caption) : '', articleBodyText(catalog.content.bodies, a)].filter(Boolean).join('\n'),
        authors: a.authors.map((x) => x.name).join('\n'),
        sources: [...sources].join('\n'),
        tags: a.tags.map((t) => t.name).join('\n'),
        section: a.section.name,
      };
    }),
  );
  return ms;
}

async function child(dir: string, impl: string): Promise<Result> {
  const now = new Date('2026-11-01T00:00:00Z'); // the corpus's window ends 2026-10-31
  const started = performance.now();
  const content = await loadContent(dir, { now });
  const catalog = buildCatalog(content, 1, now);
  const loadSec = (performance.now() - started) / 1000;
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const ctx: PageContext = { catalog, assets: {} as PageContext['assets'] };
  const result: Partial<Result> = { articles: content.articles.size, visible: catalog.articles.length, loadSec, heapAfterLoadMb: mb(before.heapUsed), rssAfterLoadMb: mb(before.rss), impl };

  let search: (q: string) => unknown;
  if (impl === 'minisearch') {
    const t = performance.now();
    const ms = miniSearchIndex(catalog);
    result.buildSec = (performance.now() - t) / 1000;
    result.terms = ms.termCount;
    search = (q) => {
      const hits = ms.search(q, { combineWith: 'AND', prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2, fuzzy: (term) => (term.length >= 5 ? 0.2 : false), maxFuzzy: 2 });
      return hits.slice(0, 10).map((h) => catalog.articleBySlug.get(String(h.id)));
    };
    (globalThis as { keep?: unknown }).keep = ms;
  } else {
    // Background build as the server does it (slices between turns of the event loop), timing the longest slice.
    let longest = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
    }, 1);
    const t = performance.now();
    const index: SearchIndex = await prepareSearch(catalog);
    result.backgroundSec = (performance.now() - t) / 1000;
    clearInterval(probe);
    result.longestSliceMs = Math.round(longest);
    result.terms = index.termCount;
    result.postings = index.postingCount;
    result.indexBytesMb = Math.round((index.byteSize / 1048576) * 10) / 10;
    search = (q) => searchPage(ctx, q, undefined);
  }
  gc();
  const after = process.memoryUsage();
  result.heapAddedMb = mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers); // typed arrays live outside the JS heap
  result.rssAddedMb = mb(after.rss - before.rss);

  if (impl !== 'minisearch') {
    // The same work in one go, for the pure build time (after the memory reading: its garbage is not the index's).
    const t2 = performance.now();
    buildIndexHere(catalog);
    result.buildSec = (performance.now() - t2) / 1000;
  }
  let t = performance.now();
  search('harbour');
  result.firstSearchMs = Math.round((performance.now() - t) * 100) / 100;
  const time = (q: string, rounds: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < rounds; i++) {
      t = performance.now();
      search(q);
      out.push(performance.now() - t);
    }
    return out;
  };
  const round = (n: number) => Math.round(n * 1000) / 1000;
  for (const q of [...ONE_WORD, ...TWO_WORDS]) time(q, 2); // warm-up
  result.oneWordMedianMs = round(median(ONE_WORD.flatMap((q) => time(q, 15))));
  result.twoWordMedianMs = round(median(TWO_WORDS.flatMap((q) => time(q, 15))));
  result.otherMedianMs = Object.fromEntries([...OTHER.map((q) => [q, round(median(time(q, 15)))]), ['long', round(median(time(LONG, 5)))]]);
  clearInterval(sampler);
  result.peakRssMb = mb(Math.max(peakRss, process.memoryUsage().rss));
  if (impl !== 'minisearch') searchIndexFor(catalog); // (keeps the index alive to here)
  return result as Result;
}

function arg(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === name && process.argv[i + 1]) out.push(process.argv[i + 1] as string);
  });
  return out;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 1024) : NaN;
}

async function get(url: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t };
  } catch {
    return { status: 0, ms: performance.now() - t };
  }
}

async function serverRun(dir: string, port: number): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', WATCH: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const sec = () => (performance.now() - started) / 1000;
  try {
    let listening = 0;
    while (!listening) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if ((await get(`${base}/healthz`)).status === 200) listening = sec();
      else await new Promise((r) => setTimeout(r, 100));
    }
    const rssAtListen = rssMb(child.pid as number);
    const statuses = new Map<number, number>();
    let searchReady = 0;
    let slowestWhileBuilding = 0;
    const homeWhileBuilding: number[] = [];
    while (!searchReady) {
      const res = await get(`${base}/search?q=harbour`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 200) searchReady = sec();
      else {
        slowestWhileBuilding = Math.max(slowestWhileBuilding, res.ms);
        homeWhileBuilding.push((await get(`${base}/sections/world`)).ms);
        await new Promise((r) => setTimeout(r, 50));
      }
      if (sec() > 300) throw new Error('search not ready after 300 s');
    }
    const rssAtSearchReady = rssMb(child.pid as number);
    const lat = async (qs: string[]) => {
      const out: number[] = [];
      for (let round = 0; round < 5; round++) for (const q of qs) out.push((await get(`${base}/search?q=${encodeURIComponent(q)}`)).ms);
      return Math.round(median(out) * 100) / 100;
    };
    const one = await lat(ONE_WORD);
    const two = await lat(TWO_WORDS);
    const page5 = await lat(ONE_WORD.map((q) => `${q}&page=5`));
    console.log(
      JSON.stringify({
        dir,
        listeningSec: Math.round(listening * 10) / 10,
        searchReadySec: Math.round(searchReady * 10) / 10,
        searchStatusesUntilReady: Object.fromEntries(statuses),
        slowestSearchAnswerWhileBuildingMs: Math.round(slowestWhileBuilding),
        sectionPageWhileBuildingMedianMs: homeWhileBuilding.length ? Math.round(median(homeWhileBuilding) * 10) / 10 : null,
        sectionPageWhileBuildingMaxMs: homeWhileBuilding.length ? Math.round(Math.max(...homeWhileBuilding)) : null,
        rssAtListenMb: rssAtListen,
        rssAtSearchReadyMb: rssAtSearchReady,
        httpOneWordMedianMs: one,
        httpTwoWordMedianMs: two,
        httpPage5MedianMs: page5,
        rssAfterSearchesMb: rssMb(child.pid as number),
      }),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  if (arg('--server').length) {
    for (const dir of arg('--server')) await serverRun(dir, Number(arg('--port')[0] ?? 3917));
    return;
  }
  if (process.argv[2] === '--child') {
    const result = await child(process.argv[3] as string, process.argv[4] as string);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const dirs = arg('--corpus');
  for (const list of arg('--articles')) {
    for (const n of list.split(',').map(Number)) dirs.push((await ensureCorpus(arg('--dir')[0] ?? path.join(os.tmpdir(), 'newsreel-bench'), n)).dir);
  }
  if (dirs.length === 0) throw new Error('usage: search-scale.ts --corpus DIR … | --articles 1000,10000 [--dir BASE] [--minisearch]');
  const impls = process.argv.includes('--minisearch') ? ['minisearch', 'index'] : ['index'];
  const results: Result[] = [];
  for (const dir of dirs) {
    for (const impl of impls) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', __filename, '--child', dir, impl], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const result = JSON.parse(out.trim().split('\n').pop() as string) as Result;
      results.push(result);
      console.error(JSON.stringify(result));
    }
  }
  console.log(`\nslices of ${SLICE_MS} ms; node ${process.version}; ${os.cpus().length} CPUs; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| articles (visible) | index | build s | background s (longest slice ms) | heap + array buffers +MB | RSS +MB | terms | postings | first search ms | 1-word median ms | 2-word median ms | `harb` / `harbuor` / `the` / no match / 200-char query ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    const o = r.otherMedianMs;
    console.log(
      `| ${r.articles} (${r.visible}) | ${r.impl} | ${r.buildSec.toFixed(2)} | ${r.backgroundSec === undefined ? '–' : `${r.backgroundSec.toFixed(2)} (${r.longestSliceMs})`} | ${r.heapAddedMb} | ${r.rssAddedMb} | ${r.terms ?? '–'} | ${r.postings ?? '–'} | ${r.firstSearchMs} | ${r.oneWordMedianMs} | ${r.twoWordMedianMs} | ${o.harb} / ${o.harbuor} / ${o.the} / ${o.zzzzqx} / ${o.long} |`,
    );
  }
  console.log('\n| articles | load s | heap after load MB | RSS after load MB |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of results.filter((x) => x.impl === 'index')) console.log(`| ${r.articles} | ${r.loadSec.toFixed(1)} | ${r.heapAfterLoadMb} | ${r.rssAfterLoadMb} |`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
