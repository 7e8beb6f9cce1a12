/** Corpus-scale rows as the bench makes them, for the report and chart tests. */
import { COLD_KINDS } from '../../bench/corpus-sample';
import type { LoadResult } from '../../bench/http-load';
import { emptyRow, type ColdSet, type CorpusRow } from '../../bench/scale-report';

export const LIST_URLS = ['/', '/?page=2', '/sections/world'] as const;

const load = (rps: number): LoadResult => ({ rps, p50Ms: 10, p99Ms: 40, requests: rps * 5, errors: 0 });
const cold = (ms: number, doneMs: number): ColdSet => ({ results: COLD_KINDS.map((kind) => ({ kind, medianMs: ms, count: 5, not200: [] })), doneMs });

/** A size that measured everything: ready in readyS s, renders in coldMs ms, lists at rps req/s. */
export function fullRow(articles: number, { readyS = 1, restartS = 0.5, rssReady = 150, rssAfter = 250, searchS = 2, editS = 0.4, coldMs = 2.5, rps = 2000 } = {}): CorpusRow {
  return {
    ...emptyRow(articles),
    readyMs: readyS * 1000,
    restartReadyMs: restartS * 1000,
    rssReadyMb: rssReady,
    rssAfterMb: rssAfter,
    searchReadyMs: searchS * 1000,
    edit: { ms: editS * 1000, visible: true },
    cold: { early: cold(coldMs, readyS * 1000 + 500), steady: cold(coldMs, searchS * 1000 + 500) },
    lists: LIST_URLS.map((_, i) => load(rps + i * 100)),
  };
}

/** A size whose server never became ready. */
export function failedRow(articles: number, reason = 'server died (SIGABRT): FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'): CorpusRow {
  return { ...emptyRow(articles), failure: `first start: ${reason}` };
}
