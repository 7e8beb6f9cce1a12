/**
 * Live content: the first load, every reload after it (from the folder
 * watcher, SIGHUP, or a test), and what readiness reports about them.
 * Reloads keep the last good version of every record (reload.ts) and swap
 * the catalog in one assignment (CatalogStore.replace), so a reader sees the
 * old site or the new one, never a mix. Reloads never overlap: a request
 * that arrives while one runs is folded into one more run after it, which
 * reads the folder as it is by then.
 */
import { BodyStore } from './body-store';
import { CatalogStore } from './catalog';
import type { LoadOptions } from './load';
import type { Problem } from './problems';
import { formatProblem } from './problems';
import { loadContentKeepingLastGood, type GoodRecords } from './reload';
import { reloadNamedArticles } from './article-reload';
import { lockCacheFolder, type CacheLock } from './cache-lock';
import { openSnapshot, writeSnapshot } from './snapshot';
import { watchFolder, type FolderWatch } from './watch';
import type { Logger } from '../log';

export type ReloadTrigger = 'start' | 'watch' | 'signal' | 'manual';

export interface ReloadResult {
  trigger: ReloadTrigger;
  ok: boolean;
  /** When the reload finished. */
  at: Date;
  durationMs: number;
  /**
   * What the reload looked at: 'articles' when the watcher named only article
   * files and the served content was changed by those alone
   * (src/content/article-reload.ts); 'all' when every record was resolved and
   * indexed again (the first load, SIGHUP, anything else named).
   */
  scope: 'articles' | 'all';
  /** Catalog version after the reload (unchanged when it failed). */
  version: string;
  /** Why the whole reload failed (the data folder is gone, …); the previous content keeps serving. */
  error?: string;
  problems: number;
  /** Files whose new version fails, served as their last good version. */
  servingLastGood: string[];
  /** Collection files read from disk; the others were known unchanged (by the previous load, or the catalog snapshot at start). */
  filesRead: number;
  /** Known files stat'ed to see whether they changed: after the first reload, only those the folder watcher named. */
  filesChecked: number;
}

/** What /readyz shows: the catalog being served and how the last reload went. */
export interface ContentStatus {
  ready: boolean;
  version: string;
  articles: number;
  authors: number;
  sources: number;
  /** Published static pages. */
  pages: number;
  /** Redirects answering now (redirects.json and previousSlugs). */
  redirects: number;
  /** When the content being served was loaded. */
  loadedAt: string;
  lastReload: Omit<ReloadResult, 'at'> & { at: string };
  problemCount: number;
  /** The first MAX_LISTED_PROBLEMS problems, so the answer stays small with a badly broken folder. */
  problems: { file: string; field: string; reason: string }[];
}

export const MAX_LISTED_PROBLEMS = 100;

/** The folders of the data folder that content comes from (watched with their subfolders, beside site.json and redirects.json). */
export const CONTENT_FOLDERS = ['articles', 'authors', 'sources', 'pages', 'images'] as const;

export interface LiveContentOptions extends Omit<LoadOptions, 'now' | 'store'> {
  logger: Logger;
  clock?: () => Date;
  /** CATALOG_CACHE_DIR: keep the body store and a catalog snapshot there, so a restart reads only what changed. */
  cacheDir?: string;
  /**
   * Watch the data folder (as watch() does) from before the first load reads
   * it: every change after that is named, so even the first reload looks only
   * at the files named instead of every file.
   */
  watchDebounceMs?: number;
}

function logProblems(logger: Logger, problems: readonly Problem[], alreadyLogged: ReadonlySet<string>): void {
  for (const problem of problems) {
    const line = formatProblem(problem);
    if (!alreadyLogged.has(line)) logger.warn({ file: problem.file, field: problem.field, reason: problem.message }, `content problem: ${line}`);
  }
}

function watchData(dataDir: string, debounceMs: number, logger: Logger, onChange: (files: string[]) => void): FolderWatch {
  return watchFolder(dataDir, {
    debounceMs,
    folders: CONTENT_FOLDERS,
    onChange,
    onError: (error) => logger.error({ err: error }, 'watching the data folder failed; reload with SIGHUP'),
  });
}

export class LiveContent {
  private reloading: Promise<ReloadResult> | undefined;
  private another: Promise<ReloadResult> | undefined;
  private watcher: FolderWatch | undefined;
  private snapshotting: Promise<void> | undefined;
  private snapshotAgain = false;
  /**
   * What the folder watcher named since the running reload read the folder,
   * or 'all' when a change may have gone unnamed: before the watch began, a
   * SIGHUP (someone changed files we were not told of), a failed reload, or a
   * watcher event without names. A reload given names stats only those files.
   */
  private changes: Set<string> | 'all' = 'all';
  private loggedProblems: Set<string>;
  private loadedAt: Date;
  private last: ReloadResult;
  /** Called after every reload (metrics listen here). */
  readonly listeners: ((result: ReloadResult) => void)[] = [];

