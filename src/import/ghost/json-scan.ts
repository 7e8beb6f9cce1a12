/**
 * A byte-level scanner for Ghost's JSON export: it finds where each row of
 * the tables asked for starts and ends in the file's bytes, so that only
 * those rows are decoded and parsed (by the caller, one at a time, with
 * JSON.parse); everything else is passed over without being decoded.
 * Tokenizing the whole file (stream-json) ran at tens of MB/s and the export
 * of a large site is gigabytes of lexical and html strings.
 *
 * Only the shallow levels are read as JSON (the keys that say where a value
 * sits: `db[i].data.<table>[j]`, `db[i].meta`, or without the `db` wrapper
 * `data.<table>[j]` and `meta`) and checked for grammar; inside a row the
 * scanner only counts brackets and passes over strings byte by byte (a
 * backslash skips the byte after it), and JSON.parse checks the rows it is
 * given. Jumping from quote to quote with `indexOf` was tried: Ghost's
 * lexical field is JSON inside a JSON string, an escaped quote every ten
 * bytes or so, and a call per quote made the pass over the posts of the
 * benchmark's export 18% slower than the plain loop (1,033 against 878 ms
 * for 140 MiB). Fed chunk by chunk (`push`), it holds only the bytes of the row
 * or key it is in the middle of.
 */

/** A wanted row's bytes, decoded: `table` is its table's name in `data`, or "meta" for the export's meta object. */
export interface RowSpan {
  table: string;
  /** The row's JSON text. */
  text: string;
  /** The byte offset of the row's first byte in the file. */
  offset: number;
}

/** Where a row is, its bytes never held: a row of a table only located, or a wanted row longer than the cap. */
export interface RowPlace {
  table: string;
  offset: number;
  bytes: number;
}

export type ScanEvent = RowSpan | RowPlace;

/** Rows longer than this are left out (a post of 64 MiB is no post; holding it twice, as bytes and text, would cost more than the whole import's budget). */
export const MAX_ROW_BYTES = 64 * 2 ** 20;

/** Where the file stops being a Ghost export's JSON: `offset` is the byte. */
export class BrokenExport extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'BrokenExport';
  }
}

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'comma';

interface Frame {
  kind: 'object' | 'array';
  /** The key just read, in an object. */
  key?: string;
  expect: Expect;
}

type Place = 'descend' | 'skip' | { table: string };

/** Where a value starting under `stack` sits (see the module comment). */
function placeOf(stack: readonly Frame[], kind: 'object' | 'array' | 'other'): Place {
  if (stack.length === 0) return kind === 'object' ? 'descend' : 'skip';
  let at = 0;
  if (stack[0]?.key === 'db') {
    if (stack.length === 1) return kind === 'array' ? 'descend' : 'skip';
    if (stack.length === 2) return kind === 'object' ? 'descend' : 'skip';
    at = 2;
  }
  const depth = stack.length - at;
  const key = stack[at]?.key;
  if (depth === 1) {
    if (key === 'meta' && kind === 'object') return { table: 'meta' };
    return key === 'data' && kind === 'object' ? 'descend' : 'skip';
  }
  if (depth === 2 && key === 'data') return kind === 'array' ? 'descend' : 'skip';
  const table = stack[at + 1]?.key;
  if (depth === 3 && key === 'data' && table !== undefined && kind === 'object') return { table };
  return 'skip';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** A byte that ends a number, true, false or null. */
const endsScalar = (c: number): boolean => c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c);
const SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

