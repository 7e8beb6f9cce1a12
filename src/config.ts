/**
 * Configuration from the environment, read once at start. Every variable is
 * documented in README.md ("Configuration"); bad values stop the start with
 * a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';
import { HTML_CACHE_CONTROL } from './routes/cache-policy';

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

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  const baseUrl = env.BASE_URL?.trim();
  if (baseUrl && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(baseUrl)) throw new ConfigError(`BASE_URL must be an absolute http(s) URL, got "${baseUrl}"`);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const pageCacheMb = Number(env.PAGE_CACHE_MB ?? 64);
  if (!Number.isFinite(pageCacheMb) || pageCacheMb < 0) throw new ConfigError(`PAGE_CACHE_MB must be a number of megabytes (0 turns the cache off), got "${env.PAGE_CACHE_MB}"`);
  const htmlCacheControl = env.HTML_CACHE_CONTROL?.trim() || HTML_CACHE_CONTROL;
  if (/[\r\n]/.test(htmlCacheControl)) throw new ConfigError('HTML_CACHE_CONTROL must be one line');
  const metricsPort = env.METRICS_PORT?.trim() ? integerVariable(env, 'METRICS_PORT', 0, 0, 65535, 'a port number') : undefined;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    ...(baseUrl && { baseUrl: baseUrl.replace(/\/+$/, '') }),
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
  };
}
