/**
 * The byte-level scanner the Ghost reader finds rows with
 * (src/import/ghost/json-scan.ts, export-stream.ts): the rows it finds are
 * the rows JSON.parse of the whole file holds, at their byte offsets, however
 * the file is cut into chunks; what it passes over is never parsed; rows
 * only located are read back where they are (rowsAt); a file that breaks off
 * or is broken is an error naming the byte, after the rows before it.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportRows, RowPlaces, rowsAt, type RowPlace, type TableRow, type TooBigRow } from '../../src/import/ghost/export-stream';
import { BrokenExport, ExportScanner, type ScanEvent } from '../../src/import/ghost/json-scan';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ghost-scan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ALL = new Set(['meta', 'posts', 'tags', 'users', 'posts_tags']);

/** Scans `text` fed in chunks of `size` bytes: the rows found and the error, if any. */
function scan(text: string | Buffer, size: number, wanted: ReadonlySet<string> = ALL, maxRowBytes?: number, located?: ReadonlySet<string>): { events: ScanEvent[]; error?: Error } {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const scanner = new ExportScanner(wanted, maxRowBytes, located);
  const events: ScanEvent[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    // A copy, as the reader's own buffer per chunk: the scanner may keep it.
    scanner.push(Buffer.from(bytes.subarray(at, at + size)));
    events.push(...scanner.events.splice(0));
  }
  scanner.end();
  events.push(...scanner.events.splice(0));
  return { events, ...(scanner.error && { error: scanner.error }) };
}

/** The rows as JSON.parse of the whole file has them: [table, row] in file order. */
function expected(text: string, wanted: ReadonlySet<string> = ALL): [string, unknown][] {
  const whole = JSON.parse(text) as { db?: unknown; meta?: unknown; data?: unknown };
  const exports = Array.isArray(whole.db) ? whole.db : [whole];
  const rows: [string, unknown][] = [];
  for (const one of exports as Record<string, unknown>[]) {
    if (!one || typeof one !== 'object') continue;
    for (const [key, value] of Object.entries(one)) {
      if (key === 'meta' && value && typeof value === 'object' && !Array.isArray(value) && wanted.has('meta')) rows.push(['meta', value]);
      if (key !== 'data' || !value || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const [table, list] of Object.entries(value)) {
        if (!Array.isArray(list) || !wanted.has(table)) continue;
        for (const row of list) if (row && typeof row === 'object' && !Array.isArray(row)) rows.push([table, row]);
      }
    }
  }
  return rows;
}

/** Each row's text is the file's bytes at its offset; the rows are the expected ones. */
function expectRows(text: string, events: ScanEvent[], wanted: ReadonlySet<string> = ALL): void {
  const bytes = Buffer.from(text);
  for (const event of events) {
    if (!('text' in event)) throw new Error(`an oversized row at ${event.offset}`);
    expect(bytes.subarray(event.offset, event.offset + Buffer.byteLength(event.text)).toString()).toBe(event.text);
  }
  expect(events.map((e) => ['text' in e ? e.table : '', 'text' in e ? JSON.parse(e.text) : undefined])).toEqual(expected(text, wanted));
}

const SIZES = [1, 2, 3, 5, 16, 1 << 20];

const TRICKY_STRINGS = ['a\\\\', '\\"', '"', 'x\\\\\\"y', '{[}]', '}}]]', '\\', '\\\\"', '\u00e9\u4e2d\ud83d\ude00', 'tab\there', '\u2028', ''];

const tricky = {
  db: [
    {
      meta: { exported_on: 1, version: '5.0.0', note: '{"not":["a row"]}' },
      data: {
        posts: TRICKY_STRINGS.map((s, i) => ({ id: String(i), title: s, html: `<p class="${s}">${s}</p>`, nested: [[s], { [s]: [[], {}] }] })),
        'we"ird': [{ id: 'odd' }],
        tags: [],
        users: [{ id: 'u1', name: 'Zoë \u00e9 😀', bio: '\\\\' }],
      },
    },
  ],
};

