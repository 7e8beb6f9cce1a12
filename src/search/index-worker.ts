/**
 * The worker thread that builds a large site's search index
 * (worker-build.ts starts it): it takes the documents the main thread posts,
 * reads each body from the body store through the shared descriptor, and
 * posts back the finished postings with their typed arrays transferred.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { BlockRecord } from '../blocks/registry';
import { readSharedBody } from '../content/body-store';
import { IndexBuilder } from './build';
import { TERM_SEPARATOR, transferables, type FromWorker, type PostedPostings, type ToWorker, type WorkerStart } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('index-worker.ts runs as a worker thread (worker-build.ts starts it)');
const start = workerData as WorkerStart;

// Below the request handlers: on a machine of two cores a build that competes
// as an equal makes every request during it wait for the CPU, which is what
// this thread exists to avoid; a lower priority lets the requests go first and
// the build take what is left (it only decides when search is ready). On
// Linux the nice value is per thread, so this leaves the main thread as it
// is. Where it cannot be set, the build runs at the normal priority.
try {
  os.setPriority(0, 10);
} catch {
  // Not allowed here (some sandboxes): the normal priority, still off the main thread.
}

const startedAt = performance.now();
const builder = new IndexBuilder(start.documentCount, (body) => JSON.parse(readSharedBody(start.body, body)) as BlockRecord[]);

port.on('message', (message: ToWorker) => {
  if (message.type === 'documents') {
    for (const document of message.documents) builder.add(document);
    port.postMessage({ type: 'more' } satisfies FromWorker);
    return;
  }
  const { terms, ...arrays } = builder.finish();
  const postings: PostedPostings = { ...arrays, terms: terms.join(TERM_SEPARATOR) };
  port.postMessage({ type: 'done', postings, buildMs: performance.now() - startedAt, postedAt: performance.timeOrigin + performance.now() } satisfies FromWorker, transferables(postings));
});
