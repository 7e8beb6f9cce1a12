/**
 * The front layer on the HTTP server: a GET or HEAD for a page already in the
 * page cache is answered here, from stored bytes, without walking Express's
 * middleware stack; everything else goes to the Express app. Every request,
 * hit or not, passes the request log and the request metrics.
 *
 * The site is read-only and never reads a request body. A GET or HEAD that
 * carries one is refused here with 413; any other method goes on to Express,
 * which answers 405 (with `Allow: GET, HEAD`) whatever its body, and a body
 * it came with is never read: the connection is closed after the answer.
 * A request that goes on to Express is counted as in flight until its
 * response closes, and background work gives way to it (background.ts).
 *
 * Per request there is one `close` listener, which feeds both the request log
 * and the metrics: `close` comes once for every response, after `finish` when
 * it was sent in full and alone when the client left first (logged with
 * `aborted: true`, counted with status "aborted").
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CatalogStore } from '../content/catalog';
import { requestEnded, requestStarted } from '../background';
import { requestLogWriter, type Logger, type RequestLogWriter } from '../log';
import type { PageCache } from './page-cache';
import { sendCachedPage } from './send-cached';

export interface FrontOptions {
  app: RequestListener;
  store: CatalogStore;
  pageCache?: PageCache;
  logger: Logger;
  /** Counts every request (metrics.ts); it sees page-cache hits too, which never reach Express. */
  metrics?: RequestObserver;
}

export type CacheOutcome = 'hit' | 'pass';

export interface RequestObserver {
  /** Called once per request when its response is finished, or with 'aborted' when the client left first. */
  observe(method: string | undefined, url: string, status: number | 'aborted', seconds: number, cache: CacheOutcome): void;
}

/** A declared body: Content-Length above 0, or any Transfer-Encoding (chunked). */
function hasRequestBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * 413 for a GET or HEAD with a body, and the connection is closed after it so
 * the body is never read (a keep-alive connection would otherwise have to drain it).
 */
function refuseBody(res: ServerResponse): void {
  res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end('Request bodies are not accepted\n');
}

/**
 * Arms the one listener that logs and counts the request when its response is
 * done. Duration is from the request's arrival at the front layer; bytes are
 * what went out on the socket for it, headers included.
 */
function watchResponse(log: RequestLogWriter | undefined, metrics: RequestObserver | undefined, req: IncomingMessage, res: ServerResponse, cache: CacheOutcome): void {
  const started = performance.now();
  const socket = req.socket;
  const bytesBefore = log ? (socket?.bytesWritten ?? 0) : 0;
  // The URL as it arrived: Express rewrites req.url inside a mounted middleware (/images/x.jpg is /x.jpg to express.static).
  const url = req.url;
  res.on('close', () => {
    const ms = performance.now() - started;
    const finished = res.writableFinished;
    if (log) {
      log(req.method, url, res.statusCode, Math.round(ms * 1000) / 1000, (socket?.bytesWritten ?? 0) - bytesBefore, cache, !finished);
    }
    if (metrics) metrics.observe(req.method, url ?? '', finished ? res.statusCode : 'aborted', ms / 1000, cache);
  });
}

export function createFrontHandler({ app, store, pageCache, logger, metrics }: FrontOptions): RequestListener {
  const log = requestLogWriter(logger);
  const watching = log !== undefined || metrics !== undefined;
  return (req, res) => {
    const method = req.method;
    if (method === 'GET' || method === 'HEAD') {
      if (hasRequestBody(req)) {
        if (watching) watchResponse(log, metrics, req, res, 'pass');
        refuseBody(res);
        return;
      }
      if (pageCache && req.url) {
        const page = pageCache.get(store.current().version, req.url);
        if (page) {
          if (watching) watchResponse(log, metrics, req, res, 'hit');
          sendCachedPage(req, res, page);
          return;
        }
      }
    } else if (hasRequestBody(req)) {
      // Express answers 405 without reading the body; closing afterwards means it never has to be drained.
      res.setHeader('Connection', 'close');
    }
    if (watching) watchResponse(log, metrics, req, res, 'pass');
    // Background work (a snapshot write, a purge's fingerprints) waits while it is answered; a hit above is answered in this turn.
    requestStarted();
    res.once('close', requestEnded);
    app(req, res);
  };
}
