/**
 * Watching the data folder: one non-recursive fs.watch (inotify on Linux) per
 * folder, with bursts of events coalesced into one call. Editors and sync
 * tools touch a file several times per save (write, chmod, rename over), and
 * a bulk copy touches thousands: the callback runs once the folder has been
 * quiet for `debounceMs`, and at least every `maxWaitMs` while events keep
 * coming, so a long stream of edits still shows up. Nothing here keeps the
 * process alive; close() stops everything. Why fs.watch and not polling, and
 * why one watcher per folder and not `recursive`: docs/decisions/0006-live-reload.md.
 *
 * A watch on a folder reports changes to the files in it, so folders are all
 * we watch: a few dozen at most, whatever the number of files. Folders made
 * later are watched as they appear, folders removed are let go. Finding the
 * folders does not list the files: a folder whose link count says it has no
 * subfolders (on file systems where that count is kept, see `mayHaveSubfolders`)
 * is not read at all.
 */
import { lstatSync, readdirSync, statSync, statfsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface FolderWatchOptions {
  /** Quiet time after the last event before `onChange` runs. */
  debounceMs: number;
  /** Longest time events may keep postponing `onChange`. */
  maxWaitMs?: number;
  /** Only these folders directly inside the watched folder are watched (with their subfolders); default: every folder. */
  folders?: readonly string[];
  /**
   * Called with the files that changed (relative to the folder, posix; a
   * folder's name stands for everything in it). Empty when some change could
   * not be named (the OS did not say, or a folder's watch failed): then
   * anything may have changed.
   */
  onChange: (files: string[]) => void;
  onError: (error: Error) => void;
}

export interface FolderWatch {
  /** The folders being watched, relative to the watched folder ('' is the folder itself), sorted. */
  folders(): string[];
  close(): void;
}

/** Editor swap and backup files, and temporary files of atomic writers: never content. */
export function isScratchFile(file: string): boolean {
  const base = path.basename(file);
  return base.startsWith('.') || base.endsWith('~') || /\.(swp|swx|swo|tmp|part|crdownload)$/i.test(base) || /^\d+$/.test(base) || base.startsWith('#');
}

/**
 * File systems whose folder link count is 2 + the number of subfolders (the
 * count `find` relies on to skip leaf folders). Elsewhere (btrfs, network and
 * FUSE file systems, overlayfs' merged folders report 1) folders are listed.
 */
const SUBFOLDER_COUNTING_FILE_SYSTEMS = new Set([
  0xef53, // ext2, ext3, ext4
  0x58465342, // xfs
  0x01021994, // tmpfs
]);

/** False when the folder surely has no subfolders, without listing it. */
function mayHaveSubfolders(full: string, nlink: number): boolean {
  if (nlink !== 2) return true;
  try {
    return !SUBFOLDER_COUNTING_FILE_SYSTEMS.has(statfsSync(full).type);
  } catch {
    return true;
  }
}

interface Watched {
  watcher: FSWatcher;
  /** Inode of the folder watched: a folder removed and made again under the same name is a new folder. */
  ino: number;
}

const toPosix = (rel: string) => rel.split(path.sep).join('/');

export function watchFolder(dir: string, options: FolderWatchOptions): FolderWatch {
  const maxWaitMs = options.maxWaitMs ?? Math.max(options.debounceMs * 4, 1000);
  const topFolders = options.folders ? new Set(options.folders) : undefined;
  const watched = new Map<string, Watched>();
  let changed = new Set<string>();
  /** Some change since the last flush has no name: the flush reports none, meaning "anything". */
  let unnamed = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let maxWaitTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxWaitTimer);
    quietTimer = maxWaitTimer = undefined;
    if (closed) return;
    const files = unnamed ? [] : [...changed].sort();
    changed = new Set();
    unnamed = false;
    options.onChange(files);
  };

  const touched = (file: string) => {
    if (file) changed.add(file);
    else unnamed = true;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flush, options.debounceMs).unref();
    maxWaitTimer ??= setTimeout(flush, maxWaitMs).unref();
  };

  /** Whether a folder at `rel` (posix, relative) is one we watch. */
  const eligible = (rel: string): boolean => {
    const parts = rel.split('/');
    if (parts.some((part) => part.startsWith('.'))) return false;
    return !topFolders || topFolders.has(parts[0] as string);
  };

  const unwatch = (rel: string) => {
    for (const [folder, entry] of watched) {
      if (folder === rel || folder.startsWith(rel + '/')) {
        entry.watcher.close();
        watched.delete(folder);
      }
    }
  };

  /**
   * Watches the folder at `rel` and every folder below it (synchronously, so
   * nothing made meanwhile is missed). Returns false when it is not a folder
   * (any more). The root folder's errors are thrown and reported; a subfolder
   * that cannot be watched (gone already, no permission) is skipped.
   */
  const watchTree = (rel: string): boolean => {
    const full = path.join(dir, rel);
    let ino: number;
    let nlink: number;
    try {
      // Below the top level, like the loader, only real folders (no symbolic links).
      const stat = rel.includes('/') ? lstatSync(full) : statSync(full);
      if (!stat.isDirectory()) return false;
      ({ ino, nlink } = stat);
    } catch (error) {
      if (rel === '') throw error;
      return false;
    }
    const existing = watched.get(rel);
    if (existing && existing.ino !== ino) unwatch(rel);
    if (!watched.has(rel)) {
      let watcher: FSWatcher;
      try {
        watcher = watch(full, { persistent: false }, (event, filename) => onEvent(rel, event, filename));
      } catch (error) {
        if (rel === '') throw error;
        return false;
      }
      watcher.on('error', (error) => {
        if (closed) return;
        if (rel === '') options.onError(error);
        else {
          // Changes in that folder may have gone unseen.
          unwatch(rel);
          touched('');
        }
      });
      watched.set(rel, { watcher, ino });
    }
    if (!mayHaveSubfolders(full, nlink)) return true;
    let entries;
    try {
      entries = readdirSync(full, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const folderLike = entry.isDirectory() || (rel === '' && entry.isSymbolicLink());
      if (folderLike && eligible(child)) watchTree(child);
    }
    return true;
  };

  /** A name in a watched folder was made, removed or renamed: watch or let go of it if it is a folder. */
  const recheck = (rel: string) => {
    if (!eligible(rel)) return;
    if (watchTree(rel)) {
      // Files may have been written into the new folder before its watch began: they are read by the reload this schedules.
      touched(rel);
    } else if (watched.has(rel)) {
      unwatch(rel);
    }
  };

  const onEvent = (folder: string, event: string, filename: string | Buffer | null) => {
    if (closed) return;
    if (filename === null) {
      // The OS did not say what changed: look at the folder again.
      if (watched.has(folder)) watchTree(folder);
      touched('');
      return;
    }
    const name = filename.toString();
    const file = toPosix(folder ? `${folder}/${name}` : name);
    // 'rename' is a name appearing or going away: the only event that can make or remove a folder.
    // (Before the scratch-file test: a folder may be named like vim's scratch file, "2027".)
    if (event === 'rename') recheck(file);
    if (isScratchFile(name)) return;
    touched(file);
  };

  watchTree('');

  return {
    folders: () => [...watched.keys()].sort(),
    close() {
      closed = true;
      clearTimeout(quietTimer);
      clearTimeout(maxWaitTimer);
      for (const entry of watched.values()) entry.watcher.close();
      watched.clear();
    },
  };
}