describe('rows found', () => {
  test.each(SIZES)('strings with escaped quotes and backslashes, brackets in strings, unicode and nested arrays, in chunks of %i bytes', (size) => {
    const text = JSON.stringify(tricky);
    const { events, error } = scan(text, size);
    expect(error).toBeUndefined();
    expectRows(text, events);
    expect(events).toHaveLength(1 + TRICKY_STRINGS.length + 1);
  });

  test.each(SIZES)('escapes written as \\u sequences and raw multibyte UTF-8, split across chunks of %i bytes', (size) => {
    const raw = JSON.stringify({ meta: {}, data: { posts: [{ t: 'é中😀\u0301' }, { t: 'after' }] } });
    const escaped = raw.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const text of [raw, escaped, escaped.replace(/"t"/, '"\\u0074"')]) {
      const { events, error } = scan(text, size);
      expect(error).toBeUndefined();
      expectRows(text, events);
      expect(JSON.parse((events[1] as { text: string }).text)).toEqual({ t: 'é中😀\u0301' });
    }
  });

  test('whitespace everywhere, tables in any order, meta after data, empty tables', () => {
    const text = [
      ' \r\n\t{ "db" :\n[\r\n { "data" : { "users" :\t[ ] , "tags" : [\n{ "id" : "t1" } ,\n\t{"id":"t2"}\n] ,',
      ' "posts" : [ { "id" : "p1" , "a" : [ 1 , [ 2 , { "b" : null } ] ] } ] , "settings" : [ { "key" : "x" } ] } ,',
      ' "meta" : { "version" : "4.0.0" , "exported_on" : -1.5e3 }\n } \n ]\n , "extra" : true }\n\n',
    ].join('');
    for (const size of SIZES) {
      const { events, error } = scan(text, size);
      expect(error).toBeUndefined();
      expectRows(text, events);
      expect(events.map((e) => e.table)).toEqual(['tags', 'tags', 'posts', 'meta']);
    }
  });

  test('the exporter\'s object without the db wrapper, a BOM, empty exports', () => {
    for (const text of ['\ufeff{"meta":{"v":1},"data":{"posts":[{"id":1}]}}', '{"data":{}}', '{"db":[]}', '{"db":[{}]}', '{}', '{"db":[{"meta":{},"data":{"posts":[]}}]}']) {
      const { events, error } = scan(text, 3);
      expect(error).toBeUndefined();
      expectRows(text.replace(/^\ufeff/, ''), events.map((e) => ({ ...e, offset: e.offset - (text.startsWith('\ufeff') ? 3 : 0) })));
    }
  });

  test('only the tables asked for: the rest is passed over unparsed, rows that are not objects are not rows', () => {
    // A row passed over is never parsed: a broken one there is not this pass's business.
    const text = '{"db":[{"meta":{"a":1},"data":{"posts":[{"id":1},"a string",7,[1,2],null,{"id":2}],"tags":[{"id": 1 2}]}}]}';
    const { events, error } = scan(text, 4, new Set(['posts']));
    expect(error).toBeUndefined();
    expect(events.map((e) => ('text' in e ? e.text : ''))).toEqual(['{"id":1}', '{"id":2}']);
  });

  test('a table only located: where each row is, its bytes not kept, beside the rows read', () => {
    const text = JSON.stringify(tricky);
    for (const size of [1, 7, 1 << 20]) {
      const { events, error } = scan(text, size, new Set(['users']), undefined, new Set(['posts']));
      expect(error).toBeUndefined();
      const places = events.filter((e): e is RowPlace => !('text' in e));
      expect(places.map((p) => JSON.parse(Buffer.from(text).subarray(p.offset, p.offset + p.bytes).toString()))).toEqual(tricky.db[0]!.data.posts);
      expect(events.filter((e) => 'text' in e).map((e) => e.table)).toEqual(['users']);
    }
  });

  test('rows, keys and values that are not where rows are stay unread: a "posts" key deeper down is no table', () => {
    const text = '{"meta":{"data":{"posts":[{"id":"no"}]}},"other":{"data":{"posts":[{"id":"no"}]}},"data":{"x":{"posts":[{"id":"no"}]},"posts":[{"id":"yes"}]}}';
    const { events } = scan(text, 7, new Set(['posts']));
    expect(events.map((e) => ('text' in e ? e.text : ''))).toEqual(['{"id":"yes"}']);
  });

  test('any JSON export, cut into chunks anywhere, gives the rows JSON.parse of the whole gives', () => {
    const value = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.constantFrom(...TRICKY_STRINGS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 4 })),
    })).value;
    const row = fc.oneof(fc.dictionary(fc.constantFrom('id', 'title', 'html', '"', '\\'), value, { maxKeys: 4 }), value);
    const data = fc.dictionary(fc.constantFrom('posts', 'tags', 'users', 'settings', 'posts_tags'), fc.array(row, { maxLength: 4 }));
    const one = fc.record({ meta: fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }), data }, { requiredKeys: [] });
    const file = fc.oneof(one, fc.record({ db: fc.array(one, { maxLength: 2 }) }));
    fc.assert(
      fc.property(file, fc.integer({ min: 1, max: 40 }), fc.boolean(), (whole, size, pretty) => {
        const text = JSON.stringify(whole, null, pretty ? '\t' : undefined);
        const { events, error } = scan(text, size);
        expect(error).toBeUndefined();
        expectRows(text, events);
      }),
      { numRuns: 300 },
    );
  });
});

