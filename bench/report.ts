/**
 * Printing the bench's results as Markdown tables (so a run can be pasted
 * into BENCHMARKS.md as is) and checking them against issue 4's targets.
 * The corpus-scale tables and issue 13's targets are in scale-report.ts.
 */
import type { LoadResult } from './http-load';
import { f0, f2, table, type Target } from './markdown';
import type { RenderStats } from './render';
import type { CorpusRow } from './scale-report';

export interface LoadRow {
  label: string;
  url: string;
  result: LoadResult;
}

/**
 * The load table. "server CPU µs/req" is the serving process's CPU time per
 * request: on a shared machine it moves far less than req/s, so its ratio to
 * the ceiling's is the steadier measure of our own per-request work.
 */
export function loadTable(rows: LoadRow[], ceilingRps: number): string {
  return table(
    ['', 'req/s', 'p50 ms', 'p99 ms', '× ceiling', 'server CPU µs/req', 'errors'],
    rows.map(({ label, result }) => [
      label,
      f0(result.rps),
      f2(result.p50Ms),
      f2(result.p99Ms),
      f2(result.rps / ceilingRps),
      result.cpuUsPerRequest === undefined ? '–' : result.cpuUsPerRequest.toFixed(1),
      String(result.errors),
    ]),
  );
}

export function renderTable(stats: RenderStats[]): string {
  return table(
    ['page type', 'median µs', 'p90 µs', 'distinct URLs', 'renders', 'mean HTML bytes'],
    stats.map((s) => [s.type, f0(s.medianUs), f0(s.p90Us), String(s.distinct), String(s.renders), f0(s.meanBytes)]),
  );
}

export interface TargetInputs {
  /** Undefined when (a)-(c) were not run (--only). */
  ceiling: LoadResult | undefined;
  cachedArticle: LoadResult | undefined;
  connections: number;
  articleRender: RenderStats | undefined;
  biggest: CorpusRow | undefined;
  smallest: CorpusRow | undefined;
  listUrls: readonly string[];
}

/** Issue 4's targets, each with what was measured. */
export function targets(t: TargetInputs): Target[] {
  const { ceiling, cachedArticle } = t;
  const ratio = ceiling && cachedArticle ? cachedArticle.rps / ceiling.rps : NaN;
  const out: Target[] = [
    {
      name: 'cached article ≥ 0.7× ceiling req/s',
      value: ceiling && cachedArticle ? `${ratio.toFixed(2)}× (${f0(cachedArticle.rps)} vs ${f0(ceiling.rps)})` : '–',
      met: ceiling && cachedArticle ? ratio >= 0.7 : undefined,
    },
    {
      name: `cached article p99 ≤ 5 ms at ${t.connections} connections`,
      value: cachedArticle ? `${f2(cachedArticle.p99Ms)} ms` : '–',
      met: cachedArticle ? cachedArticle.p99Ms <= 5 : undefined,
    },
    {
      name: 'uncached article render ≤ 0.5 ms median',
      value: t.articleRender ? `${f0(t.articleRender.medianUs)} µs` : '–',
      met: t.articleRender ? t.articleRender.medianUs <= 500 : undefined,
    },
  ];
  const big = t.biggest;
  if (big?.failure !== undefined) {
    out.push({ name: `${big.articles} articles ready ≤ 10 s, RSS ≤ 1 GB`, value: big.failure, met: false });
  } else if (big && big.articles >= 100_000) {
    out.push({ name: `${big.articles} articles ready ≤ 10 s`, value: `${(big.readyMs / 1000).toFixed(1)} s`, met: big.readyMs <= 10_000 });
    out.push({ name: `${big.articles} articles RSS ≤ 1 GB`, value: `${f0(big.rssReadyMb)} MB at ready, ${f0(big.rssAfterMb)} MB after load`, met: Math.max(big.rssReadyMb, big.rssAfterMb) <= 1024 });
  } else {
    out.push({ name: '100k articles ready ≤ 10 s, RSS ≤ 1 GB', value: '–', met: undefined });
  }
  if (big && t.smallest && big !== t.smallest && big.failure === undefined) {
    t.listUrls.forEach((url, i) => {
      const small = t.smallest?.lists[i];
      const large = big.lists[i];
      if (!small || !large) return;
      const ratio = large.rps / small.rps;
      out.push({
        name: `\`${url}\` (cache off) at ${big.articles} within 20% of ${t.smallest?.articles}`,
        value: `${ratio.toFixed(2)}× req/s (${f0(large.rps)} vs ${f0(small.rps)})`,
        met: ratio >= 0.8,
      });
    });
  }
  return out;
}
