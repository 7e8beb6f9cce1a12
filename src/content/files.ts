/**
 * Reading record files from the data folder: listing, JSON parsing with
 * line/column in the error, and a bounded-concurrency map so a 100k-file
 * corpus does not open 100k files at once.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Lists *.json files below dir (recursively), as paths relative to root with forward slashes, sorted. */
export async function listJsonFiles(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // editors' swap and lock files
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.json')) found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  }
  await walk(path.join(root, dir));
  return found.sort();
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON, turning V8's "position N" into "line L, column C" that an editor can jump to. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    if (!match) return { ok: false, message: `is not valid JSON: ${message}` };
    const offset = Number(match[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { ok: false, message: `is not valid JSON (line ${line}, column ${column}): ${message}` };
  }
}

/** Runs fn over items with at most `limit` calls in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
