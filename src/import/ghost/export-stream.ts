/**
 * A Ghost JSON export read as it streams: the rows of the tables asked for,
 * one at a time, and the export's `meta`. Ghost's Labs export writes
 * `{"db": [{"meta": {...}, "data": {"posts": [...], "tags": [...], ...}}]}`
 * (its exporter fills `data` table by table, in the database's order, so
 * posts may come before the tags and users they refer to); the exporter's
 * own object without the `db` wrapper (`{"meta": ..., "data": ...}`) is read
 * too. The file is read in large chunks; json-scan.ts finds the rows' bytes
 * and only the rows asked for are decoded and parsed, each on its own (so
 * what a caller keeps of a row holds that row's memory, not a chunk's).
 */
import { open } from 'node:fs/promises';
import { BrokenExport, ExportScanner, MAX_ROW_BYTES, type ScanEvent } from './json-scan';

export type Row = Record<string, unknown>;

/** One row of a table (`table` is its name in `data`), or the export's meta object (`table` is "meta"); `offset` is its first byte's in the file. */
export interface TableRow {
  table: string;
  row: Row;
  offset: number;
}

/** A row passed over for its size (see MAX_ROW_BYTES). */
export interface TooBigRow {
  table: string;
  offset: number;
  tooBig: string;
}

export interface ReadOptions {
  /** Bytes read at a time (tests read in tiny chunks). */
  chunkBytes?: number;
  maxRowBytes?: number;
}

const CHUNK_BYTES = 2 ** 20;

/** JSON.parse's "at position N" (a character in the row's text) as a byte offset in the file. */
function parseError(text: string, offset: number, table: string, error: Error): BrokenExport {
  const at = /position (\d+)/.exec(error.message);
  const byte = at ? offset + Buffer.byteLength(text.slice(0, Number(at[1]))) : offset;
  return new BrokenExport(`broken JSON at byte ${byte}, in the ${table} row at byte ${offset}: ${error.message}`, byte);
}

function rowOf(event: ScanEvent): TableRow | TooBigRow | undefined {
  if (!('text' in event)) return { table: event.table, offset: event.offset, tooBig: `a ${event.table} row of ${(event.bytes / 2 ** 20).toFixed(0)} MiB at byte ${event.offset}: more than the ${MAX_ROW_BYTES / 2 ** 20} MiB a row may have` };
  let row: unknown;
  try {
    row = JSON.parse(event.text);
  } catch (error) {
    throw parseError(event.text, event.offset, event.table, error as Error);
  }
  return typeof row === 'object' && row !== null && !Array.isArray(row) ? { table: event.table, row: row as Row, offset: event.offset } : undefined;
}

/**
 * Every row of the tables `wanted` names (and the meta object when it names
 * "meta"), in file order. Throws where the file stops being JSON (a
 * truncated export, broken JSON, with the byte offset): the rows yielded
 * before stay yielded.
 */
export async function* exportRows(file: string, wanted: ReadonlySet<string>, options: ReadOptions = {}): AsyncGenerator<TableRow | TooBigRow> {
  const scanner = new ExportScanner(wanted, options.maxRowBytes);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const handle = await open(file, 'r');
  try {
    for (;;) {
      // A buffer of its own each time: the scanner keeps slices of it for a row that goes on into the next.
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) scanner.end();
      else scanner.push(bytesRead < chunkBytes ? chunk.subarray(0, bytesRead) : chunk);
      for (const event of scanner.events.splice(0)) {
        const row = rowOf(event);
        if (row) yield row;
      }
      if (scanner.error) throw scanner.error;
      if (bytesRead === 0) return;
    }
  } finally {
    await handle.close();
  }
}