  private constructor(
    readonly dataDir: string,
    readonly store: CatalogStore,
    /** Every article body of every version loaded: reloads add only the bodies of files that changed. */
    private readonly bodies: BodyStore,
    private good: GoodRecords,
    private readonly options: LiveContentOptions,
    first: ReloadResult,
    /** The cache folder's lock, while this process keeps its snapshot there. */
    private readonly cacheLock?: CacheLock,
  ) {
    this.loadedAt = first.at;
    this.last = first;
    this.loggedProblems = new Set(store.current().content.problems.map(formatProblem));
  }

  /** The first load: a missing or broken site.json throws ContentLoadError (the server cannot start). */
  static async load(dataDir: string, options: LiveContentOptions): Promise<LiveContent> {
    const clock = options.clock ?? (() => new Date());
    const started = Date.now();
    const lock = options.cacheDir ? lockCacheFolder(options.cacheDir) : undefined;
    if (lock && 'heldBy' in lock) {
      options.logger.warn({ cacheDir: options.cacheDir, reason: lock.heldBy }, `catalog cache folder not used: ${lock.heldBy}; reading every file, and no snapshot is kept`);
      const { cacheDir: _taken, ...withoutCache } = options;
      return LiveContent.load(dataDir, withoutCache);
    }
    const folder = options.cacheDir ? await openSnapshot(options.cacheDir, dataDir) : undefined;
    if (folder?.ignored) options.logger.warn({ cacheDir: options.cacheDir, reason: folder.ignored }, `catalog snapshot not used: ${folder.ignored}; reading every file`);
    const bodies = folder?.store ?? BodyStore.private();
    // Changes seen while the first load runs wait for the site to exist.
    let live: LiveContent | undefined;
    const early: string[][] = [];
    const watcher = options.watchDebounceMs === undefined ? undefined : watchData(dataDir, options.watchDebounceMs, options.logger, (files) => (live ? live.watched(files) : early.push(files)));
    const loaded = await loadContentKeepingLastGood(dataDir, undefined, bodies, { ...(options.baseUrl && { baseUrl: options.baseUrl }), now: clock() }, folder?.earlier).catch((error: unknown) => {
      watcher?.close();
      bodies.close();
      lock?.release();
      throw error;
    });
    if (folder?.earlier) options.logger.info({ cacheDir: options.cacheDir, known: folder.files, filesRead: loaded.filesRead }, 'catalog snapshot used: only changed files were read');
    logProblems(options.logger, loaded.content.problems, new Set());
    const store = new CatalogStore(loaded.content, clock);
    const first: ReloadResult = {
      trigger: 'start',
      ok: true,
      scope: 'all',
      at: clock(),
      durationMs: Date.now() - started,
      version: store.current().version,
      problems: loaded.content.problems.length,
      servingLastGood: [],
      filesRead: loaded.filesRead,
      filesChecked: loaded.filesChecked,
    };
    live = new LiveContent(dataDir, store, bodies, loaded.good, options, first, lock);
    if (watcher) {
      live.watcher = watcher;
      live.changes = new Set();
      for (const files of early) live.watched(files);
    }
    live.saveSnapshot();
    return live;
  }

  get lastReload(): ReloadResult {
    return this.last;
  }

  /** Reloads the folder; concurrent calls share the run in progress plus at most one more. */
  reload(trigger: ReloadTrigger): Promise<ReloadResult> {
    if (trigger !== 'watch') this.changes = 'all';
    if (!this.reloading) {
      this.reloading = this.runReload(trigger).finally(() => {
        this.reloading = undefined;
      });
      return this.reloading;
    }
    // One is running: it may have read the folder before this change, so one more run follows it.
    this.another ??= this.reloading.then(() => {
      this.another = undefined;
      return this.reload(trigger);
    });
    return this.another;
  }

  /** Starts watching the data folder; every quiet moment after a change reloads (the first reload looks at every file: see watchDebounceMs). */
  watch(debounceMs: number): void {
    if (this.watcher) return;
    this.watcher = watchData(this.dataDir, debounceMs, this.options.logger, (files) => this.watched(files));
  }

  /** The watcher saw `files` change (none named: anything may have). */
  private watched(files: string[]): void {
    this.options.logger.debug({ files: files.slice(0, 20), count: files.length }, 'data folder changed');
    if (files.length === 0) this.changes = 'all';
    else if (this.changes !== 'all') for (const file of files) this.changes.add(file);
    void this.reload('watch');
  }

