/**
 * Which index a catalog searches, and building them off the request path: a
 * large site's index is built in a worker thread (worker-build.ts), and until
 * it is ready searchFor has nothing to give (the search page says the index
 * is building) or, after a reload, gives the previous content's index seen
 * through the new catalog. keepSearchIndexed starts a build when the content
 * is loaded and after every reload, and cancels the one a reload supersedes.
 * A small site is indexed on the main thread: in slices between requests in
 * the background, or on its first search, synchronously. A worker that fails
 * is logged and its build done on the main thread in slices instead
 * (docs/decisions/0020-search-index-in-a-worker.md).
 */
import { BACKGROUND_SLICE_MS, giveWay } from '../background';
import type { BodyStore } from '../content/body-store';
import { embargoedArticles, type Catalog, type CatalogStore } from '../content/catalog';
import type { Article, Content } from '../content/model';
import { createLogger } from '../log';
import { IndexBuilder, type Postings } from './build';
import { indexDocumentOf } from './documents';
import { SearchIndex } from './engine';
import { CatalogSearch } from './view';
import { BuildCancelled, buildInWorker, type WorkerBuild } from './worker-build';

/**
 * syncBuildLimit: a site with at most this many published articles is
 * indexed on the main thread, on its first search if its index is not ready
 * (0.1–0.3 s at 3,000); a larger one in a worker thread, and never blocks a
 * request. Tests lower it to see the worker. workerEntry: the worker's code
 * (tests: one that fails); by default index-worker's.
 */
export const searchSettings: { syncBuildLimit: number; workerEntry?: string } = { syncBuildLimit: 3000 };
/** A main-thread background build works in slices of this many milliseconds, giving way to requests between them (background.ts). */
export const SLICE_MS = BACKGROUND_SLICE_MS;

/** Where builds are reported: a finished worker build (info), a failed one (error). A pino Logger is one. */
export interface SearchLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

interface Build {
  /** The documents, in document order. */
  articles: readonly Article[];
  store: BodyStore;
  done: Promise<SearchIndex>;
  resolve: (index: SearchIndex) => void;
  reject: (error: unknown) => void;
  log: SearchLog;
  started: boolean;
  cancelled: boolean;
  /** The main-thread builder, once the build is done here (a small site, a failed worker, a search that cannot wait). */
  builder?: IndexBuilder;
  worker?: WorkerBuild;
}

const ready = new WeakMap<Content, SearchIndex>();
const builds = new WeakMap<Content, Build>();
/** For a content whose index is not built yet: the index of the content it replaced (kept by keepSearchIndexed). */
const earlier = new WeakMap<Content, SearchIndex>();
const views = new WeakMap<Catalog, CatalogSearch>();

let defaultLog: SearchLog | undefined;

/**
 * The articles an index of the catalog's content holds, in document order:
 * every published one (drafts never), embargoed ones too (hidden per
 * catalog, see view.ts), newest first.
 */
function indexedArticles(catalog: Catalog): Article[] {
  // The catalog's visible articles are newest first; embargoed ones are all newer still.
  return [...embargoedArticles(catalog), ...catalog.articles];
}

function buildFor(catalog: Catalog, log?: SearchLog): Build {
  let build = builds.get(catalog.content);
  if (build && log) build.log = log;
  if (!build) {
    let resolve!: (index: SearchIndex) => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<SearchIndex>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined); // a failed background build is reported to whoever awaits it, never as unhandled
    const store = catalog.content.bodies.store;
    build = { articles: indexedArticles(catalog), store, done, resolve, reject, log: log ?? (defaultLog ??= createLogger('warn')), started: false, cancelled: false };
    builds.set(catalog.content, build);
  }
  return build;
}

/** The index of `articles` (in document order) from their postings. */
function indexOf(articles: readonly Article[], postings: Postings): SearchIndex {
  return new SearchIndex({ ...postings, slugs: articles.map((a) => a.slug), publishedAt: Float64Array.from(articles, (a) => a.publishedAt.getTime()) });
}

function finish(content: Content, build: Build, postings: Postings): SearchIndex {
  const index = indexOf(build.articles, postings);
  ready.set(content, index);
  builds.delete(content);
  earlier.delete(content);
  build.worker?.cancel(); // a search could not wait for it
  build.resolve(index);
  return index;
}

function mainThreadBuilder(articles: readonly Article[], store: BodyStore): IndexBuilder {
  return new IndexBuilder(articles.length, (body) => JSON.parse(store.read(body)));
}

/** Adds documents on this thread until `deadline` (performance.now() ms) or the end; returns whether all are added. */
function addHere(builder: IndexBuilder, articles: readonly Article[], deadline: number): boolean {
  while (builder.added < articles.length) {
    builder.add(indexDocumentOf(articles[builder.added] as Article));
    if ((builder.added & 15) === 0 && performance.now() >= deadline) break;
  }
  return builder.added === articles.length;
}

function stepOnMainThread(build: Build, deadline: number): boolean {
  return addHere((build.builder ??= mainThreadBuilder(build.articles, build.store)), build.articles, deadline);
}

function finishOnMainThread(content: Content, build: Build): SearchIndex {
  stepOnMainThread(build, Infinity);
  return finish(content, build, (build.builder as IndexBuilder).finish());
}

/** A new index of the catalog's content, built here and now, in one go, and kept nowhere (benchmarks: the build's own time). */
export function buildIndexHere(catalog: Catalog): SearchIndex {
  const articles = indexedArticles(catalog);
  const builder = mainThreadBuilder(articles, catalog.content.bodies.store);
  addHere(builder, articles, Infinity);
  return indexOf(articles, builder.finish());
}

