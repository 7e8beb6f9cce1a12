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
  /** Key of signed preview links (PREVIEW_SECRET); undefined = /preview/ is 404 and no link can be made. */
  previewSecret?: string;
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
    ...(previewSecret && { previewSecret }),
  };
}