describe('files that break off or are broken', () => {
  const text = JSON.stringify({ db: [{ meta: { v: '5' }, data: { posts: [{ id: 1, t: 'a"}' }, { id: 2 }, { id: 3 }], tags: [{ id: 't' }] } }] });

  test('cut at any byte: an error naming where the file ends, after exactly the rows that were whole', () => {
    const rows = scan(text, 1 << 20).events;
    for (let cut = 0; cut < text.length; cut++) {
      const { events, error } = scan(text.slice(0, cut), 5);
      expect(error).toBeInstanceOf(BrokenExport);
      expect(error?.message).toMatch(new RegExp(`at byte ${cut}\\b`));
      expect(events).toEqual(rows.filter((r) => 'text' in r && r.offset + r.text.length <= cut));
    }
  });

  // Each file is broken where the last string given starts.
  test.each([
    ['{"db":[{"data":{"posts":[{"id":1} {"id":2}]}}]}', ' {"id":2', /expected "," or "]", found "\{"/],
    ['{"db":[{"data":{"posts":[{"id":1}]}}]} x', ' x', /expected the end of the file/],
    ['{"db":[{"data" {"posts":[]}}]}', ' {"posts', /expected ":"/],
    ['{"db":[{"data":{"posts":[]}},]}', ',]', /expected a value/],
    ['{"db":[{"meta":{},"n":tru}]}', ':tru', /expected a value, found "tru"/],
    ['{"db":[{data:{}}]}', '{data', /expected a key/],
    ['<html>', '', /expected a value/],
  ])('%s: broken at %j', (broken, where, message) => {
    const byte = broken.indexOf(where) + (where ? 1 : 0);
    for (const size of [1, 4, 1 << 20]) {
      const { error } = scan(broken, size);
      expect(error).toBeInstanceOf(BrokenExport);
      expect((error as BrokenExport).offset).toBe(byte);
      expect(error?.message).toMatch(message);
      expect(error?.message).toContain(`at byte ${byte}`);
    }
  });

  test('a row longer than the cap is passed over, said with its size; the rows after it are read; a shallow key that long is a break', () => {
    const big = `{"id":"big","html":"${'x'.repeat(300)}"}`;
    const file = `{"data":{"posts":[{"id":"a"},${big},{"id":"b"}]}}`;
    for (const size of [7, 64, 1 << 20]) {
      const { events, error } = scan(file, size, ALL, 100);
      expect(error).toBeUndefined();
      expect(events).toEqual([
        { table: 'posts', text: '{"id":"a"}', offset: file.indexOf('{"id":"a"}') },
        { table: 'posts', offset: file.indexOf(big), bytes: big.length },
        { table: 'posts', text: '{"id":"b"}', offset: file.indexOf('{"id":"b"}') },
      ]);
    }
    const { error } = scan(`{"data":{"${'k'.repeat(300)}":[]}}`, 16, ALL, 100);
    expect(error?.message).toMatch(/at byte 9: a key or value of more than 100 bytes/);
  });
});

