/**
 * Which index a catalog searches, and building them off the request path: a
 * large site's index is built in the background, in slices between requests,
 * and until it is ready searchFor has nothing to give (the search page says
 * the index is building) or, after a reload, gives the previous content's
 * index seen through the new catalog. keepSearchIndexed starts a build when
 * the content is loaded and after every reload. A small site is indexed on its
 * first search, synchronously.
 */
import type { Catalog, CatalogStore } from '../content/catalog';
import type { Content } from '../content/model';
import { IndexBuilder } from './build';
import { SearchIndex } from './engine';
import { CatalogSearch } from './view';

/**
 * syncBuildLimit: a site with at most this many published articles is
 * indexed on its first search if its index is not ready (0.1–0.3 s at 3,000);
 * a larger one never blocks a request. Tests lower it to see the background path.
 */
export const searchSettings = { syncBuildLimit: 3000 };
/** A background build works in slices of this many milliseconds, yielding to requests between them. */
export const SLICE_MS = 12;

interface Build {
  builder: IndexBuilder;
  done: Promise<SearchIndex>;
  resolve: (index: SearchIndex) => void;
  reject: (error: unknown) => void;
  scheduled: boolean;
  cancelled: boolean;
}

const ready = new WeakMap<Content, SearchIndex>();
const builds = new WeakMap<Content, Build>();
/** For a content whose index is not built yet: the index of the content it replaced (kept by keepSearchIndexed). */
const earlier = new WeakMap<Content, SearchIndex>();
const views = new WeakMap<Catalog, CatalogSearch>();

function buildFor(catalog: Catalog): Build {
  let build = builds.get(catalog.content);
  if (!build) {
    let resolve!: (index: SearchIndex) => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<SearchIndex>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined); // a failed background build is reported to whoever awaits it, never as unhandled
    build = { builder: new IndexBuilder(catalog), done, resolve, reject, scheduled: false, cancelled: false };
    builds.set(catalog.content, build);
  }
  return build;
}

function finish(content: Content, build: Build): SearchIndex {
  const index = new SearchIndex(build.builder.finish());
  ready.set(content, index);
  builds.delete(content);
  earlier.delete(content);
  build.resolve(index);
  return index;
}

/** The catalog's content's own index, finishing its build now if asked to (or if the site is small); undefined while a large one builds. */
function ownIndex(catalog: Catalog, now: boolean): SearchIndex | undefined {
  const index = ready.get(catalog.content);
  if (index) return index;
  const build = buildFor(catalog);
  if (now || build.builder.documentCount <= searchSettings.syncBuildLimit) return finish(catalog.content, build);
  schedule(catalog.content, build);
  return undefined;
}

function schedule(content: Content, build: Build): void {
  if (build.scheduled) return;
  build.scheduled = true;
  const slice = () => {
    if (build.cancelled || ready.has(content)) return;
    try {
      if (build.builder.step(performance.now() + SLICE_MS)) finish(content, build);
      else setImmediate(slice);
    } catch (error) {
      builds.delete(content);
      build.reject(error);
    }
  };
  setImmediate(slice);
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

/** Search for this catalog, building its index now if need be (tests, benchmarks, tools). */
export function searchIndexFor(catalog: Catalog): CatalogSearch {
  return viewFor(catalog, ownIndex(catalog, true) as SearchIndex, false);
}

/** Starts building the catalog's index in the background (if it is not built); resolves when it is ready. */
export function prepareSearch(catalog: Catalog): Promise<SearchIndex> {
  const index = ready.get(catalog.content);
  if (index) return Promise.resolve(index);
  const build = buildFor(catalog);
  schedule(catalog.content, build);
  return build.done;
}

/** Whether the catalog's own index is built. */
export function searchReady(catalog: Catalog): boolean {
  return ready.has(catalog.content);
}

/**
 * Keeps a running site's search index ready: builds it now, in the
 * background, and again after every reload (`reloads` is LiveContent's
 * listener list); until a reload's index is ready, searches use the previous
 * one, filtered by the new catalog. An embargo lifting needs nothing: the
 * index has every published article, and the new catalog's view shows it.
 */
export function keepSearchIndexed(store: CatalogStore, reloads: { push(listener: () => void): unknown }): void {
  let content = store.current().content;
  void prepareSearch(store.current());
  reloads.push(() => {
    const catalog = store.current();
    if (catalog.content === content) return; // the reload failed: same content
    const previous = ready.get(content) ?? earlier.get(content);
    if (previous && !ready.has(catalog.content)) earlier.set(catalog.content, previous);
    const superseded = builds.get(content);
    if (superseded) {
      superseded.cancelled = true;
      builds.delete(content);
    }
    content = catalog.content;
    void prepareSearch(catalog);
  });
}
