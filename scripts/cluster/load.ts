/**
 * A steady request load through the cache: a few concurrent loops of GETs,
 * each answer counted; anything but a 200 (or no answer within 5 s) is a
 * failure, kept with its URL, status and time. Counters can be read at any
 * moment, so each check reports what happened during its own window.
 */
import http from 'node:http';
import { sleep } from '../../bench/procs';

export interface Failure {
  url: string;
  /** The status, or the error when there was no answer. */
  what: string;
  atMs: number;
}

export interface LoadCounts {
  requests: number;
  failures: number;
  /** Answers with X-Cache: MISS (they went to a replica). */
  misses: number;
}

export interface LoadOptions {
  /** The next URL to ask (a path), called once per request. */
  nextPath: () => string;
  workers: number;
  /** Pause after each answer, so the load stays steady and leaves CPU to the replicas. */
  pauseMs: number;
  headers?: Record<string, string>;
}

export class SteadyLoad {
  readonly failures: Failure[] = [];
  /** The largest Age seen per path (how long past its fetch a copy was still served). */
  readonly maxAgeByPath = new Map<string, number>();
  private counts: LoadCounts = { requests: 0, failures: 0, misses: 0 };
  private running = true;
  private readonly agent: http.Agent;
  private readonly loops: Promise<void>[];
  private readonly started = performance.now();

  constructor(
    private readonly base: string,
    private readonly options: LoadOptions,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.workers });
    this.loops = Array.from({ length: options.workers }, () => this.loop());
  }

  /** Counts so far (a copy). */
  snapshot(): LoadCounts {
    return { ...this.counts };
  }

  /** Failures since a snapshot's time, for a report. */
  failuresSince(sinceMs: number): Failure[] {
    return this.failures.filter((f) => f.atMs >= sinceMs);
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.agent.destroy();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const pathname = this.options.nextPath();
      const result = await this.get(pathname);
      this.counts.requests += 1;
      if (result.status !== 200) {
        this.counts.failures += 1;
        this.failures.push({ url: pathname, what: result.status === 0 ? result.error : String(result.status), atMs: this.elapsedMs() });
      } else {
        if (result.cache === 'MISS') this.counts.misses += 1;
        if (result.age > (this.maxAgeByPath.get(pathname) ?? -1)) this.maxAgeByPath.set(pathname, result.age);
      }
      if (this.options.pauseMs > 0) await sleep(this.options.pauseMs);
    }
  }

  private get(pathname: string): Promise<{ status: number; error: string; cache: string; age: number }> {
    return new Promise((resolve) => {
      const req = http.get(`${this.base}${pathname}`, { agent: this.agent, headers: this.options.headers ?? {}, timeout: 5_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, error: '', cache: String(res.headers['x-cache'] ?? ''), age: Number(res.headers.age ?? 0) }));
        res.on('error', (error) => resolve({ status: 0, error: error.message, cache: '', age: 0 }));
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
      req.on('error', (error) => resolve({ status: 0, error: error.message, cache: '', age: 0 }));
    });
  }
}

/** Paths in turn, forever. */
export function roundRobin(paths: readonly string[]): () => string {
  let next = 0;
  return () => paths[next++ % paths.length] as string;
}