const shown = (c: number): string => (c >= 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16).padStart(2, '0')}`);

export class ExportScanner {
  private readonly stack: Frame[] = [];
  private done = false;
  /** The file offset of the current chunk's first byte. */
  private base = 0;

  /** In a string: the next byte is escaped (the chunk ended on a backslash). */
  private inString = false;
  private escaped = false;
  /** What the string being read is: a shallow key (kept), a shallow value (passed over), or part of a container (`depth` > 0). */
  private stringIsKey = false;
  /** Bracket depth inside a container passed over or captured; 0 at the shallow levels. */
  private depth = 0;
  private inScalar = false;
  /** The table a container being read is a wanted row of. */
  private capture: string | undefined;
  /** The table a container being read is a located row of. */
  private locate: string | undefined;
  private captureOffset = 0;
  /** Where the kept token (a key, a scalar, a wanted row) starts in the current chunk, and its bytes from earlier chunks. */
  private keepFrom = -1;
  private keepOffset = 0;
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private oversized = false;

  /** Rows found so far and not yet taken. */
  readonly events: ScanEvent[] = [];
  /** Where the bytes stop being a JSON export: set once, and no more is read. */
  error: Error | undefined;

  /**
   * `wanted`: the tables whose rows are read (their text handed over);
   * `located`: the tables whose rows are only found (where each is, so that
   * a later pass can read them without scanning again).
   */
  constructor(
    private readonly wanted: ReadonlySet<string>,
    private readonly maxRowBytes = MAX_ROW_BYTES,
    private readonly located: ReadonlySet<string> = new Set(),
  ) {}

  /** Reads the next bytes of the file. Never throws: a break is `error`, with the rows before it in `events`. */
  push(chunk: Buffer): void {
    if (this.error) return;
    try {
      this.scan(chunk);
    } catch (error) {
      this.error = error as Error;
    }
    this.carry(chunk);
    this.base += chunk.length;
  }

  /** The file has ended: a break if its JSON has not. */
  end(): void {
    if (this.error || this.done) return;
    this.error = new BrokenExport(`the file ends before its JSON does, at byte ${this.base} (a truncated export?)`, this.base);
  }

  private fail(at: number, what: string, found: string): never {
    throw new BrokenExport(`broken JSON at byte ${this.base + at}: expected ${what}, found ${found}`, this.base + at);
  }

  /** Keeps the bytes of an unfinished kept token for the next chunk; a row past the cap is only counted from here on. */
  private carry(chunk: Buffer): void {
    if (this.keepFrom < 0 || this.error) return;
    const piece = chunk.subarray(this.keepFrom);
    this.keepFrom = 0;
    this.pieceBytes += piece.length;
    if (this.pieceBytes <= this.maxRowBytes) {
      this.pieces.push(piece);
      return;
    }
    if (this.capture === undefined) {
      this.error = new BrokenExport(`broken JSON at byte ${this.keepOffset}: a key or value of more than ${this.maxRowBytes} bytes (not a Ghost export?)`, this.keepOffset);
      return;
    }
    this.oversized = true;
    this.keepFrom = -1;
    this.pieces = [];
  }

  private keep(at: number): void {
    this.keepFrom = at;
    this.keepOffset = this.base + at;
  }

  /** The kept token's text, ending before `end` in `chunk`. */
  private taken(chunk: Buffer, end: number): string {
    const last = chunk.subarray(this.keepFrom, end);
    const text = this.pieces.length ? Buffer.concat([...this.pieces, last]).toString('utf8') : last.toString('utf8');
    this.keepFrom = -1;
    this.pieces = [];
    this.pieceBytes = 0;
    return text;
  }

  private scan(chunk: Buffer): void {
    let pos = 0;
    const end = chunk.length;
    if (this.base === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) pos = 3;
    while (pos < end) {
      if (this.inString) {
        pos = this.skipString(chunk, pos, end);
        if (this.inString) return;
        if (this.depth === 0) this.shallowStringDone(chunk, pos);
      } else if (this.depth > 0) {
        pos = this.skipContainer(chunk, pos, end);
      } else if (this.inScalar) {
        while (pos < end && !endsScalar(chunk[pos] as number)) pos++;
        if (pos === end) return;
        this.scalarDone(chunk, pos);
      } else {
        pos = this.shallow(chunk, pos);
      }
    }
  }

  /**
   * Passes over string bytes from `pos`: returns the position after the
   * closing quote, or `end` with `inString` still set (and `escaped` when the
   * chunk ends on a backslash that escapes the next chunk's first byte).
   */
  private skipString(chunk: Buffer, pos: number, end: number): number {
    let at = pos;
    if (this.escaped) {
      this.escaped = false;
      at++;
    }
    for (; at < end; at++) {
      const c = chunk[at];
      if (c === BACKSLASH) at++;
      else if (c === QUOTE) {
        this.inString = false;
        return at + 1;
      }
    }
    // A backslash last in the chunk: `at` went one past the end.
    this.escaped = at > end;
    return end;
  }

  /** Inside a container: counts brackets to its end, stopping at each string. */
  private skipContainer(chunk: Buffer, pos: number, end: number): number {
    let depth = this.depth;
    for (; pos < end; pos++) {
      const c = chunk[pos];
      if (c === QUOTE) {
        this.inString = true;
        this.depth = depth;
        return pos + 1;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) {
          this.depth = 0;
          this.containerDone(chunk, pos + 1);
          return pos + 1;
        }
      }
    }
    this.depth = depth;
    return end;
  }

  private containerDone(chunk: Buffer, after: number): void {
    if (this.locate !== undefined) {
      this.events.push({ table: this.locate, offset: this.captureOffset, bytes: this.base + after - this.captureOffset });
      this.locate = undefined;
    }
    const table = this.capture;
    if (table !== undefined) {
      this.capture = undefined;
      const offset = this.captureOffset;
      const bytes = this.base + after - offset;
      if (this.oversized || bytes > this.maxRowBytes) {
        this.oversized = false;
        this.keepFrom = -1;
        this.pieces = [];
        this.pieceBytes = 0;
        this.events.push({ table, offset, bytes });
      } else this.events.push({ table, text: this.taken(chunk, after), offset });
    }
    this.valueDone();
  }

  private valueDone(): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.expect = 'comma';
    else this.done = true;
  }

  private shallowStringDone(chunk: Buffer, after: number): void {
    if (!this.stringIsKey) return this.valueDone();
    this.stringIsKey = false;
    const top = this.stack[this.stack.length - 1] as Frame;
    const at = this.keepOffset;
    try {
      top.key = JSON.parse(this.taken(chunk, after)) as string;
    } catch (error) {
      throw new BrokenExport(`broken JSON at byte ${at}: a key that is not a JSON string (${(error as Error).message})`, at);
    }
    top.expect = 'colon';
  }

  private scalarDone(chunk: Buffer, after: number): void {
    this.inScalar = false;
    const at = this.keepOffset;
    const text = this.taken(chunk, after);
    if (!SCALAR.test(text)) throw new BrokenExport(`broken JSON at byte ${at}: expected a value, found "${text.slice(0, 20)}"`, at);
    this.valueDone();
  }

  /** One byte at the shallow levels; returns the next position. */
  private shallow(chunk: Buffer, pos: number): number {
    const c = chunk[pos] as number;
    if (isSpace(c)) return pos + 1;
    if (this.done) this.fail(pos, 'the end of the file', shown(c));
    const top = this.stack[this.stack.length - 1];
    const expect: Expect = top ? top.expect : 'value';
    switch (expect) {
      case 'colon':
        if (c !== 0x3a) this.fail(pos, '":"', shown(c));
        (top as Frame).expect = 'value';
        return pos + 1;
      case 'comma':
        if (c === 0x2c) {
          (top as Frame).expect = top?.kind === 'object' ? 'key' : 'value';
          return pos + 1;
        }
        if (c === (top?.kind === 'object' ? 0x7d : 0x5d)) return this.close(pos);
        return this.fail(pos, top?.kind === 'object' ? '"," or "}"' : '"," or "]"', shown(c));
      case 'keyOrEnd':
      case 'key':
        if (c === 0x7d && expect === 'keyOrEnd') return this.close(pos);
        if (c !== QUOTE) this.fail(pos, 'a key', shown(c));
        this.inString = true;
        this.stringIsKey = true;
        this.keep(pos);
        return pos + 1;
      default:
        if (c === 0x5d && expect === 'valueOrEnd') return this.close(pos);
        return this.value(chunk, pos, c);
    }
  }

  private close(pos: number): number {
    this.stack.pop();
    this.valueDone();
    return pos + 1;
  }

  private value(chunk: Buffer, pos: number, c: number): number {
    if (c === QUOTE) {
      this.inString = true;
      return pos + 1;
    }
    if (c !== 0x7b && c !== 0x5b) {
      if (c !== 0x2d && (c < 0x30 || c > 0x39) && c !== 0x74 && c !== 0x66 && c !== 0x6e) this.fail(pos, 'a value', shown(c));
      this.inScalar = true;
      this.keep(pos);
      return pos;
    }
    const kind = c === 0x7b ? 'object' : 'array';
    const place = placeOf(this.stack, kind);
    if (place === 'descend') {
      this.stack.push({ kind, expect: kind === 'object' ? 'keyOrEnd' : 'valueOrEnd' });
      return pos + 1;
    }
    this.depth = 1;
    if (place === 'skip') return pos + 1;
    if (this.wanted.has(place.table)) {
      this.capture = place.table;
      this.captureOffset = this.base + pos;
      this.keep(pos);
    } else if (this.located.has(place.table)) {
      this.locate = place.table;
      this.captureOffset = this.base + pos;
    }
    return pos + 1;
  }
}
