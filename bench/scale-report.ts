/**
 * The corpus-scale part of the report (pure: figures in, Markdown out): what
 * one corpus size measured (CorpusRow), its tables, and issue 13's targets
 * checked against the rows of the sizes that were run. The measuring is in
 * corpus-scale.ts, the chart in chart.ts.
 */
import { COLD_KINDS, type ColdKind } from './corpus-sample';
import type { LoadResult } from './http-load';
import { f0, f1, f2, table } from './markdown';
import type { Target } from './markdown';

/** The first renders of one kind of page: the median over its distinct URLs. */
export interface ColdResult {
  kind: ColdKind;
  medianMs: number;
  /** Distinct URLs timed. */
  count: number;
  /** Status codes other than 200, one per answer (e.g. 503 from /search while its index builds). */
  not200: number[];
}

export interface ColdSet {
  results: ColdResult[];
  /** Milliseconds after the server was started when the set's last answer came. */
  doneMs: number;
}

/** An edit's wait: ms from the file's write until the page showed it, or until the bench gave up. */
export interface EditResult {
  ms: number;
  visible: boolean;
}

/** What one corpus size measured; a number that was not measured is NaN. */
export interface CorpusRow {
  articles: number;
  /** Start until /readyz answered 200 (first start, cache folder empty). */
  readyMs: number;
  /** Start until /search answers (its index is built in the background after start). */
  searchReadyMs: number;
  rssReadyMb: number;
  /** After the list loads, the cold renders and with the search index built. */
  rssAfterMb: number;
  /** wrk results per list URL, same order as LIST_URLS (empty when not measured). */
  lists: LoadResult[];
  /** A second start on the catalog snapshot the first one wrote (CATALOG_CACHE_DIR), content unchanged. */
  restartReadyMs: number;
  edit: EditResult | undefined;
  /** First renders right after ready (search may still be building), and after search is ready. */
  cold: { early?: ColdSet; steady?: ColdSet };
  /** Why the row is incomplete: the server did not become ready, died, or a step failed. */
  failure?: string;
}