/** The catalog's content's own index, finishing its build now if asked to (or if the site is small); undefined while a large one builds. */
function ownIndex(catalog: Catalog, now: boolean): SearchIndex | undefined {
  const index = ready.get(catalog.content);
  if (index) return index;
  const build = buildFor(catalog);
  if (now || build.articles.length <= searchSettings.syncBuildLimit) return finishOnMainThread(catalog.content, build);
  start(catalog.content, build);
  return undefined;
}

/** Starts the build in the background: a large site's in a worker, a small one's in slices. */
function start(content: Content, build: Build): void {
  if (build.started) return;
  build.started = true;
  if (build.articles.length <= searchSettings.syncBuildLimit) {
    inSlices(content, build);
    return;
  }
  const worker = buildInWorker(build.articles, build.store, { ...(searchSettings.workerEntry && { entry: searchSettings.workerEntry }) });
  build.worker = worker;
  worker.done
    .then(
      ({ postings, buildMs, handOverMs }) => {
        if (build.cancelled || ready.has(content)) return;
        finish(content, build, postings);
        build.log.info({ documents: build.articles.length, terms: postings.terms.length, buildMs: Math.round(buildMs), handOverMs: Math.round(handOverMs * 10) / 10 }, 'search index built in a worker thread');
      },
      (error: unknown) => {
        if (build.cancelled || ready.has(content) || error instanceof BuildCancelled) return;
        build.worker = undefined;
        build.log.error({ err: error, documents: build.articles.length }, 'the search index worker failed; building the index on the main thread, in slices, instead');
        inSlices(content, build);
      },
    )
    .catch((error: unknown) => failed(content, build, error));
}

/** A build that could not be finished: reported, and forgotten, so the next search starts another. */
function failed(content: Content, build: Build, error: unknown): void {
  if (builds.get(content) === build) builds.delete(content);
  try {
    build.log.error({ err: error, documents: build.articles.length }, 'building the search index failed');
  } finally {
    build.reject(error);
  }
}

function inSlices(content: Content, build: Build): void {
  const slice = () => {
    if (build.cancelled || ready.has(content)) return;
    try {
      if (stepOnMainThread(build, performance.now() + SLICE_MS)) finishOnMainThread(content, build);
      else void giveWay().then(slice);
    } catch (error) {
      failed(content, build, error);
    }
  };
  void giveWay().then(slice);
}

/** Stops a build that is no longer wanted: its worker is terminated, its promise rejects with a BuildCancelled. */
function cancel(content: Content): void {
  const build = builds.get(content);
  if (!build) return;
  build.cancelled = true;
  builds.delete(content);
  build.worker?.cancel();
  build.reject(new BuildCancelled());
}

function viewFor(catalog: Catalog, index: SearchIndex, stale: boolean): CatalogSearch {
  const cached = views.get(catalog);
  if (cached && cached.index === index) return cached;
  const view = new CatalogSearch(index, catalog, stale);
  views.set(catalog, view);
  return view;
}

/**
 * Search for this catalog, if it can be had without blocking: its content's
 * own index; else the index of the content it replaced (stale, see
 * CatalogSearch); else undefined, while the index is built in the background.
 * A small site's index is built on the spot.
 */
export function searchFor(catalog: Catalog): CatalogSearch | undefined {
  const own = ownIndex(catalog, false);
  if (own) return viewFor(catalog, own, false);
  const previous = earlier.get(catalog.content);
  return previous ? viewFor(catalog, previous, true) : undefined;
}

/** Search for this catalog, building its index now, on this thread, if need be (tests, benchmarks, tools). */
export function searchIndexFor(catalog: Catalog): CatalogSearch {
  return viewFor(catalog, ownIndex(catalog, true) as SearchIndex, false);
}

/**
 * Starts building the catalog's index in the background (if it is not
 * built); resolves when it is ready, rejects if it is cancelled (a reload
 * superseded it) or fails on the main thread too. Failures are logged to
 * `log` (by default a logger of its own, at `warn`).
 */
export function prepareSearch(catalog: Catalog, log?: SearchLog): Promise<SearchIndex> {
  const index = ready.get(catalog.content);
  if (index) return Promise.resolve(index);
  const build = buildFor(catalog, log);
  start(catalog.content, build);
  return build.done;
}

/** Whether the catalog's own index is built. */
export function searchReady(catalog: Catalog): boolean {
  return ready.has(catalog.content);
}

/**
 * Keeps a running site's search index ready: builds it now, in the
 * background, and again after every reload (`reloads` is LiveContent's
 * listener list), cancelling the build the reload supersedes; until a
 * reload's index is ready, searches use the previous one, filtered by the new
 * catalog. An embargo lifting needs nothing: the index has every published
 * article, and the new catalog's view shows it. `stop` cancels the build
 * under way (shutdown).
 */
export function keepSearchIndexed(store: CatalogStore, reloads: { push(listener: () => void): unknown }, log?: SearchLog): { stop(): void } {
  let content = store.current().content;
  let stopped = false;
  void prepareSearch(store.current(), log);
  reloads.push(() => {
    const catalog = store.current();
    if (stopped || catalog.content === content) return; // stopped, or the reload failed: same content
    const previous = ready.get(content) ?? earlier.get(content);
    if (previous && !ready.has(catalog.content)) earlier.set(catalog.content, previous);
    cancel(content);
    content = catalog.content;
    void prepareSearch(catalog, log);
  });
  return {
    stop: () => {
      stopped = true;
      cancel(content);
    },
  };
}
