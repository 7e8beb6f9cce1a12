/**
 * Configuration from the environment, read once at start. Every variable is
 * documented in README.md ("Configuration"); bad values stop the start with
 * a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';
import { HTML_CACHE_CONTROL } from './routes/cache-policy';
import { PREVIEW_SECRET_MIN_LENGTH } from './routes/preview-signature';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Overrides site.json's baseUrl, for absolute URLs (canonical links, feeds). */
  baseUrl?: string;
  nodeEnv: string;
  logLevel: string;
  /** Send Strict-Transport-Security: only when the site is served over HTTPS. */
  hsts: boolean;
  /** Bytes of rendered pages kept in memory (PAGE_CACHE_MB); 0 turns the page cache off. */
  pageCacheBytes: number;
  /** Cache-Control sent with HTML pages. */
  htmlCacheControl: string;
  /** Watch DATA_DIR and reload on change (WATCH, on unless "0"/"false"). */
  watch: boolean;
  /** Quiet time after the last change in DATA_DIR before a reload (WATCH_DEBOUNCE_MS). */
  watchDebounceMs: number;
  /** Port of the Prometheus /metrics endpoint on HOST (METRICS_PORT); undefined = no metrics endpoint. */
  metricsPort?: number;
  /** Longest wait for requests in flight on SIGTERM/SIGINT before connections are cut (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** How long an idle keep-alive connection is kept (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Where responsive image variants are written (IMAGE_CACHE_DIR; default under the OS temp folder, so a read-only app folder works). */
  imageCacheDir: string;
  /** Where the body store and catalog snapshot are kept between runs (CATALOG_CACHE_DIR); undefined = a private body store, every start reads every file. */
  catalogCacheDir?: string;
  /** Key of signed preview links (PREVIEW_SECRET); undefined = /preview/ is 404 and no link can be made. */
  previewSecret?: string;
  /** The header an answer's surrogate keys go in (CACHE_KEY_HEADER): xkey (Varnish), Surrogate-Key (Fastly) or Cache-Tag (Cloudflare). */
  cacheKeyHeader: CacheKeyHeaderName;
  /** Where purges go after every new catalog (PURGE_URLS); empty = no purging. */
  purgeEndpoints: PurgeEndpoint[];
  /** Soft purges (PURGE_SOFT=1): marked stale, served while refetched, where the cache can (Varnish xkey, Fastly). */
  purgeSoft: boolean;
}

/** The headers surrogate keys can be printed in, as each cache names it (docs/caching.md). */
export const CACHE_KEY_HEADER_NAMES = ['xkey', 'Surrogate-Key', 'Cache-Tag'] as const;
export type CacheKeyHeaderName = (typeof CACHE_KEY_HEADER_NAMES)[number];

/**
 * A place purges are sent to, from one PURGE_URLS entry:
 *   http(s)://host:port[/path]   a Varnish with the xkey vmod (PURGE with xkey-purge)
 *   fastly | fastly:<service id> Fastly's purge-by-key API (FASTLY_SERVICE_ID, FASTLY_API_TOKEN)
 *   cloudflare | cloudflare:<zone id>  Cloudflare's purge-by-tag API (CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN)
 */
export type PurgeEndpoint =
  | { kind: 'varnish'; url: string }
  | { kind: 'fastly'; serviceId: string; token: string; apiUrl: string }
  | { kind: 'cloudflare'; zoneId: string; token: string; apiUrl: string };

export const FASTLY_API_URL = 'https://api.fastly.com';
export const CLOUDFLARE_API_URL = 'https://api.cloudflare.com';

/** An API base URL from the environment (tests point it at a local server), else the service's own. */
function apiUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(raw)) throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function required(env: NodeJS.ProcessEnv, name: string, entry: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`PURGE_URLS entry "${entry}" needs ${name}`);
  return value;
}

/** An id written after "fastly:" or "cloudflare:", else the one in the environment. */
const SERVICE_ID = /^[A-Za-z0-9_-]+$/;

function purgeEndpoint(env: NodeJS.ProcessEnv, entry: string): PurgeEndpoint {
  const [scheme, id] = entry.includes(':') && !/^https?:/i.test(entry) ? [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)] : [entry, undefined];
  if (scheme === 'fastly' || scheme === 'cloudflare') {
    if (id !== undefined && !SERVICE_ID.test(id)) throw new ConfigError(`PURGE_URLS entry "${entry}": the ${scheme === 'fastly' ? 'service' : 'zone'} id must be letters, digits, "-" or "_"`);
    if (scheme === 'fastly') {
      return { kind: 'fastly', serviceId: id ?? required(env, 'FASTLY_SERVICE_ID', entry), token: required(env, 'FASTLY_API_TOKEN', entry), apiUrl: apiUrl(env, 'FASTLY_API_URL', FASTLY_API_URL) };
    }
    return { kind: 'cloudflare', zoneId: id ?? required(env, 'CLOUDFLARE_ZONE_ID', entry), token: required(env, 'CLOUDFLARE_API_TOKEN', entry), apiUrl: apiUrl(env, 'CLOUDFLARE_API_URL', CLOUDFLARE_API_URL) };
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ConfigError(`PURGE_URLS entry "${entry}" must be http(s)://host:port (a Varnish), fastly[:<service id>] or cloudflare[:<zone id>]`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`PURGE_URLS entry "${entry}" must be http(s)://host:port[/path] (a Varnish), fastly[:<service id>] or cloudflare[:<zone id>]`);
  }
  return { kind: 'varnish', url: url.href };
}