describe('the file reader', () => {
  const write = (name: string, text: string): string => {
    const file = path.join(tmp, name);
    writeFileSync(file, text);
    return file;
  };
  const read = async (file: string, wanted: string[], chunkBytes?: number) => {
    const got: (TableRow | TooBigRow | RowPlace)[] = [];
    let error: Error | undefined;
    try {
      for await (const row of exportRows(file, new Set(wanted), { ...(chunkBytes && { chunkBytes }) })) got.push(row);
    } catch (caught) {
      error = caught as Error;
    }
    return { got, error };
  };

  test('rows parsed one at a time, in small chunks as in large', async () => {
    const file = write('tricky.json', JSON.stringify(tricky));
    for (const chunkBytes of [3, 4096, undefined]) {
      const { got, error } = await read(file, ['posts', 'users'], chunkBytes);
      expect(error).toBeUndefined();
      expect(got.map((r) => ('row' in r ? r.row : r))).toEqual([...tricky.db[0]!.data.posts, ...tricky.db[0]!.data.users]);
    }
  });

  test('broken JSON inside a row: the rows before it, then an error naming the byte', async () => {
    const text = '{"data":{"posts":[{"id":1},{"id":"é","x": nope},{"id":3}]}}';
    const { got, error } = await read(write('broken-row.json', text), ['posts'], 8);
    expect(got.map((r) => ('row' in r ? r.row : r))).toEqual([{ id: 1 }]);
    expect(error).toBeInstanceOf(BrokenExport);
    // The row's first byte, or where in it JSON.parse stopped (when its message says), counted in bytes (é is two).
    const row = text.indexOf('{"id":"é"');
    expect((error as BrokenExport).offset).toBeGreaterThanOrEqual(row);
    expect((error as BrokenExport).offset).toBeLessThanOrEqual(Buffer.byteLength(text.slice(0, text.indexOf('nope') + 1)));
    expect(error?.message).toMatch(new RegExp(`^broken JSON at byte \\d+, in the posts row at byte ${row}: `));
  });

  test('rows read where the first pass located them, in windows small and large; one over the cap failed with its size', async () => {
    const file = write('tricky.json', JSON.stringify(tricky));
    const located = (await read(file, ['users'])).got;
    expect(located.every((r) => 'row' in r)).toBe(true);
    const places = new RowPlaces('posts');
    for await (const row of exportRows(file, new Set(), { located: new Set(['posts']) })) if ('bytes' in row) places.add(row);
    for (const chunkBytes of [1, 100, undefined]) {
      const got: (TableRow | TooBigRow)[] = [];
      for await (const row of rowsAt(file, places, { ...(chunkBytes && { chunkBytes }) })) got.push(row);
      expect(got.map((r) => ('row' in r ? r.row : r))).toEqual(tricky.db[0]!.data.posts);
    }
    const capped: (TableRow | TooBigRow)[] = [];
    for await (const row of rowsAt(file, places, { maxRowBytes: 90 })) capped.push(row);
    expect(capped.filter((r) => 'tooBig' in r).length).toBeGreaterThan(0);
    expect(capped.find((r) => 'tooBig' in r)).toMatchObject({ table: 'posts', tooBig: expect.stringMatching(/^a posts row of \d+ bytes at byte \d+: more than the 90 bytes a row may have$/) });
  });

  test('a truncated file: the rows before the break, then an error', async () => {
    const { got, error } = await read(write('cut.json', '{"data":{"posts":[{"id":1},{"id":2},{"id":'), ['posts'], 5);
    expect(got).toHaveLength(2);
    expect(error?.message).toMatch(/ends before its JSON does, at byte 42/);
  });
});
