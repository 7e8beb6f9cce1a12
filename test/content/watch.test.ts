/**
 * The folder watcher on its own: one watch per folder (never per file), only
 * the folders asked for, folders made later are watched as they appear and
 * removed ones are let go. Waits poll; nothing is timed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchFolder, type FolderWatch } from '../../src/content/watch';
import { eventually } from '../helpers/live-site';

const made: string[] = [];
const watches: FolderWatch[] = [];
afterEach(() => {
  while (watches.length) watches.pop()!.close();
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

function folderWith(folders: string[], files: string[] = []): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-watch-'));
  made.push(dir);
  for (const folder of folders) mkdirSync(path.join(dir, folder), { recursive: true });
  for (const file of files) writeFileSync(path.join(dir, file), '{}');
  return dir;
}

function watched(dir: string) {
  const changes: string[][] = [];
  const errors: Error[] = [];
  const watch = watchFolder(dir, { debounceMs: 50, folders: ['articles', 'images'], onChange: (files) => changes.push(files), onError: (error) => errors.push(error) });
  watches.push(watch);
  return { watch, changes, errors, changed: () => changes.flat() };
}

describe('watchFolder', () => {
  test('watches the folder and the chosen folders below it, not files, dot folders or other folders', () => {
    const dir = folderWith(['articles/2026', 'images/demo/small', 'images/.cache', 'notes', '.git/objects'], ['articles/2026/a.json', 'articles/b.json', 'site.json']);
    const { watch } = watched(dir);
    expect(watch.folders()).toEqual(['', 'articles', 'articles/2026', 'images', 'images/demo', 'images/demo/small']);
  });

  test('a folder made later is watched, with the folders made inside it, and its files are reported', async () => {
    const dir = folderWith(['articles', 'images']);
    const { watch, changed, errors } = watched(dir);
    mkdirSync(path.join(dir, 'images/new/deeper'), { recursive: true });
    await eventually(() => watch.folders().includes('images/new/deeper'), 15_000, 'a watch on images/new/deeper');
    expect(watch.folders()).toContain('images/new');
    writeFileSync(path.join(dir, 'images/new/deeper/pic.jpg'), 'x');
    await eventually(() => changed().includes('images/new/deeper/pic.jpg'), 15_000, 'the new file reported');
    expect(errors).toEqual([]);
  });

  test('a content folder made later at the top is watched; another folder is not', async () => {
    const dir = folderWith([]);
    const { watch } = watched(dir);
    expect(watch.folders()).toEqual(['']);
    mkdirSync(path.join(dir, 'notes'));
    mkdirSync(path.join(dir, 'articles'));
    await eventually(() => watch.folders().includes('articles'), 15_000, 'a watch on articles');
    expect(watch.folders()).not.toContain('notes');
  });

  test('a removed folder is let go, and one made again under its name is watched again', async () => {
    const dir = folderWith(['articles/2025', 'images/old/inner']);
    const { watch, changed } = watched(dir);
    expect(watch.folders()).toContain('images/old/inner');
    rmSync(path.join(dir, 'images/old'), { recursive: true });
    await eventually(() => !watch.folders().some((f) => f.startsWith('images/old')), 15_000, 'the removed folders let go');
    expect(watch.folders()).toEqual(['', 'articles', 'articles/2025', 'images']);

    mkdirSync(path.join(dir, 'images/old'));
    await eventually(() => watch.folders().includes('images/old'), 15_000, 'a watch on the folder made again');
    writeFileSync(path.join(dir, 'images/old/pic.jpg'), 'x');
    await eventually(() => changed().includes('images/old/pic.jpg'), 15_000, 'a file in the folder made again');
  });

  test('close() stops every watch', () => {
    const dir = folderWith(['articles/2026', 'images']);
    const { watch } = watched(dir);
    watch.close();
    expect(watch.folders()).toEqual([]);
  });
});
