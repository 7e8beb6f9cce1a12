/**
 * The corpora part of the bench, one corpus size at a time (issue 13's
 * figures): two starts of the server on the corpus with the page cache off and
 * a fresh catalog cache folder (CATALOG_CACHE_DIR).
 *
 *  1. First start: ready time and RSS; first renders of distinct URLs of each
 *     kind right after ready ("early": the search index may still be
 *     building), while /search is polled until it answers (search ready);
 *     other URLs of the same kinds after that ("steady"); list
 *     pages under wrk; RSS after all that. Then it waits for the catalog
 *     snapshot to be on disk and stops.
 *  2. Restart on that snapshot, content unchanged: ready time. With WATCH on,
 *     once search is ready, one article's file is rewritten with a changed
 *     headline and its page polled until the change shows; the file is put
 *     back as it was (bytes and mtime: corpora are reused between runs).
 *
 * A server that does not become ready in time, or dies, ends its size's
 * measurement with a failure row; the caller goes on with the next size.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COLD_KINDS, coldUrls, sampleArticles, type ColdKind, type SampledArticle } from './corpus-sample';
import type { CorpusDir } from './corpora';
import type { LoadResult } from './http-load';
import { httpGet, rssBytes, sleep } from './procs';
import { emptyRow, median, type ColdSet, type CorpusRow, type EditResult } from './scale-report';
import { ServerStartError, startServer, stopServer, type RunningServer, type ServerSpec } from './server';

const GZIP = { 'Accept-Encoding': 'gzip' };
const MB = 1024 * 1024;
/** The snapshot file the server writes into CATALOG_CACHE_DIR (src/content/snapshot.ts), renamed into place once complete. */
const SNAPSHOT_FILE = 'catalog.snapshot';
/** How often the edited article's page is asked for, and how long before the bench gives up on it. */
const EDIT_POLL_MS = 50;
const EDIT_TIMEOUT_MS = 30_000;

export interface ScaleRun {
  /** The server of this size: page cache off, the run's log level and WATCH, the corpus as its data folder. */
  spec: ServerSpec;
  /** Whether the servers watch their data folder (the edit is measured only then). */
  watch: boolean;
  readyTimeoutMs: number;
  /** Where the catalog cache folder of each size is made (and removed afterwards). */
  workDir: string;
  listUrls: readonly string[];
  /** wrk on one URL (with its warm-up), as the rest of the bench measures. */
  load: (url: string) => Promise<LoadResult>;
  note: (text: string) => void;
}

