/**
 * A Ghost JSON export read as it streams: the rows of the tables asked for,
 * one at a time, and the export's `meta`. Ghost's Labs export writes
 * `{"db": [{"meta": {...}, "data": {"posts": [...], "tags": [...], ...}}]}`
 * (its exporter fills `data` table by table, in the database's order, so
 * posts may come before the tags and users they refer to); the exporter's
 * own object without the `db` wrapper (`{"meta": ..., "data": ...}`) is read
 * too. Only one row is ever held: stream-json tokenizes the file and an
 * Assembler builds the row the tokens are for; everything else is passed over.
 */
import { createReadStream } from 'node:fs';
import Assembler from 'stream-json/assembler.js';
import parser from 'stream-json/parser.js';

export type Row = Record<string, unknown>;

/** One row of a table (`table` is its name in `data`), or the export's meta object (`table` is "meta"). */
export interface TableRow {
  table: string;
  row: Row;
}

interface Frame {
  kind: 'object' | 'array';
  /** The key being read in an object. */
  key?: string;
}

/**
 * Where a value starting under `stack` sits: a table's row ("posts"), the
 * meta object ("meta"), or undefined for anything else. Paths:
 * db[i].data.<table>[j] and db[i].meta, or data.<table>[j] and meta.
 */
function placeOf(stack: readonly Frame[]): string | undefined {
  const at = stack[0]?.key === 'db' && stack[1]?.kind === 'array' ? 2 : 0;
  const depth = stack.length - at;
  if (depth === 1 && stack[at]?.kind === 'object' && stack[at]?.key === 'meta') return 'meta';
  if (depth === 3 && stack[at]?.key === 'data' && stack[at + 1]?.kind === 'object' && stack[at + 2]?.kind === 'array') return stack[at + 1]?.key;
  return undefined;
}

/**
 * Every row of the tables `wanted` names (and the meta object when it names
 * "meta"), in file order. Throws where the file stops being JSON (a
 * truncated export): the rows yielded before stay yielded.
 */
export async function* exportRows(file: string, wanted: ReadonlySet<string>): AsyncGenerator<TableRow> {
  const tokens = parser.asStream({ packValues: true, streamValues: false });
  const input = createReadStream(file);
  input.on('error', (error) => tokens.destroy(error));
  input.pipe(tokens);
  const stack: Frame[] = [];
  let assembling: { table: string; assembler: Assembler } | undefined;
  let ended = false;
  try {
    for await (const token of tokens as AsyncIterable<parser.Token>) {
      if (assembling) {
        assembling.assembler.consume(token);
        if (assembling.assembler.done) {
          const row: unknown = assembling.assembler.current;
          const { table } = assembling;
          assembling = undefined;
          if (typeof row === 'object' && row !== null && !Array.isArray(row)) yield { table, row: row as Row };
        }
        continue;
      }
      switch (token.name) {
        case 'startObject':
        case 'startArray': {
          const place = token.name === 'startObject' ? placeOf(stack) : undefined;
          if (place !== undefined && wanted.has(place)) {
            assembling = { table: place, assembler: new Assembler() };
            assembling.assembler.consume(token);
          } else {
            stack.push({ kind: token.name === 'startObject' ? 'object' : 'array' });
          }
          break;
        }
        case 'endObject':
        case 'endArray':
          stack.pop();
          if (stack.length === 0) ended = true;
          break;
        case 'keyValue': {
          const top = stack[stack.length - 1];
          if (top) top.key = String(token.value);
          break;
        }
        default:
          break;
      }
    }
  } finally {
    input.destroy();
    tokens.destroy();
  }
  if (!ended) throw new Error('the file ends before its JSON does (a truncated export?)');
}
