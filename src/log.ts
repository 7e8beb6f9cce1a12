/**
 * One structured JSON logger (pino) for the whole process. Lines go to stdout
 * through pino's asynchronous destination: a request log line is a buffer
 * append, not a write system call (pino flushes it when the process exits).
 *
 * The request log (one line per request, page-cache hits included) is the
 * hottest logging path, so it has its own writer: the same line pino would
 * write for `logger.info({ method, path, status, durationMs, bytes, cache }, 'request')`,
 * built as one string and handed to the logger's own destination, without the
 * object pino would walk key by key. The writer checks once, against pino's
 * own serializer, that its line is byte for byte pino's for this logger; a
 * logger whose options change the line (formatters, serializers, mixins,
 * hooks, a nested key…) gets plain `logger.info` instead.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  if (level === 'silent') return pino({ level });
  // While one write is in flight the destination gathers the lines that follow, so under load a
  // write carries many lines; when quiet, a line is written at once.
  return pino({ level, base: { service: 'newsreel' } }, pino.destination({ dest: 1, sync: false }));
}

/** What a request log line holds; `aborted` only when the client left before the response was finished. */
interface RequestLogEntry {
  method: string | undefined;
  path: string | undefined;
  status: number;
  durationMs: number;
  bytes: number;
  cache: string;
  aborted?: boolean;
}

/** Writes one request line (at `info`). */
export type RequestLogWriter = (method: string | undefined, path: string | undefined, status: number, durationMs: number, bytes: number, cache: string, aborted: boolean) => void;

/**
 * A string as a JSON string literal. Printable ASCII without `"` or `\` (nearly
 * every URL path) is used as is; anything else goes through JSON.stringify,
 * which escapes quotes, backslashes, control characters and lone surrogates.
 */
export function jsonString(value: string): string {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) return JSON.stringify(value);
  }
  return `"${value}"`;
}

function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** The request line's fields after the time and the logger's bindings, msg included, as pino orders them. */
function requestLineFields(method: string | undefined, path: string | undefined, status: number, durationMs: number, bytes: number, cache: string, aborted: boolean): string {
  return (
    (method === undefined ? '' : `,"method":${jsonString(method)}`) +
    (path === undefined ? '' : `,"path":${jsonString(path)}`) +
    `,"status":${jsonNumber(status)},"durationMs":${jsonNumber(durationMs)},"bytes":${jsonNumber(bytes)},"cache":${jsonString(cache)}` +
    (aborted ? ',"aborted":true' : '') +
    ',"msg":"request"'
  );
}

/** The object pino is given for the same line (the fallback, and the reference the fast line is checked against). */
function requestLogObject(method: string | undefined, path: string | undefined, status: number, durationMs: number, bytes: number, cache: string, aborted: boolean): RequestLogEntry {
  return aborted ? { method, path, status, durationMs, bytes, cache, aborted } : { method, path, status, durationMs, bytes, cache };
}

interface PinoInternals {
  [key: symbol]: unknown;
}

const S = pino.symbols;

/**
 * The fast writer when it provably writes what pino would, else undefined.
 * Reads pino's own per-logger state (level prefix, time function, bindings,
 * destination) through `pino.symbols`, pino's exported handles to it.
 */
function fastWriter(logger: Logger): RequestLogWriter | undefined {
  const internals = logger as unknown as PinoInternals;
  const level = logger.levels.values.info as number;
  const prefix = (internals[S.lsCacheSym] as Record<number, string> | undefined)?.[level];
  const time = internals[S.timeSym] as (() => string) | undefined;
  const chindings = internals[S.chindingsSym];
  const stream = internals[S.streamSym] as (DestinationStream & { [key: symbol]: unknown }) | undefined;
  const end = internals[S.endSym];
  const asJson = internals[S.asJsonSym] as ((obj: object, msg: string, num: number, time: string) => string) | undefined;
  const hooks = internals[S.hooksSym] as { logMethod?: unknown; streamWrite?: unknown } | undefined;
  if (typeof prefix !== 'string' || typeof time !== 'function' || typeof chindings !== 'string' || typeof end !== 'string' || typeof asJson !== 'function') return undefined;
  if (!stream || typeof stream.write !== 'function' || stream[S.needsMetadataGsym] === true) return undefined;
  if (internals[S.mixinSym] || hooks?.logMethod || hooks?.streamWrite) return undefined;

  const line = (t: string, method: string | undefined, path: string | undefined, status: number, durationMs: number, bytes: number, cache: string, aborted: boolean): string =>
    prefix + t + chindings + requestLineFields(method, path, status, durationMs, bytes, cache, aborted) + end;

  // Same line as pino's own serializer for this logger, for every kind of field value we write?
  const probes: Parameters<RequestLogWriter>[] = [
    ['GET', '/articles/a-story?page=2', 200, 0.125, 15_000, 'hit', false],
    ['HEAD', '/q"\\\u0001é/', 304, 12, 0, 'pass', true],
    [undefined, undefined, 413, NaN, 0, 'pass', false],
  ];
  for (const probe of probes) {
    const t = ',"time":0';
    if (asJson.call(logger, requestLogObject(...probe), 'request', level, t) !== line(t, ...probe)) return undefined;
  }
  return (method, path, status, durationMs, bytes, cache, aborted) => {
    stream.write(line(time(), method, path, status, durationMs, bytes, cache, aborted));
  };
}

/**
 * The request log writer for this logger, or undefined when `info` is off.
 * Fields: method, path, status, durationMs, bytes, cache (hit|pass), and
 * `aborted: true` when the client left before the response was finished.
 */
export function requestLogWriter(logger: Logger): RequestLogWriter | undefined {
  if (!logger.isLevelEnabled('info')) return undefined;
  return (
    fastWriter(logger) ??
    ((method, path, status, durationMs, bytes, cache, aborted) => logger.info(requestLogObject(method, path, status, durationMs, bytes, cache, aborted), 'request'))
  );
}
