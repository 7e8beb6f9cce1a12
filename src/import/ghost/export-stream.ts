/**
 * A Ghost JSON export read as it streams: the rows of the tables asked for,
 * one at a time, and the export's `meta`. Ghost's Labs export writes
 * `{"db": [{"meta": {...}, "data": {"posts": [...], "tags": [...], ...}}]}`
 * (its exporter fills `data` table by table, in the database's order, so
 * posts may come before the tags and users they refer to); the exporter's
 * own object without the `db` wrapper (`{"meta": ..., "data": ...}`) is read
 * too. The file is read in large chunks; json-scan.ts finds the rows' bytes
 * and only the rows asked for are decoded and parsed, each on its own (so
 * what a caller keeps of a row holds that row's memory, not a chunk's). A
 * first pass may only locate the rows of a table (`located`): a second reads
 * them where they are (rowsAt), without scanning the file again.
 */
import { open } from 'node:fs/promises';
import { BrokenExport, ExportScanner, MAX_ROW_BYTES, type RowPlace, type ScanEvent } from './json-scan';

export type { RowPlace } from './json-scan';

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
  /** Tables whose rows are only located: each comes as a RowPlace. */
  located?: ReadonlySet<string>;
}

const CHUNK_BYTES = 2 ** 20;

/** JSON.parse's "at position N" (a character in the row's text) as a byte offset in the file. */
function parseError(text: string, offset: number, table: string, error: Error): BrokenExport {
  const at = /position (\d+)/.exec(error.message);
  const byte = at ? offset + Buffer.byteLength(text.slice(0, Number(at[1]))) : offset;
  return new BrokenExport(`broken JSON at byte ${byte}, in the ${table} row at byte ${offset}: ${error.message}`, byte);
}

const size = (bytes: number): string => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : `${bytes} bytes`);

const tooBig = (place: RowPlace, maxRowBytes: number): TooBigRow => ({
  table: place.table,
  offset: place.offset,
  tooBig: `a ${place.table} row of ${size(place.bytes)} at byte ${place.offset}: more than the ${size(maxRowBytes)} a row may have`,
});

/** A row's text parsed; undefined for a row that is not an object (not a row). */
function rowOf(table: string, text: string, offset: number): TableRow | undefined {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch (error) {
    throw parseError(text, offset, table, error as Error);
  }
  return typeof row === 'object' && row !== null && !Array.isArray(row) ? { table, row: row as Row, offset } : undefined;
}

function eventRow(event: ScanEvent, options: ReadOptions): TableRow | TooBigRow | RowPlace | undefined {
  if ('text' in event) return rowOf(event.table, event.text, event.offset);
  return options.located?.has(event.table) ? event : tooBig(event, options.maxRowBytes ?? MAX_ROW_BYTES);
}

/**
 * Every row of the tables `wanted` names (and the meta object when it names
 * "meta"), in file order. Throws where the file stops being JSON (a
 * truncated export, broken JSON, with the byte offset): the rows yielded
 * before stay yielded.
 */
export async function* exportRows(file: string, wanted: ReadonlySet<string>, options: ReadOptions = {}): AsyncGenerator<TableRow | TooBigRow | RowPlace> {
  const scanner = new ExportScanner(wanted, options.maxRowBytes, options.located);
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
        const row = eventRow(event, options);
        if (row) yield row;
      }
      if (scanner.error) throw scanner.error;
      if (bytesRead === 0) return;
    }
  } finally {
    await handle.close();
  }
}

/** Where a table's rows are in the file, in file order: two numbers a row, in two arrays (an object a row would cost three times the memory). */
export class RowPlaces {
  readonly offsets: number[] = [];
  readonly lengths: number[] = [];

  constructor(readonly table: string) {}

  add(place: RowPlace): void {
    this.offsets.push(place.offset);
    this.lengths.push(place.bytes);
  }
}

/**
 * The rows at `places`, read and parsed one at a time, in order: the file is
 * read in windows of `chunkBytes` (or of one row, when it is longer), each
 * row decoded from the window on its own. Throws for a row that is not JSON,
 * after the rows before it.
 */
export async function* rowsAt(file: string, places: RowPlaces, options: ReadOptions = {}): AsyncGenerator<TableRow | TooBigRow> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxRowBytes = options.maxRowBytes ?? MAX_ROW_BYTES;
  const handle = await open(file, 'r');
  let window = Buffer.alloc(0);
  let windowStart = 0;
  let windowEnd = 0;
  try {
    for (let i = 0; i < places.offsets.length; i++) {
      const place = { table: places.table, offset: places.offsets[i] as number, bytes: places.lengths[i] as number };
      if (place.bytes > maxRowBytes) {
        yield tooBig(place, maxRowBytes);
        continue;
      }
      if (place.offset < windowStart || place.offset + place.bytes > windowEnd) {
        const size = Math.max(chunkBytes, place.bytes);
        if (window.length !== size) window = Buffer.allocUnsafe(size);
        const { bytesRead } = await handle.read(window, 0, size, place.offset);
        windowStart = place.offset;
        windowEnd = place.offset + bytesRead;
        if (bytesRead < place.bytes) throw new BrokenExport(`the file ends before its JSON does, at byte ${windowEnd} (it changed since it was first read?)`, windowEnd);
      }
      const text = window.toString('utf8', place.offset - windowStart, place.offset - windowStart + place.bytes);
      const row = rowOf(place.table, text, place.offset);
      if (row) yield row;
    }
  } finally {
    await handle.close();
  }
}
