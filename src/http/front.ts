/**
 * The front layer on the HTTP server: a GET or HEAD for a page already in the
 * page cache is answered here, from stored bytes, without walking Express's
 * middleware stack; everything else goes to the Express app. Every request,
 * hit or not, passes the request log and the request metrics. Requests that
 * carry a body are refused here: the site is read-only and never reads one.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CatalogStore } from '../content/catalog';
import type { Logger } from '../log';
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
export function hasRequestBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function observeRequest(metrics: RequestObserver, req: IncomingMessage, res: ServerResponse, started: bigint, cache: CacheOutcome): void {
  const url = req.url ?? '';
  res.once('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.observe(req.method, url, res.writableFinished ? res.statusCode : 'aborted', seconds, cache);
  });
}

/**
 * 413 for a request with a body, and the connection is closed after it so the
 * body is never read (a keep-alive connection would otherwise have to drain it).
 */
function refuseBody(res: ServerResponse): void {
  res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end('Request bodies are not accepted\n');
}

/** Logs the request when its response is finished; bytes are what went out on the socket (headers included). */
function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, started: bigint, cache: CacheOutcome): void {
  const socketBytesBefore = req.socket?.bytesWritten ?? 0;
  res.once('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info(
      { method: req.method, path: req.url, status: res.statusCode, durationMs: Math.round(durationMs * 1000) / 1000, bytes: (req.socket?.bytesWritten ?? 0) - socketBytesBefore, cache },
      'request',
    );
  });
}

export function createFrontHandler({ app, store, pageCache, logger, metrics }: FrontOptions): RequestListener {
  const logging = logger.isLevelEnabled('info');
  return (req, res) => {
    const started = logging || metrics ? process.hrtime.bigint() : 0n;
    if (hasRequestBody(req)) {
      if (logging) logRequest(logger, req, res, started, 'pass');
      if (metrics) observeRequest(metrics, req, res, started, 'pass');
      refuseBody(res);
      return;
    }
    if (pageCache && (req.method === 'GET' || req.method === 'HEAD') && req.url) {
      const page = pageCache.get(store.current().version, req.url);
      if (page) {
        if (logging) logRequest(logger, req, res, started, 'hit');
        if (metrics) observeRequest(metrics, req, res, started, 'hit');
        sendCachedPage(req, res, page);
        return;
      }
    }
    if (logging) logRequest(logger, req, res, started, 'pass');
    if (metrics) observeRequest(metrics, req, res, started, 'pass');
    app(req, res);
  };
}
