/**
 * Article bodies kept out of the JavaScript heap: the checked body record of
 * every article, as canonical JSON, appended to one file and read back by
 * offset when a page needs it (docs/decisions/0018-bodies-off-heap.md).
 *
 * On the heap an article's body cost several kilobytes of objects that the
 * garbage collector walked on every major collection; here it costs a
 * StoredBody (offset, length, hash). The file sits in the operating system's
 * page cache, which is not the process's memory and is given back under
 * pressure.
 *
 * The file is private to the process unless it is kept in a cache folder
 * (CATALOG_CACHE_DIR, where the catalog snapshot finds it again on a restart):
 * a private one is unlinked as soon as it is open, so it goes away with the
 * process however the process ends.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** Where one body is, and what it is. Immutable; the same object travels from record to article to the next reload. */
export interface StoredBody {
  /** Byte offset of its JSON in the store. */
  readonly at: number;
  /** Its JSON's length in bytes. */
  readonly bytes: number;
  /** A hash of its JSON: a changed body tells itself from an unchanged one (reloads, purges) without being read. */
  readonly hash: string;
  /** Image paths its blocks show, so images are probed and served without reading it. */
  readonly images?: readonly string[];
  /** Slugs of the articles its blocks link to (promos): their visibility changes how it is shown. */
  readonly links?: readonly string[];
}

/** Bytes gathered before one write: appends are many and small (a few kilobytes each). */
const WRITE_BUFFER_BYTES = 1 << 20;

export function bodyHash(json: string): string {
  // The first 12 bytes as 16 characters, made as a string of their own: a slice of the whole digest's
  // string would keep all of it alive (about 70 bytes more per article on the heap).
  return createHash('sha1').update(json).digest().toString('base64url', 0, 12);
}

/**
 * What another thread needs to read a store's bodies itself: threads share
 * the process's descriptors, so the number is enough (a private store's file
 * has no path any more). Plain data, so it can be posted to a worker.
 */
export interface SharedBodyFile {
  readonly fd: number;
  /** The store's path, for messages. */
  readonly file: string;
  /** Bytes a previous run wrote, which are checked against their hash when read (BodyStore.read). */
  readonly inherited: number;
  /** Bytes written when it was shared: every body stored before then can be read. */
  readonly written: number;
}

/** `bytes` bytes at `at` of the file open as `fd`, as text. */
function readText(fd: number, file: string, at: number, bytes: number): string {
  const buffer = Buffer.allocUnsafe(bytes);
  let done = 0;
  while (done < bytes) {
    const got = readSync(fd, buffer, done, bytes - done, at + done);
    if (got === 0) throw new Error(`${file} ended at ${at + done} while reading a body`);
    done += got;
  }
  return buffer.toString('utf8');
}

/** A body's JSON, checked against its hash when a previous run wrote it: a damaged or swapped store must not show as someone's story. */
function checked(json: string, body: Pick<StoredBody, 'at' | 'hash'>, inherited: number, file: string): string {
  if (body.at < inherited && bodyHash(json) !== body.hash) {
    throw new Error(`the body at ${body.at} in ${file} does not match its hash (the file is damaged); delete the cache folder (CATALOG_CACHE_DIR) and restart`);
  }
  return json;
}

/** The JSON of a body stored before the store was shared, read through the shared descriptor (a worker thread's BodyStore.read). */
export function readSharedBody(shared: SharedBodyFile, body: Pick<StoredBody, 'at' | 'bytes' | 'hash'>): string {
  if (body.at + body.bytes > shared.written) throw new Error(`body at ${body.at} (+${body.bytes}) was not yet written to ${shared.file} when it was shared (${shared.written} bytes)`);
  return checked(readText(shared.fd, shared.file, body.at, body.bytes), body, shared.inherited, shared.file);
}

/**
 * Closes the file of a store nobody holds any more (tests make many; a server
 * holds one for its life): a forgotten close must not leak descriptors.
 */
const unreferenced = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed by the process ending.
  }
});