/** PURGE_URLS: comma-separated entries; blanks between commas are ignored. */
export function readPurgeEndpoints(env: NodeJS.ProcessEnv = process.env): PurgeEndpoint[] {
  return (env.PURGE_URLS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => purgeEndpoint(env, entry));
}

function cacheKeyHeader(env: NodeJS.ProcessEnv): CacheKeyHeaderName {
  const raw = env.CACHE_KEY_HEADER?.trim();
  if (!raw) return 'xkey';
  // Header names are case-insensitive: "surrogate-key" is Fastly's too.
  const name = CACHE_KEY_HEADER_NAMES.find((known) => known.toLowerCase() === raw.toLowerCase());
  if (!name) throw new ConfigError(`CACHE_KEY_HEADER must be one of ${CACHE_KEY_HEADER_NAMES.join(', ')}, got "${raw}"`);
  return name;
}

/** A whole number from the environment within [min, max], or the default when unset or empty. */
function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, meaning: string): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be ${meaning} (${min}-${max}), got "${raw}"`);
  return value;
}

export class ConfigError extends Error {}

/** "1"/"true"/"yes"/"on" is on, unset or "0"/"false"/"no"/"off" off; anything else is a mistake worth stopping for. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['', '0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${env[name]}"`);
}

/** IMAGE_CACHE_DIR, else a folder under the OS temp folder (writable in the read-only container). */
export function defaultImageCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.IMAGE_CACHE_DIR?.trim() || path.join(os.tmpdir(), 'newsreel-images'));
}

/** A site's public address (BASE_URL, or a command's --base named `name`): absolute http(s), no trailing slash; undefined when unset or blank. */
export function siteAddress(raw: string | undefined, name: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value)) throw new ConfigError(`${name} must be an absolute http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}

/**
 * PREVIEW_SECRET, when set: at least PREVIEW_SECRET_MIN_LENGTH characters, so
 * a guessable key cannot sign links. Unset or empty turns previews off. The
 * message never repeats the secret, only its length.
 */
export function readPreviewSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const secret = env.PREVIEW_SECRET;
  if (secret === undefined || secret === '') return undefined;
  if (secret.length < PREVIEW_SECRET_MIN_LENGTH) {
    throw new ConfigError(`PREVIEW_SECRET must be at least ${PREVIEW_SECRET_MIN_LENGTH} characters (try: openssl rand -hex 32), got ${secret.length}`);
  }
  return secret;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  const baseUrl = siteAddress(env.BASE_URL, 'BASE_URL');
  const nodeEnv = env.NODE_ENV ?? 'development';
  const pageCacheMb = Number(env.PAGE_CACHE_MB ?? 64);
  if (!Number.isFinite(pageCacheMb) || pageCacheMb < 0) throw new ConfigError(`PAGE_CACHE_MB must be a number of megabytes (0 turns the cache off), got "${env.PAGE_CACHE_MB}"`);
  const htmlCacheControl = env.HTML_CACHE_CONTROL?.trim() || HTML_CACHE_CONTROL;
  if (/[\r\n]/.test(htmlCacheControl)) throw new ConfigError('HTML_CACHE_CONTROL must be one line');
  const previewSecret = readPreviewSecret(env);
  const catalogCacheDir = env.CATALOG_CACHE_DIR?.trim();
  const metricsPort = env.METRICS_PORT?.trim() ? integerVariable(env, 'METRICS_PORT', 0, 0, 65535, 'a port number') : undefined;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    ...(baseUrl && { baseUrl }),
    nodeEnv,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    hsts: env.HSTS === '1' || env.HSTS === 'true',
    pageCacheBytes: Math.floor(pageCacheMb * 1024 * 1024),
    htmlCacheControl,
    watch: !['0', 'false', 'off', 'no'].includes((env.WATCH ?? '').trim().toLowerCase()),
    watchDebounceMs: integerVariable(env, 'WATCH_DEBOUNCE_MS', 250, 0, 60_000, 'milliseconds'),
    ...(metricsPort !== undefined && { metricsPort }),
    shutdownTimeoutMs: integerVariable(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, 'milliseconds'),
    keepAliveTimeoutMs: integerVariable(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 0, 600_000, 'milliseconds'),
    imageCacheDir: defaultImageCacheDir(env),
    ...(catalogCacheDir && { catalogCacheDir: path.resolve(catalogCacheDir) }),
    ...(previewSecret && { previewSecret }),
    cacheKeyHeader: cacheKeyHeader(env),
    purgeEndpoints: readPurgeEndpoints(env),
    purgeSoft: flag(env, 'PURGE_SOFT'),
  };
}