/** Milliseconds until /search answers something other than 503 ("getting ready"); polls every 100 ms. */
export async function waitForSearch(base: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const { status } = await httpGet(`${base}/search?q=news`, GZIP);
    if (status !== 503) return performance.now() - started;
    await sleep(100);
  }
  throw new Error(`/search still answered 503 after ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * First renders: one request per URL, kinds taking turns so each kind samples
 * the same seconds; the median of the 200 answers per kind.
 */
async function coldSet(server: RunningServer, urls: Record<ColdKind, string[]>, sinceStart: () => number): Promise<ColdSet> {
  const times = new Map<ColdKind, number[]>(COLD_KINDS.map((k) => [k, []]));
  const not200 = new Map<ColdKind, number[]>(COLD_KINDS.map((k) => [k, []]));
  const rounds = Math.max(...COLD_KINDS.map((k) => urls[k].length));
  for (let i = 0; i < rounds; i += 1) {
    for (const kind of COLD_KINDS) {
      const url = urls[kind][i];
      if (url === undefined) continue;
      const started = performance.now();
      const { status } = await httpGet(server.base + url, GZIP);
      if (status === 200) times.get(kind)?.push(performance.now() - started);
      else not200.get(kind)?.push(status);
    }
  }
  return {
    results: COLD_KINDS.map((kind) => ({ kind, medianMs: median(times.get(kind) ?? []), count: urls[kind].length, not200: not200.get(kind) ?? [] })),
    doneMs: sinceStart(),
  };
}

/** Waits until the catalog snapshot is complete in dir (the file is renamed into place when written); false after timeoutMs. */
async function waitForSnapshot(dir: string, timeoutMs: number): Promise<boolean> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (existsSync(path.join(dir, SNAPSHOT_FILE)) && !readdirSync(dir).some((f) => f.endsWith('.partial'))) return true;
    await sleep(200);
  }
  return false;
}

/** Polls the page at url until its body (uncompressed) holds text, or gives up at deadline. */
async function pollFor(url: string, holds: (body: string) => boolean, timeoutMs: number): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const { status, body } = await httpGet(url);
    if (status === 200 && holds(body.toString('utf8'))) return performance.now() - started;
    await sleep(EDIT_POLL_MS);
  }
  return undefined;
}

/**
 * Rewrites the article's file with a marked headline and times until its page
 * shows it; the file's bytes and mtime are put back afterwards, also if the
 * bench is stopped meanwhile.
 */
async function editVisible(server: RunningServer, corpusDir: string, article: SampledArticle): Promise<EditResult> {
  const file = path.join(corpusDir, article.file);
  const original = readFileSync(file);
  const { atime, mtime } = statSync(file);
  const restore = (): void => {
    writeFileSync(file, original);
    utimesSync(file, atime, mtime);
  };
  process.once('exit', restore);
  const marker = `edited${process.pid}x${Date.now().toString(36)}`;
  const record = JSON.parse(original.toString('utf8')) as { headline: string };
  const url = `${server.base}/articles/${article.slug}`;
  let result: EditResult;
  try {
    const started = performance.now();
    writeFileSync(file, JSON.stringify({ ...record, headline: `${record.headline} ${marker}` }, null, 2) + '\n');
    const waited = await pollFor(url, (body) => body.includes(marker), EDIT_TIMEOUT_MS);
    result = waited === undefined ? { ms: EDIT_TIMEOUT_MS, visible: false } : { ms: performance.now() - started, visible: true };
  } finally {
    restore();
    process.removeListener('exit', restore);
  }
  // Let the server take the file back before it is stopped (not timed).
  await pollFor(url, (body) => !body.includes(marker), EDIT_TIMEOUT_MS);
  return result;
}

/** What went wrong, preferring the server's own death (e.g. out of heap) to the request error it caused. */
function describe(error: unknown, server: RunningServer | undefined): string {
  return server?.died() ?? (error instanceof Error ? error.message : String(error));
}

/** Issue 13's figures for one corpus; never throws for a server that fails, its row says so instead. */
export async function measureCorpusSize(run: ScaleRun, corpus: CorpusDir): Promise<CorpusRow> {
  const row = emptyRow(corpus.articles);
  const sample = coldUrls(sampleArticles(corpus.dir));
  const cacheDir = mkdtempSync(path.join(run.workDir, `catalog-cache-${corpus.articles}-`));
  const spec: ServerSpec = { ...run.spec, dataDir: corpus.dir, readyTimeoutMs: run.readyTimeoutMs, env: { ...run.spec.env, CATALOG_CACHE_DIR: cacheDir } };
  let server: RunningServer | undefined;
  let phase = 'first start';
  try {
    run.note(`${corpus.articles} articles: first start (cache folder empty), first renders, list pages (cache off)`);
    const first = await startServer(spec);
    server = first;
    const readyAt = performance.now();
    const sinceStart = () => first.readyMs + (performance.now() - readyAt);
    row.readyMs = server.readyMs;
    row.rssReadyMb = rssBytes(server.pid) / MB;
    // Search readiness is polled from ready on, beside the early renders, so its time is not theirs.
    const searchReady = waitForSearch(server.base, run.readyTimeoutMs).then(sinceStart);
    searchReady.catch(() => undefined);
    row.cold.early = await coldSet(server, sample.early, sinceStart);
    phase = 'waiting for search';
    row.searchReadyMs = await searchReady;
    phase = 'first renders after search';
    row.cold.steady = await coldSet(server, sample.steady, sinceStart);
    phase = 'list pages';
    for (const url of run.listUrls) row.lists.push(await run.load(server.base + url));
    row.rssAfterMb = rssBytes(server.pid) / MB;
    phase = 'waiting for the catalog snapshot';
    // The restart is only a restart on a snapshot once the first start has written one.
    if (!(await waitForSnapshot(cacheDir, Math.min(run.readyTimeoutMs, Math.max(60_000, 3 * server.readyMs))))) {
      row.failure = `no ${SNAPSHOT_FILE} in CATALOG_CACHE_DIR after the first start (restart not measured)`;
      return row;
    }
    await stopServer(server);
    server = undefined;

    phase = 'restart';
    run.note(`${corpus.articles} articles: restart on the catalog snapshot${run.watch ? ', then an edit' : ''}`);
    server = await startServer(spec);
    row.restartReadyMs = server.readyMs;
    if (run.watch) {
      phase = 'waiting for search after the restart';
      await waitForSearch(server.base, run.readyTimeoutMs);
      phase = 'edit';
      row.edit = await editVisible(server, corpus.dir, sample.editable);
    }
  } catch (error) {
    // A server that just died may not have been reaped yet: give its exit a moment to be seen.
    if (server && !server.died()) await sleep(300);
    row.failure = `${phase}: ${error instanceof ServerStartError ? error.message : describe(error, server)}`;
  } finally {
    if (server) await stopServer(server);
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return row;
}
