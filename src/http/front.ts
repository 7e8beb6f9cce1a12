/**
 * The front layer on the HTTP server: a GET or HEAD for a page already in the
 * page cache is answered here, from stored bytes, without walking Express's
 * middleware stack; everything else goes to the Express app. Every request,
 * hit or not, passes the request log.
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
}

export type CacheOutcome = 'hit' | 'pass';

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

export function createFrontHandler({ app, store, pageCache, logger }: FrontOptions): RequestListener {
  const logging = logger.isLevelEnabled('info');
  return (req, res) => {
    const started = logging ? process.hrtime.bigint() : 0n;
    if (pageCache && (req.method === 'GET' || req.method === 'HEAD') && req.url) {
      const page = pageCache.get(store.current().version, req.url);
      if (page) {
        if (logging) logRequest(logger, req, res, started, 'hit');
        sendCachedPage(req, res, page);
        return;
      }
    }
    if (logging) logRequest(logger, req, res, started, 'pass');
    app(req, res);
  };
}
