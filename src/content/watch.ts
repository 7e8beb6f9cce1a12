/**
 * Watching the data folder: one recursive fs.watch (inotify on Linux), with
 * bursts of events coalesced into one call. Editors and sync tools touch a
 * file several times per save (write, chmod, rename over), and a bulk copy
 * touches thousands: the callback runs once the folder has been quiet for
 * `debounceMs`, and at least every `maxWaitMs` while events keep coming, so
 * a long stream of edits still shows up. Nothing here keeps the process
 * alive; close() stops everything. Why fs.watch and not polling:
 * docs/decisions/0006-live-reload.md.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface FolderWatchOptions {
  /** Quiet time after the last event before `onChange` runs. */
  debounceMs: number;
  /** Longest time events may keep postponing `onChange`. */
  maxWaitMs?: number;
  /** Called with the files that changed (relative to the folder; may be empty when the OS did not say). */
  onChange: (files: string[]) => void;
  onError: (error: Error) => void;
}

export interface FolderWatch {
  close(): void;
}

/** Editor swap and backup files, and temporary files of atomic writers: never content. */
export function isScratchFile(file: string): boolean {
  const base = path.basename(file);
  return base.startsWith('.') || base.endsWith('~') || /\.(swp|swx|swo|tmp|part|crdownload)$/i.test(base) || /^\d+$/.test(base) || base.startsWith('#');
}

export function watchFolder(dir: string, options: FolderWatchOptions): FolderWatch {
  const maxWaitMs = options.maxWaitMs ?? Math.max(options.debounceMs * 4, 1000);
  let changed = new Set<string>();
  let quietTimer: NodeJS.Timeout | undefined;
  let maxWaitTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxWaitTimer);
    quietTimer = maxWaitTimer = undefined;
    if (closed) return;
    const files = [...changed].sort();
    changed = new Set();
    options.onChange(files);
  };

  const onEvent = (_event: string, filename: string | Buffer | null) => {
    if (closed) return;
    const file = filename === null ? '' : filename.toString();
    if (file && isScratchFile(file)) return;
    if (file) changed.add(file.split(path.sep).join('/'));
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flush, options.debounceMs).unref();
    maxWaitTimer ??= setTimeout(flush, maxWaitMs).unref();
  };

  const watcher: FSWatcher = watch(dir, { recursive: true, persistent: false }, onEvent);
  watcher.on('error', (error) => {
    if (!closed) options.onError(error);
  });

  return {
    close() {
      closed = true;
      clearTimeout(quietTimer);
      clearTimeout(maxWaitTimer);
      watcher.close();
    },
  };
}
