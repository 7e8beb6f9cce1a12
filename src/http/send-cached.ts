/**
 * Answers a request from a stored page: the same status and headers every
 * time, the body in the best encoding the client accepts, 304 when its
 * If-None-Match names our ETag, and no body for HEAD. Used both by the front
 * layer (cache hits) and by the Express path right after rendering (misses),
 * so a hit and a miss send the very same bytes and headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chooseEncoding } from './encoding';
import type { CachedPage } from './page-cache';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const headers: Record<string, string | number> = { ...page.headers, etag: page.etag };
  if (etagMatches(req.headers['if-none-match'], page.etag)) {
    delete headers['content-type'];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], { br: true, gzip: true });
  const body = encoding === 'br' ? page.brotli : encoding === 'gzip' ? page.gzip : page.identity;
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = body.length;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
