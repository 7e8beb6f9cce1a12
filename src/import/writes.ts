/**
 * The files a run writes. Each is written as soon as it is planned, under a
 * hidden temporary name in its folder (".slug.json.PID.importing": the
 * loader and the folder watcher pass over dot files), by a thread of its
 * own while the run goes on making records; commit() then renames them all
 * into place in one burst, so a server watching the folder sees one change
 * and reloads once. A file that already holds the planned bytes is left
 * alone. A run that fails abandons its writes: the temporary files go, and
 * so do the folders made for them, and nothing it planned is seen.
 *
 * Why a thread: creating a file costs a quarter of a millisecond and more
 * here, almost all of it in the kernel, and written at the end the files of
 * a 10,000-item run took seconds of their own. Through libuv's pool every
 * file costs several turns of this thread's event loop (open, write, close),
 * and four at once in one folder wait for each other in the kernel; the
 * writing thread makes the synchronous calls, one file after another.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The writing thread, in plain JavaScript (it needs nothing but fs): no TypeScript loader to start. */
const WRITER = String.raw`
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const temporaryOf = (target) => path.join(path.dirname(target), '.' + path.basename(target) + '.' + process.pid + '.importing');
/** Each planned file and its temporary file (undefined: it holds the bytes already), in the order first planned. */
const staged = new Map();
const folders = new Set();
/** The folders this run made, in the order made (abandon removes them, the deepest first). */
const made = [];
let failure;

function holds(file, bytes) {
  try {
    const info = fs.statSync(file, { throwIfNoEntry: false });
    return !!info && info.isFile() && info.size === bytes.length && fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

function stage(target, bytes) {
  const temporary = temporaryOf(target);
  if (holds(target, bytes)) {
    // Planned again with what the file holds already: a temporary file of an earlier plan is not wanted.
    if (staged.get(target)) fs.rmSync(temporary, { force: true });
    staged.set(target, undefined);
    return;
  }
  const folder = path.dirname(target);
  if (!folders.has(folder)) {
    // mkdir names the first folder it made: it made that one and every one below it down to this one.
    const first = fs.mkdirSync(folder, { recursive: true });
    const chain = [];
    if (first) for (let dir = folder; dir.length >= first.length; dir = path.dirname(dir)) chain.unshift(dir);
    made.push(...chain);
    folders.add(folder);
  }
  fs.writeFileSync(temporary, bytes);
  staged.set(target, temporary);
}

function abandon() {
  for (const target of staged.keys()) fs.rmSync(temporaryOf(target), { force: true });
  for (const folder of made.reverse()) {
    try {
      fs.rmdirSync(folder);
    } catch {
      // not empty: something else is in it now
    }
  }
}

parentPort.on('message', (message) => {
  if (message.plans) {
    for (const [target, content] of message.plans) {
      if (failure) return;
      try {
        stage(target, typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      } catch (error) {
        failure = error;
      }
    }
    return;
  }
  if (message.commit && !failure) {
    try {
      // The renames are the only events a watcher sees: one burst, one reload.
      for (const [target, temporary] of staged) if (temporary) fs.renameSync(temporary, target);
    } catch (error) {
      failure = error;
    }
  }
  if (!message.commit || failure) abandon();
  parentPort.postMessage(failure ? { error: { message: failure.message, code: failure.code, stack: failure.stack } } : {});
});
`;

interface Done {
  error?: { message: string; code?: string; stack?: string };
}

/** Plans sent to the thread together: each message wakes it, which costs more than copying a few records. */
const BATCH = 32;

export class PlannedWrites {
  private worker: Worker | undefined;
  /** The thread's one reply (after commit or abandon), or how it ended without one. */
  private done: Promise<Done> | undefined;
  private batch: [string, string | Buffer][] = [];

  constructor(private readonly dataDir: string) {}

  private writer(): Worker {
    if (!this.worker) {
      const worker = new Worker(WRITER, { eval: true });
      this.done = new Promise((resolve) => {
        worker.once('message', resolve);
        worker.once('error', (error) => resolve({ error: { message: `the writing thread failed: ${error.message}`, ...(error.stack && { stack: error.stack }) } }));
        worker.once('exit', (code) => resolve({ error: { message: `the writing thread stopped (exit code ${code})` } }));
      });
      this.worker = worker;
    }
    return this.worker;
  }

  /**
   * Plans `content` (text is written as UTF-8) for `file`, a path in the
   * data folder, to be written soon; the same file planned again takes the
   * later content.
   */
  plan(file: string, content: string | Buffer): void {
    this.batch.push([path.join(this.dataDir, file), content]);
    if (this.batch.length >= BATCH) this.send();
  }

  private send(): void {
    if (this.batch.length) this.writer().postMessage({ plans: this.batch });
    this.batch = [];
  }

  /** Waits for every write, then renames the temporary files into place, one after another; throws what a write threw (having abandoned them all). */
  commit(): Promise<void> {
    return this.finish(true);
  }

  /** Waits for every write, then removes the temporary files and the folders made for them. */
  async abandon(): Promise<void> {
    await this.finish(false).catch(() => undefined);
  }

  private async finish(commit: boolean): Promise<void> {
    this.send();
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ commit });
    const done = (await this.done) as Done;
    await worker.terminate();
    if (done.error) throw Object.assign(new Error(done.error.message), done.error);
  }
}
