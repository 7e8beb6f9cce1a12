/**
 * A large site's index is built in a worker thread: it finds exactly what the
 * main thread's build finds, a reload in the middle cancels it, and a worker
 * that fails or dies is logged and the index built on the main thread
 * instead. syncBuildLimit is lowered so a generated corpus of a few hundred
 * articles counts as large.
 */
import { fstatSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { CatalogStore, type Catalog } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import type { Content } from '../../src/content/model';
import { writeCorpus } from '../../src/corpus/generate';
import { BuildCancelled, buildIndexHere, CatalogSearch, keepSearchIndexed, prepareSearch, searchFor, searchReady, searchSettings } from '../../src/search/index';
import { appFor } from '../helpers/fixture';

const NOW = new Date('2026-11-01T00:00:00Z');
const dirs: string[] = [];
let corpusDir: string;

beforeAll(async () => {
  corpusDir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-search-worker-'));
  dirs.push(corpusDir);
  await writeCorpus(corpusDir, { articles: 400, seed: 11 });
}, 60_000);
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const limit = searchSettings.syncBuildLimit;
beforeEach(() => {
  searchSettings.syncBuildLimit = 50;
});
afterEach(() => {
  searchSettings.syncBuildLimit = limit;
  delete searchSettings.workerEntry;
});

/** A logger that keeps what it is told. */
function recordingLog() {
  const lines: { level: 'info' | 'error'; message: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (fields: Record<string, unknown>, message: string) => void lines.push({ level: 'info', message, fields }),
    error: (fields: Record<string, unknown>, message: string) => void lines.push({ level: 'error', message, fields }),
  };
}

const load = (): Promise<Content> => loadContent(corpusDir, { now: NOW });

/** Every hit (slug, score, matched terms) and the total, for queries of every kind: one word, several, a prefix, a typo, nothing. */
const QUERIES = ['world', 'the', 'council budget', 'minister', 'elec', 'parliamnet', 'north', 'report', 'zzzz nothing', 'climate energy'];
function answers(search: CatalogSearch) {
  return QUERIES.map((q) => {
    const outcome = search.search(q);
    return { q, total: outcome.total, combinedWith: outcome.combinedWith, hits: outcome.hits.map((h) => [h.article.slug, h.score, h.terms]) };
  });
}

function mainThreadAnswers(catalog: Catalog) {
  return answers(new CatalogSearch(buildIndexHere(catalog), catalog));
}

test('a worker builds the index of a large site, which finds exactly what the main thread’s build finds', async () => {
  const catalog = new CatalogStore(await load(), () => NOW).current();
  expect(catalog.articles.length).toBeGreaterThan(searchSettings.syncBuildLimit);
  const log = recordingLog();
  expect(searchFor(catalog)).toBeUndefined(); // large: never built on a request
  const index = await prepareSearch(catalog, log);
  expect(log.lines).toEqual([expect.objectContaining({ level: 'info', message: 'search index built in a worker thread', fields: expect.objectContaining({ documents: index.documentCount }) })]);

  const built = buildIndexHere(catalog);
  expect([index.documentCount, index.termCount, index.postingCount, index.byteSize]).toEqual([built.documentCount, built.termCount, built.postingCount, built.byteSize]);
  const fromWorker = answers(searchFor(catalog)!);
  expect(fromWorker.find((a) => a.q === 'world')?.total).toBeGreaterThan(10);
  expect(fromWorker).toEqual(mainThreadAnswers(catalog));
}, 60_000);

/** Resolves once `done()` holds, looking every few milliseconds (the test's time limit bounds the wait). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

test('a reload in the middle of a build cancels it: its worker is stopped, the new content’s index replaces it', async () => {
  searchSettings.workerEntry = path.join(__dirname, 'fixtures', 'stalling-index-worker.js'); // the first build never ends by itself
  const store = new CatalogStore(await load(), () => NOW);
  const reloads: (() => void)[] = [];
  const log = recordingLog();
  const search = keepSearchIndexed(store, reloads, log);
  const first = store.current();
  const firstBuild = prepareSearch(first, log); // the build keepSearchIndexed started
  delete searchSettings.workerEntry;
  store.replace(await load());
  for (const reload of reloads) reload();

  await expect(firstBuild).rejects.toBeInstanceOf(BuildCancelled);
  // The worker holds the first content's body store open while it runs: closed, the store's descriptor goes once the worker has stopped.
  const shared = first.content.bodies.store.share();
  shared.release();
  const { fd } = shared.file;
  const { ino } = fstatSync(fd);
  first.content.bodies.store.close();
  await until(() => {
    try {
      return fstatSync(fd).ino !== ino; // the number reused for another file
    } catch {
      return true;
    }
  });

  const second = store.current();
  await prepareSearch(second, log);
  expect(searchReady(second)).toBe(true);
  expect(searchReady(first)).toBe(false); // the cancelled build never finished
  expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
  expect(answers(searchFor(second)!)).toEqual(mainThreadAnswers(second));
  search.stop();
}, 60_000);

test.each([
  ['fails as it starts', 'failing-index-worker.js'],
  ['dies in the middle of a build', 'dying-index-worker.js'],
])('a worker that %s is logged, and the index is built on the main thread instead', async (_how, file) => {
  searchSettings.workerEntry = path.join(__dirname, 'fixtures', file);
  const catalog = new CatalogStore(await load(), () => NOW).current();
  const log = recordingLog();
  const index = await prepareSearch(catalog, log);
  expect(log.lines).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/worker failed; building the index on the main thread/) })]);
  expect(index.documentCount).toBe(buildIndexHere(catalog).documentCount);
  expect(answers(searchFor(catalog)!)).toEqual(mainThreadAnswers(catalog));
}, 60_000);

test('/search says the index is getting ready until the worker is done, then answers', async () => {
  const { app, store } = await appFor(corpusDir, { now: NOW });
  const building = await request(app).get('/search?q=world').expect(503);
  expect(building.text).toContain('Search is getting ready');
  await prepareSearch(store.current(), recordingLog());
  const ready = await request(app).get('/search?q=world').expect(200);
  expect(ready.text).not.toContain('Search is getting ready');
  expect(ready.text).toContain('/articles/');
}, 60_000);