  /** The folders being watched, relative to the data folder ('' is the data folder itself); empty when not watching. */
  watchedFolders(): string[] {
    return this.watcher?.folders() ?? [];
  }

  /** Stops the watcher (shutdown, tests). A reload in progress finishes on its own; the cache folder is given up after it and its snapshot. */
  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.cacheLock) void this.settled().finally(() => this.cacheLock?.release());
  }

  /**
   * Writes the catalog snapshot of what is served now, when there is a cache
   * folder; writes never overlap, and a request during one is folded into one
   * more write after it. Errors are logged: a snapshot only saves time.
   */
  saveSnapshot(): void {
    const dir = this.options.cacheDir;
    if (!dir) return;
    if (this.snapshotting) {
      this.snapshotAgain = true;
      return;
    }
    const good = this.good;
    this.snapshotting = writeSnapshot(dir, this.dataDir, this.bodies, good)
      .then(
        (files) => this.options.logger.debug({ cacheDir: dir, files }, 'catalog snapshot written'),
        (error: unknown) => this.options.logger.error({ err: error, cacheDir: dir }, 'writing the catalog snapshot failed; the next start reads every file'),
      )
      .finally(() => {
        this.snapshotting = undefined;
        const again = this.snapshotAgain && this.good !== good;
        this.snapshotAgain = false;
        if (again) this.saveSnapshot();
      });
  }

  /** Waits for any reload in progress (and the one queued behind it). */
  async settled(): Promise<void> {
    while (this.reloading || this.another || this.snapshotting) await (this.another ?? this.reloading ?? this.snapshotting);
  }

  status(): ContentStatus {
    const catalog = this.store.current();
    const problems = catalog.content.problems;
    return {
      ready: true,
      version: catalog.version,
      articles: catalog.articles.length,
      authors: catalog.authors.size,
      sources: catalog.sources.size,
      pages: catalog.pages.size,
      redirects: catalog.redirects.size,
      loadedAt: this.loadedAt.toISOString(),
      lastReload: { ...this.last, at: this.last.at.toISOString() },
      problemCount: problems.length,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ file: p.file, field: p.field, reason: p.message })),
    };
  }

  private async runReload(trigger: ReloadTrigger): Promise<ReloadResult> {
    const { logger } = this.options;
    const clock = this.options.clock ?? (() => new Date());
    const started = Date.now();
    let result: ReloadResult;
    const changes = this.changes;
    this.changes = new Set();
    try {
      const now = clock();
      // Only article files named: change the served content by them when that says all (article-reload.ts); else read everything again.
      const served = { good: this.good, content: this.store.current().content, servingLastGood: this.last.servingLastGood };
      const named = changes === 'all' ? undefined : await reloadNamedArticles(this.dataDir, served, changes, this.bodies, now);
      const loaded =
        named ??
        (await loadContentKeepingLastGood(this.dataDir, this.good, this.bodies, {
          ...(this.options.baseUrl && { baseUrl: this.options.baseUrl }),
          ...(changes !== 'all' && { changed: changes }),
          now,
        }));
      const problems = loaded.content.problems;
      logProblems(logger, problems, this.loggedProblems);
      this.loggedProblems = new Set(problems.map(formatProblem));
      const catalog = this.store.replace(loaded.content, named?.change);
      this.good = loaded.good;
      this.loadedAt = clock();
      result = { trigger, ok: true, at: this.loadedAt, durationMs: Date.now() - started, scope: named ? 'articles' : 'all', version: catalog.version, problems: problems.length, servingLastGood: loaded.servingLastGood, filesRead: loaded.filesRead, filesChecked: loaded.filesChecked };
      this.saveSnapshot();
      logger.info(
        { trigger, scope: result.scope, version: catalog.version, articles: catalog.articles.length, problems: problems.length, servingLastGood: loaded.servingLastGood, durationMs: result.durationMs },
        'content reloaded',
      );
    } catch (error) {
      // What changed since the last good read is not known now: the next reload looks at every file.
      this.changes = 'all';
      const message = error instanceof Error ? error.message : String(error);
      result = { trigger, ok: false, at: clock(), durationMs: Date.now() - started, scope: 'all', version: this.store.current().version, error: message, problems: this.last.problems, servingLastGood: this.last.servingLastGood, filesRead: 0, filesChecked: 0 };
      logger.error({ err: error, trigger }, 'content reload failed; still serving the previous content');
    }
    this.last = result;
    for (const listener of this.listeners) listener(result);
    return result;
  }
}
