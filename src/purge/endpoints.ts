/**
 * How each kind of cache is told to drop the answers carrying some keys
 * (docs/caching.md, "Purging"):
 *
 *   varnish     PURGE <path of the entry, "/" by default>
 *               xkey-purge: <keys, space-separated>      (PURGE_SOFT=1: xkey-softpurge)
 *               The VCL restricts PURGE to an ACL and calls xkey.purge() /
 *               xkey.softpurge() with the header (deploy/varnish/newsreel.vcl);
 *               2xx, or 404 (no object had those keys), is success.
 *   fastly      POST <FASTLY_API_URL>/service/<service id>/purge
 *               Fastly-Key: <token>, Surrogate-Key: <keys, space-separated>
 *               (PURGE_SOFT=1: Fastly-Soft-Purge: 1); at most 256 keys a call.
 *   cloudflare  POST <CLOUDFLARE_API_URL>/client/v4/zones/<zone id>/purge_cache
 *               Authorization: Bearer <token>, {"tags": [...]}; at most 100 tags
 *               a call. Cloudflare has no soft purge by tag: PURGE_SOFT is ignored.
 */
import type { PurgeEndpoint } from '../config';

export interface PurgeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface EndpointProtocol {
  /** A label for logs and metrics: the kind and where (never the token). */
  readonly name: string;
  readonly kind: PurgeEndpoint['kind'];
  /** Splits keys into calls each one accepts. */
  batches(keys: readonly string[]): string[][];
  request(keys: readonly string[], soft: boolean): PurgeRequest;
  /** Whether an answer with this status and body means the keys are purged. */
  succeeded(status: number, body: string): boolean;
}

/**
 * Varnish reads request headers of at most http_req_hdr_len bytes (8 KiB by
 * default); the header name and ": " leave room under this.
 */
const VARNISH_HEADER_BYTES = 7_900;
/** Fastly's batch purge takes up to 256 surrogate keys a request. */
const FASTLY_KEYS_PER_CALL = 256;
/** Cloudflare's purge_cache takes up to 100 tags a request (its "max operations per request"). */
const CLOUDFLARE_TAGS_PER_CALL = 100;

/** Consecutive groups of at most `count` keys whose space-joined length stays within `bytes`. */
export function splitKeys(keys: readonly string[], count: number, bytes: number): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = 0;
  for (const key of keys) {
    const added = batch.length === 0 ? key.length : key.length + 1;
    if (batch.length > 0 && (batch.length === count || length + added > bytes)) {
      batches.push(batch);
      batch = [];
      length = 0;
    }
    length += batch.length === 0 ? key.length : key.length + 1;
    batch.push(key);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function varnish(endpoint: Extract<PurgeEndpoint, { kind: 'varnish' }>): EndpointProtocol {
  const url = new URL(endpoint.url);
  return {
    name: `varnish ${url.host}`,
    kind: 'varnish',
    batches: (keys) => splitKeys(keys, Number.MAX_SAFE_INTEGER, VARNISH_HEADER_BYTES),
    request: (keys, soft) => ({ url: url.href, method: 'PURGE', headers: { [soft ? 'xkey-softpurge' : 'xkey-purge']: keys.join(' ') } }),
    // Some xkey VCLs answer 404 when no object carried any of the keys: nothing to drop is a purge done.
    succeeded: (status) => (status >= 200 && status < 300) || status === 404,
  };
}

function fastly(endpoint: Extract<PurgeEndpoint, { kind: 'fastly' }>): EndpointProtocol {
  return {
    name: `fastly ${endpoint.serviceId}`,
    kind: 'fastly',
    batches: (keys) => splitKeys(keys, FASTLY_KEYS_PER_CALL, Number.MAX_SAFE_INTEGER),
    request: (keys, soft) => ({
      url: `${endpoint.apiUrl}/service/${encodeURIComponent(endpoint.serviceId)}/purge`,
      method: 'POST',
      headers: { 'Fastly-Key': endpoint.token, 'Surrogate-Key': keys.join(' '), Accept: 'application/json', ...(soft && { 'Fastly-Soft-Purge': '1' }) },
    }),
    succeeded: (status) => status >= 200 && status < 300,
  };
}

function cloudflare(endpoint: Extract<PurgeEndpoint, { kind: 'cloudflare' }>): EndpointProtocol {
  return {
    name: `cloudflare ${endpoint.zoneId}`,
    kind: 'cloudflare',
    batches: (keys) => splitKeys(keys, CLOUDFLARE_TAGS_PER_CALL, Number.MAX_SAFE_INTEGER),
    request: (keys) => ({
      url: `${endpoint.apiUrl}/client/v4/zones/${encodeURIComponent(endpoint.zoneId)}/purge_cache`,
      method: 'POST',
      headers: { Authorization: `Bearer ${endpoint.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ tags: keys }),
    }),
    // The API answers {"success": true, …}; a 200 saying otherwise did not purge.
    succeeded: (status, body) => {
      if (status < 200 || status >= 300) return false;
      try {
        return (JSON.parse(body) as { success?: unknown }).success !== false;
      } catch {
        return true;
      }
    },
  };
}

export function protocolFor(endpoint: PurgeEndpoint): EndpointProtocol {
  switch (endpoint.kind) {
    case 'varnish':
      return varnish(endpoint);
    case 'fastly':
      return fastly(endpoint);
    case 'cloudflare':
      return cloudflare(endpoint);
  }
}
