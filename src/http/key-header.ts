/**
 * Prints an answer's surrogate keys in the header the cache in front reads
 * (CACHE_KEY_HEADER; src/cache-keys/header.ts formats and bounds the value).
 * Only cacheable answers call this: no-store answers carry no keys.
 */
import type { ServerResponse } from 'node:http';
import { KEY_HEADER_FORMATS, keyHeaderValue, type KeyHeaderFormat } from '../cache-keys/header';
import type { CacheKeyHeaderName } from '../config';

export type KeyHeaderWriter = (res: ServerResponse, keys: readonly string[]) => void;

/** A writer for one header name; `maxBytes` overrides the header's budget (tests of the fallback). */
export function keyHeaderWriter(name: CacheKeyHeaderName = 'xkey', maxBytes?: number): KeyHeaderWriter {
  const format: KeyHeaderFormat = maxBytes === undefined ? KEY_HEADER_FORMATS[name] : { ...KEY_HEADER_FORMATS[name], maxBytes };
  return (res, keys) => {
    if (keys.length > 0) res.setHeader(format.name, keyHeaderValue(format, keys));
  };
}