/** A row with nothing measured yet. */
export function emptyRow(articles: number): CorpusRow {
  return { articles, readyMs: NaN, searchReadyMs: NaN, rssReadyMb: NaN, rssAfterMb: NaN, lists: [], restartReadyMs: NaN, edit: undefined, cold: {} };
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const seconds = (ms: number): string => f2(ms / 1000);

function editCell(edit: EditResult | undefined): string {
  if (!edit) return '–';
  return edit.visible ? seconds(edit.ms) : `not visible after ${f0(edit.ms / 1000)} s`;
}

/** Start, memory and list pages: one line per size; a failed size says why in its last column. */
export function corpusTable(rows: readonly CorpusRow[], listUrls: readonly string[]): string {
  return table(
    ['articles', 'ready s', 'RSS at ready MB', 'search ready s', 'RSS after load MB', 'restart ready s', 'edit visible s', ...listUrls.map((u) => `\`${u}\` req/s (p99 ms)`), 'note'],
    rows.map((r) => [
      String(r.articles),
      seconds(r.readyMs),
      f0(r.rssReadyMb),
      seconds(r.searchReadyMs),
      f0(r.rssAfterMb),
      seconds(r.restartReadyMs),
      editCell(r.edit),
      ...listUrls.map((_, i) => {
        const l = r.lists[i];
        return l ? `${f0(l.rps)} (${f2(l.p99Ms)})` : '–';
      }),
      r.failure === undefined ? '' : `**failed**: ${r.failure}`,
    ]),
  );
}

/** "3× 503, 1× 500": how many answers had each status. */
function statusCounts(statuses: readonly number[]): string {
  return [...new Set(statuses)].map((s) => `${statuses.filter((n) => n === s).length}× ${s}`).join(', ');
}

function coldCell(set: ColdSet | undefined, kind: ColdKind): string {
  const result = set?.results.find((r) => r.kind === kind);
  if (!result) return '–';
  return `${f1(result.medianMs)}${result.not200.length > 0 ? ` (${statusCounts(result.not200)})` : ''}`;
}

/** First renders (page cache off), median ms per kind of page, early (right after ready) and steady (search ready). */
export function coldTable(rows: readonly CorpusRow[]): string {
  const lines: string[][] = [];
  for (const r of rows) {
    for (const phase of ['early', 'steady'] as const) {
      const set = r.cold[phase];
      lines.push([String(r.articles), phase, ...COLD_KINDS.map((kind) => coldCell(set, kind)), set ? seconds(set.doneMs) : '–']);
    }
  }
  return table(['articles', 'when', ...COLD_KINDS.map((k) => `${k} ms`), 'set done at s'], lines);
}

const NOT_RUN = 'not run';

/** One target of one size: "not run" when that size was not, its failure when it failed, else the check. */
function sizeTarget(rows: readonly CorpusRow[], articles: number, name: string, value: (row: CorpusRow) => number, limit: number, show: (n: number) => string): Target {
  const label = `${articles} articles: ${name}`;
  const row = rows.find((r) => r.articles === articles);
  if (!row) return { name: label, value: NOT_RUN, met: undefined };
  const measured = value(row);
  if (Number.isNaN(measured)) return row.failure === undefined ? { name: label, value: '–', met: undefined } : { name: label, value: `failed: ${row.failure}`, met: false };
  return { name: label, value: show(measured), met: measured <= limit };
}

const inSeconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const inMb = (mb: number): string => `${f0(mb)} MB`;
/** An edit that never showed counts as the time the bench waited, which is over any limit it checks. */
const editMs = (row: CorpusRow): number => (row.edit === undefined ? NaN : row.edit.visible ? row.edit.ms : Infinity);

/** Cold renders at the largest size against the 1k row, per kind and phase: within 20% (ratio ≤ 1.2). */
function coldTargets(rows: readonly CorpusRow[]): Target[] {
  const small = rows.find((r) => r.articles === 1000);
  const large = rows.reduce<CorpusRow | undefined>((a, r) => (!a || r.articles > a.articles ? r : a), undefined);
  const out: Target[] = [];
  for (const phase of ['early', 'steady'] as const) {
    for (const kind of COLD_KINDS) {
      const name = `cold ${kind} (${phase}) at ${large && large !== small ? large.articles : 'the largest size'} within 20% of 1000`;
      if (!small || !large || large === small) {
        out.push({ name, value: NOT_RUN, met: undefined });
        continue;
      }
      const a = small.cold[phase]?.results.find((r) => r.kind === kind);
      const b = large.cold[phase]?.results.find((r) => r.kind === kind);
      if (b && !Number.isFinite(b.medianMs) && b.not200.length > 0) {
        out.push({ name, value: `no 200 answer (${statusCounts(b.not200)})`, met: false });
        continue;
      }
      if (!a || !b || !Number.isFinite(a.medianMs) || !Number.isFinite(b.medianMs)) {
        const failed = large.failure ?? small.failure;
        out.push({ name, value: failed === undefined ? '–' : `failed: ${failed}`, met: failed === undefined ? undefined : false });
        continue;
      }
      const ratio = b.medianMs / a.medianMs;
      out.push({ name, value: `${ratio.toFixed(2)}× (${f1(b.medianMs)} vs ${f1(a.medianMs)} ms)`, met: ratio <= 1.2 });
    }
  }
  return out;
}

/** Issue 13's targets, each against the row of its size; sizes that were not run say so. */
export function scaleTargets(rows: readonly CorpusRow[]): Target[] {
  return [
    sizeTarget(rows, 100_000, 'ready ≤ 4 s', (r) => r.readyMs, 4_000, inSeconds),
    sizeTarget(rows, 100_000, 'RSS ≤ 400 MB at ready', (r) => r.rssReadyMb, 400, inMb),
    sizeTarget(rows, 100_000, 'RSS ≤ 500 MB after load', (r) => r.rssAfterMb, 500, inMb),
    sizeTarget(rows, 100_000, 'search ready ≤ 8 s', (r) => r.searchReadyMs, 8_000, inSeconds),
    sizeTarget(rows, 1_000_000, 'ready ≤ 40 s on a first start', (r) => r.readyMs, 40_000, inSeconds),
    sizeTarget(rows, 1_000_000, 'ready ≤ 10 s on a restart, content unchanged', (r) => r.restartReadyMs, 10_000, inSeconds),
    sizeTarget(rows, 1_000_000, 'RSS ≤ 2 GB after load with search built', (r) => r.rssAfterMb, 2048, inMb),
    sizeTarget(rows, 1_000_000, 'a content edit visible ≤ 2 s', editMs, 2_000, (ms) => (Number.isFinite(ms) ? inSeconds(ms) : 'not visible in time')),
    ...coldTargets(rows),
  ];
}