export class BodyStore {
  private readonly fd: number;
  /** Bytes in the file. */
  private written: number;
  private pending = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private pendingBytes = 0;
  private closed = false;
  /** Shares not yet released (share()): the descriptor stays open until the last one is. */
  private shares = 0;
  /** Bytes that were in the file when it was opened (a previous run's): checked against their hash when read. */
  private readonly inherited: number;

  private constructor(
    /** The file's path; for a private store, a path that no longer exists. */
    readonly file: string,
    fd: number,
    readonly kept: boolean,
  ) {
    this.fd = fd;
    this.written = fstatSync(fd).size;
    this.inherited = this.written;
    unreferenced.register(this, fd, this);
  }

  /** A store only this process can see, removed when it ends (the default, without a cache folder). */
  static private(): BodyStore {
    let dir: string;
    try {
      dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-bodies-'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new Error(`article bodies are kept in a file in the temporary folder ${os.tmpdir()}, which cannot be written (${reason}); make it writable (a container: --tmpfs /tmp) or set TMPDIR`);
    }
    const file = path.join(dir, 'bodies.bin');
    const fd = openSync(file, 'w+', 0o600);
    // Unlinked while open: the bytes stay readable through fd and are freed when it closes, crash or not.
    unlinkSync(file);
    rmdirSync(dir);
    return new BodyStore(file, fd, false);
  }

  /** A store in a file that outlives the process (the catalog snapshot's), opened for appending. */
  static kept(file: string): BodyStore {
    return new BodyStore(file, openSync(file, 'a+', 0o600), true);
  }

  /** Bytes held, written or waiting to be. */
  get size(): number {
    return this.written + this.pendingBytes;
  }

  /** Appends one body's JSON; `json` must be what `read` should give back. */
  append(json: string, images?: readonly string[], links?: readonly string[]): StoredBody {
    const bytes = Buffer.byteLength(json);
    if (this.pendingBytes + bytes > this.pending.length) this.flush();
    const at = this.size;
    if (bytes > this.pending.length) {
      writeSync(this.fd, json, at, 'utf8');
      this.written += bytes;
    } else {
      this.pending.write(json, this.pendingBytes, 'utf8');
      this.pendingBytes += bytes;
    }
    return { at, bytes, hash: bodyHash(json), ...(images?.length && { images }), ...(links?.length && { links }) };
  }

  /** The JSON of a stored body (its place is enough). */
  read(body: Pick<StoredBody, 'at' | 'bytes' | 'hash'>): string {
    return checked(this.text(body.at, body.bytes), body, this.inherited, this.file);
  }

  /**
   * The store's descriptor for another thread to read every body stored so
   * far (readSharedBody), until `release` is called: until then the
   * descriptor stays open, whether the store is closed or forgotten (`release`
   * holds the store, so its finalizer cannot close it), since a closed number
   * may be reused for another file and read as someone's story.
   */
  share(): { file: SharedBodyFile; release: () => void } {
    if (this.closed) throw new Error(`the body store ${this.file} is closed`);
    this.flush();
    this.shares++;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.shares--;
      if (this.closed && this.shares === 0) closeSync(this.fd);
    };
    return { file: { fd: this.fd, file: this.file, inherited: this.inherited, written: this.written }, release };
  }

  /** The store's first bytes as text, unchecked (the catalog snapshot's token line). */
  head(bytes: number): string {
    return this.text(0, Math.min(this.size, bytes));
  }

  private text(at: number, bytes: number): string {
    const end = at + bytes;
    if (end > this.size) throw new Error(`body at ${at} (+${bytes}) is past the end of ${this.file} (${this.size} bytes)`);
    if (at >= this.written) return this.pending.toString('utf8', at - this.written, end - this.written);
    if (end > this.written) this.flush();
    return readText(this.fd, this.file, at, bytes);
  }

  /** Writes what is waiting (a snapshot must not point past the file's end). */
  flush(): void {
    let done = 0;
    while (done < this.pendingBytes) done += writeSync(this.fd, this.pending, done, this.pendingBytes - done, this.written + done);
    this.written += this.pendingBytes;
    this.pendingBytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    unreferenced.unregister(this);
    if (this.kept) this.flush();
    if (this.shares === 0) closeSync(this.fd); // else the last release closes it
  }
}
