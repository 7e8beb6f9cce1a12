/**
 * A large site's index, built in a worker thread (index-worker.ts) so the
 * main thread goes on serving requests: the main thread posts each article
 * as an IndexDocument (plain data, the body as a place in the body store),
 * in small batches and only as fast as the worker asks for them, so no large
 * structured clone ever blocks it; the worker reads the bodies itself
 * through the store's descriptor, which threads share, and hands the
 * finished postings back as transferred typed arrays (moved, not copied).
 * See docs/decisions/0020-search-index-in-a-worker.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_SLICE_MS, giveWay } from '../background';
import type { BodyStore } from '../content/body-store';
import type { Article } from '../content/model';
import type { Postings } from './build';
import { indexDocumentOf, type IndexDocument } from './documents';
import { TERM_SEPARATOR, type FromWorker, type ToWorker, type WorkerStart } from './worker-protocol';

/** A finished build: the postings, the worker's time, and the hand-over (from the worker's post to the postings on the main thread, the terms split). */
export interface BuiltPostings {
  postings: Postings;
  buildMs: number;
  handOverMs: number;
}

/** Documents per message: about a millisecond to make and post at 100k, and the worker never waits long for the next. */
export const BATCH_DOCUMENTS = 256;


/** The terms of a joined string, cut out a slice at a time, giving way to requests between (a real archive's vocabulary of a million terms takes ~120 ms to split). */
function splitInSlices(joined: string): Promise<string[]> {
  const terms: string[] = [];
  if (joined === '') return Promise.resolve(terms);
  return new Promise((resolve) => {
    let from = 0;
    const slice = (): void => {
      const deadline = performance.now() + BACKGROUND_SLICE_MS;
      while (from <= joined.length) {
        let end = joined.indexOf(TERM_SEPARATOR, from);
        if (end < 0) end = joined.length;
        terms.push(joined.slice(from, end));
        from = end + 1;
        if ((terms.length & 1023) === 0 && performance.now() >= deadline) {
          void giveWay().then(slice);
          return;
        }
      }
      resolve(terms);
    };
    slice();
  });
}

/**
 * Where the worker's code is: index-worker.js beside this module once
 * compiled (dist/), and under ts-jest or tsx, where this module is the .ts
 * source, a bootstrap that registers tsx in the worker and then loads
 * index-worker.ts (a worker is a fresh Node environment: neither jest's
 * transform nor tsx's loader is there). `entry` overrides it (tests: a
 * worker that fails).
 */
function startWorker(workerData: WorkerStart, entry?: string): Worker {
  const compiled = path.join(__dirname, 'index-worker.js');
  if (entry ?? existsSync(compiled)) return new Worker(entry ?? compiled, { workerData });
  const source = path.join(__dirname, 'index-worker.ts');
  const tsx = require.resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, workerData });
}

export interface WorkerBuild {
  /** The postings, once the worker is done; rejects when it fails, dies or is cancelled. */
  readonly done: Promise<BuiltPostings>;
  /** Stops the worker; `done` rejects with a BuildCancelled. */
  cancel(): void;
}

/** Why a build that was no longer wanted (its content replaced, or its index made another way) did not finish. */
export class BuildCancelled extends Error {
  constructor() {
    super('the search index build was cancelled: its content was replaced, or its index made another way');
    this.name = 'BuildCancelled';
  }
}

/**
 * Builds the postings of `articles` (in document order) in a worker that
 * reads their bodies from `store`. The store's descriptor is shared for the
 * worker's whole life and released only once its thread has exited, so it
 * cannot be closed (or its number reused) under a read.
 */
export function buildInWorker(articles: readonly Article[], store: BodyStore, options: { entry?: string } = {}): WorkerBuild {
  let shared: ReturnType<BodyStore['share']> | undefined;
  let worker: Worker;
  try {
    shared = store.share();
    worker = startWorker({ body: shared.file, documentCount: articles.length }, options.entry);
  } catch (error) {
    shared?.release();
    return { done: Promise.reject(error), cancel: () => undefined };
  }
  const { release } = shared;
  let settled = false;
  let next = 0;
  let resolveDone!: (value: BuiltPostings) => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<BuiltPostings>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const fail = (error: unknown): void => {
    if (settled) return;
    settled = true;
    rejectDone(error);
    void worker.terminate().catch(() => undefined);
  };
  const sendBatch = (): void => {
    if (next >= articles.length) {
      if (next === articles.length) worker.postMessage({ type: 'end' } satisfies ToWorker);
      next++;
      return;
    }
    const end = Math.min(articles.length, next + BATCH_DOCUMENTS);
    const documents: IndexDocument[] = [];
    for (; next < end; next++) documents.push(indexDocumentOf(articles[next] as Article));
    worker.postMessage({ type: 'documents', documents } satisfies ToWorker);
  };
  // Any throw here (a document that cannot be posted) fails the build: never an exception on the main thread's loop.
  const sendOrFail = (): void => {
    try {
      sendBatch();
    } catch (error) {
      fail(error);
    }
  };
  worker.on('message', (message: FromWorker) => {
    if (settled) return;
    if (message.type === 'more') {
      // The next batch is made once no request is being answered (a batch is about a millisecond of work).
      void giveWay().then(() => {
        if (!settled) sendOrFail();
      });
      return;
    }
    settled = true;
    void worker.terminate().catch(() => undefined);
    const { terms, ...arrays } = message.postings;
    void splitInSlices(terms).then((list) => resolveDone({ postings: { ...arrays, terms: list }, buildMs: message.buildMs, handOverMs: performance.timeOrigin + performance.now() - message.postedAt }));
  });
  worker.on('error', fail);
  worker.on('messageerror', fail);
  // After an error or a termination too: only now is no read of the store's file under way.
  worker.on('exit', (code) => {
    release();
    fail(new Error(`the search index worker stopped (exit code ${code}) before it was done`));
  });
  // Two batches in flight: the worker has the next at hand while the main thread makes the one after.
  sendOrFail();
  sendOrFail();
  return {
    done,
    cancel: () => fail(new BuildCancelled()),
  };
}
