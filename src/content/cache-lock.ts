/**
 * One process at a time in a cache folder (CATALOG_CACHE_DIR). Two processes
 * appending to the same body store would write over each other's bodies at
 * the offsets each believes its own, and a page could show another story's
 * body. The folder's `lock` file names the process holding it (pid and host);
 * a lock whose process is gone on this host is stale and taken over. A lock
 * from another host cannot be checked, so it is respected: its message says
 * to delete it when no process uses the folder.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOCK_FILE = 'lock';

/** Folders this process holds, each with its release: a second open in the same process is refused like another process's. */
const held = new Map<string, () => void>();

// One listener for every lock, not one per lock: a process that opens many (tests) would pile them up.
process.once('exit', () => {
  for (const release of [...held.values()]) release();
});

export interface CacheLock {
  /** Gives the folder up (the lock file goes). */
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : undefined;
  } catch {
    return undefined; // unreadable or half written: nobody can be using it through this lock
  }
}

/** Takes the folder for this process; or says who holds it. */
export function lockCacheFolder(dir: string): CacheLock | { heldBy: string } {
  const folder = path.resolve(dir);
  const file = path.join(folder, LOCK_FILE);
  mkdirSync(folder, { recursive: true });
  if (held.has(folder)) return { heldBy: `this process (${process.pid}) already uses it` };
  const me: LockOwner = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      const release = (): void => {
        if (held.get(folder) !== release) return;
        held.delete(folder);
        const owner = ownerOf(file);
        if (owner?.pid === me.pid && owner.host === me.host) rmSync(file, { force: true });
      };
      held.set(folder, release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(file);
    // A process of this host that is gone, or this very pid (a container restarted: the old process was pid 1 too, and it is not this one).
    const stale = !owner || (owner.host === me.host && (owner.pid === me.pid || !alive(owner.pid)));
    if (!stale) return { heldBy: owner.host === me.host ? `process ${owner.pid} uses it` : `a process on host ${owner.host} (pid ${owner.pid}) uses it, or did: delete ${file} if no process uses the folder` };
    rmSync(file, { force: true });
  }
  return { heldBy: `${file} keeps coming back` };
}
