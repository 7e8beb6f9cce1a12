/**
 * The header an answer's keys are printed in, as each cache expects it:
 *
 *   xkey           Varnish (varnish-modules' xkey)  space-separated  8,000 bytes
 *   Surrogate-Key  Fastly                           space-separated  16,000 bytes
 *   Cache-Tag      Cloudflare                       comma-separated  16,000 bytes
 *
 * The budgets sit under each one's limit (docs/caching.md cites them):
 * Varnish refuses a backend response whose header line is longer than
 * http_resp_hdr_len (8 KiB by default), Fastly reads 16 KiB of Surrogate-Key,
 * Cloudflare 16 KB of Cache-Tag. A list that does not fit is never cut (a
 * cut list would leave answers no purge reaches): the largest group of keys
 * with one prefix is replaced by its broad key (`articles` for every `a:`…),
 * again until it fits.
 */
import type { CacheKeyHeaderName } from '../config';
import { broadKeyOf } from './scheme';

export interface KeyHeaderFormat {
  name: CacheKeyHeaderName;
  separator: string;
  /** The longest header value printed, in bytes (keys are ASCII). */
  maxBytes: number;
}

export const KEY_HEADER_FORMATS: Readonly<Record<CacheKeyHeaderName, KeyHeaderFormat>> = {
  xkey: { name: 'xkey', separator: ' ', maxBytes: 8_000 },
  'Surrogate-Key': { name: 'Surrogate-Key', separator: ' ', maxBytes: 16_000 },
  'Cache-Tag': { name: 'Cache-Tag', separator: ',', maxBytes: 16_000 },
};

function joinedLength(keys: readonly string[]): number {
  let length = Math.max(0, keys.length - 1);
  for (const key of keys) length += key.length;
  return length;
}

/** The keys as they fit the budget: unchanged when they do, else with whole prefixes folded into their broad keys. */
export function fitKeys(keys: readonly string[], maxBytes: number): readonly string[] {
  let list = keys;
  while (joinedLength(list) > maxBytes) {
    const groups = new Map<string, number>();
    for (const key of list) {
      const broad = broadKeyOf(key);
      if (broad) groups.set(broad, (groups.get(broad) ?? 0) + key.length + 1);
    }
    if (groups.size === 0) break; // only standalone keys left: a handful, always short
    let largest = '';
    let largestBytes = -1;
    for (const [broad, bytes] of groups) if (bytes > largestBytes) [largest, largestBytes] = [broad, bytes];
    const folded = new Set<string>();
    for (const key of list) folded.add(broadKeyOf(key) === largest ? largest : key);
    list = [...folded];
  }
  return list;
}

/** The header's value for an answer's keys. */
export function keyHeaderValue(format: KeyHeaderFormat, keys: readonly string[]): string {
  return fitKeys(keys, format.maxBytes).join(format.separator);
}
