/**
 * Load with wrk (`wrk -t1 -c50 -d<secs>s --latency -H 'Accept-Encoding: gzip' URL`)
 * and the numbers parsed from its report: req/s, p50 and p99 latency.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { track } from './procs';

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors and non-2xx/3xx answers together. */
  errors: number;
  /** Server CPU time (user + system) per request in µs, when the server's pid was given. */
  cpuUsPerRequest?: number;
}

export interface LoadOptions {
  durationSec: number;
  connections?: number;
  threads?: number;
  headers?: Record<string, string>;
}

export const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p));

function toMs(value: string, unit: string): number {
  const n = Number(value);
  switch (unit) {
    case 'us':
      return n / 1000;
    case 'ms':
      return n;
    case 's':
      return n * 1000;
    case 'm':
      return n * 60_000;
    default:
      throw new Error(`unknown wrk time unit "${unit}"`);
  }
}

/** Parses wrk's --latency report. */
export function parseWrk(output: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p50 = /^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(output);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(output);
  const total = /(\d+) requests in/.exec(output);
  if (!rps || !p50 || !p99 || !total) throw new Error(`cannot parse wrk output:\n${output}`);
  let errors = 0;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  if (socket) errors += socket.slice(1).reduce((sum, n) => sum + Number(n), 0);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (non2xx) errors += Number(non2xx[1]);
  return {
    rps: Number(rps[1]),
    p50Ms: toMs(p50[1] as string, p50[2] as string),
    p99Ms: toMs(p99[1] as string, p99[2] as string),
    requests: Number(total[1]),
    errors,
  };
}

export function runWrk(url: string, options: LoadOptions): Promise<LoadResult> {
  if (!WRK) throw new Error('wrk is not installed (apt-get install -y wrk)');
  const headers = { 'Accept-Encoding': 'gzip', ...options.headers };
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections ?? 50}`,
    `-d${Math.max(1, Math.round(options.durationSec))}s`,
    '--timeout',
    '10s',
    '--latency',
    ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = execFile(WRK as string, args, { timeout: (options.durationSec + 60) * 1000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`));
      try {
        resolve(parseWrk(stdout));
      } catch (parseError) {
        reject(parseError);
      }
    });
    track(child);
  });
}

/** Warm-up: a short wrk run (thousands of requests) so JIT and caches are warm before measuring. */
export async function warmUp(url: string, seconds = 1): Promise<void> {
  await runWrk(url, { durationSec: seconds, connections: 10 });
}
