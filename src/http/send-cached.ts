/**
 * Answers a request from a stored page: the same status and headers every
 * time, the body in the best encoding the client accepts, 304 when its
 * If-None-Match names our ETag, and no body for HEAD. Used both by the front
 * layer (cache hits) and by the Express path right after rendering (misses),
 * so a hit and a miss send the very same bytes and headers.
 *
 * The header lists are made once, when the page is stored (page-cache.ts):
 * a hit hands a ready [name, value, …] array to writeHead; Node adds Date.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chooseEncoding, type Encoding } from './encoding';
import type { CachedPage } from './page-cache';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Accept-Encoding values seen so far and the encoding each one picks: clients
 * send a handful of distinct values, so parsing is done once per value. Bounded,
 * so a client sending random values costs a parse, never memory.
 */
const chosen = new Map<string, Encoding>();
const CHOSEN_MAX = 256;

function encodingFor(header: string | undefined): Encoding {
  if (header === undefined) return 'identity';
  let encoding = chosen.get(header);
  if (encoding === undefined) {
    encoding = chooseEncoding(header, { br: true, gzip: true });
    if (chosen.size < CHOSEN_MAX) chosen.set(header, encoding);
  }
  return encoding;
}

export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, page.etag)) {
    res.writeHead(304, page.send.notModified);
    res.end();
    return;
  }
  const encoding = encodingFor(req.headers['accept-encoding']);
  const form = encoding === 'br' ? page.send.br : encoding === 'gzip' ? page.send.gzip : page.send.identity;
  res.writeHead(page.status, form.headers);
  if (req.method === 'HEAD') res.end();
  else res.end(form.body);
}
