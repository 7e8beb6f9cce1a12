/**
 * Sends purges to every endpoint of PURGE_URLS, off the request path: purge()
 * only queues keys and returns. Each endpoint has its own lane, so a slow or
 * failing one never holds the others back. While a lane is sending, keys
 * that arrive wait and are sent together after it (coalesced: a burst of
 * reloads is one purge, not one per reload). A call that fails (network
 * error, timeout, 5xx, 429) is retried with exponential backoff up to a cap;
 * a refusal (other 4xx: a wrong token, an ACL) is not retried. Every send,
 * retry and failure is logged and counted. On shutdown, close() gives
 * in-flight purges a short time, then abandons them (the cache's TTL still
 * bounds how long a missed purge can leave a page stale).
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PurgeEndpoint } from '../config';
import type { Logger } from '../log';
import { protocolFor, type EndpointProtocol } from './endpoints';

export interface RetryPolicy {
  /** Wait before the first retry; doubled for each next one. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Tries in all, the first included. */
  attempts: number;
}

/** 0.5 s, 1, 2, 4, 8, 16, 30, 30: eight tries over about a minute and a half. */
export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, attempts: 8 };
/** One purge call may take this long before it counts as failed (and is retried). */
const CALL_TIMEOUT_MS = 10_000;

export interface PurgerOptions {
  endpoints: readonly PurgeEndpoint[];
  soft: boolean;
  logger: Logger;
  /** Where the purge metrics are registered (the site's /metrics registry). */
  registry?: Registry;
  retry?: RetryPolicy;
}

class Lane {
  private readonly pending = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(
    readonly protocol: EndpointProtocol,
    private readonly send: (protocol: EndpointProtocol, keys: string[]) => Promise<void>,
  ) {}

  get waiting(): number {
    return this.pending.size;
  }

  add(keys: readonly string[]): void {
    for (const key of keys) this.pending.add(key);
    this.running ??= this.run();
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const keys = [...this.pending];
        this.pending.clear();
        for (const batch of this.protocol.batches(keys)) await this.send(this.protocol, batch);
      }
    } finally {
      this.running = undefined;
    }
  }
}

/** Why a call failed, and whether trying again may help. */
class CallFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export class Purger {
  private readonly lanes: Lane[];
  private readonly retry: RetryPolicy;
  private readonly abort = new AbortController();
  private readonly sent: Counter<'endpoint'>;
  private readonly failed: Counter<'endpoint'>;
  private readonly retried: Counter<'endpoint'>;
  private readonly keysPurged: Counter<'endpoint'>;

  constructor(private readonly options: PurgerOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.lanes = options.endpoints.map((endpoint) => new Lane(protocolFor(endpoint), (protocol, keys) => this.sendWithRetry(protocol, keys)));
    const registers = options.registry ? [options.registry] : [];
    const labelNames = ['endpoint'] as const;
    this.sent = new Counter({ name: 'newsreel_purges_sent_total', help: 'Purge calls a cache in front accepted, by endpoint kind (varnish, fastly, cloudflare)', labelNames, registers });
    this.failed = new Counter({ name: 'newsreel_purges_failed_total', help: 'Purge calls given up on (refused, or still failing after every retry), by endpoint kind', labelNames, registers });
    this.retried = new Counter({ name: 'newsreel_purge_retries_total', help: 'Purge calls tried again after a failure, by endpoint kind', labelNames, registers });
    this.keysPurged = new Counter({ name: 'newsreel_purge_keys_total', help: 'Surrogate keys in accepted purge calls, by endpoint kind', labelNames, registers });
    const lanes = this.lanes;
    new Gauge({
      name: 'newsreel_purge_queued_keys',
      help: 'Keys waiting to be sent while an earlier purge to the same endpoint is in flight',
      registers,
      collect() {
        this.set(lanes.reduce((sum, lane) => sum + lane.waiting, 0));
      },
    });
  }

  /** Queues keys for every endpoint and returns at once. */
  purge(keys: readonly string[]): void {
    if (keys.length === 0 || this.abort.signal.aborted) return;
    for (const lane of this.lanes) lane.add(keys);
  }

  /** Resolves when every lane has sent what it holds (tests; shutdown through close()). */
  async settled(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.idle()));
  }

  /** Waits up to `graceMs` for purges in flight, then abandons the rest (logged). */
  async close(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const done = await Promise.race([this.settled().then(() => false), timedOut]);
    clearTimeout(timer);
    if (done) {
      const waiting = this.lanes.reduce((sum, lane) => sum + lane.waiting, 0);
      this.options.logger.warn({ graceMs, waitingKeys: waiting }, 'shutting down with purges still in flight; the cache keeps those pages until their TTL');
    }
    this.abort.abort();
    await this.settled();
  }

  private async sendWithRetry(protocol: EndpointProtocol, keys: string[]): Promise<void> {
    const { logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.call(protocol, keys);
        this.sent.inc({ endpoint: protocol.kind });
        this.keysPurged.inc({ endpoint: protocol.kind }, keys.length);
        logger.info({ endpoint: protocol.name, keys: keys.length, attempt }, 'purge sent');
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const retryable = !(error instanceof CallFailed) || error.retryable;
        if (!retryable || attempt >= this.retry.attempts || this.abort.signal.aborted) {
          this.failed.inc({ endpoint: protocol.kind });
          logger.error({ endpoint: protocol.name, keys: keys.length, attempts: attempt, reason, sample: keys.slice(0, 10) }, 'purge failed; those pages stay cached until their TTL');
          return;
        }
        const delayMs = Math.min(this.retry.firstDelayMs * 2 ** (attempt - 1), this.retry.maxDelayMs);
        this.retried.inc({ endpoint: protocol.kind });
        logger.warn({ endpoint: protocol.name, keys: keys.length, attempt, reason, retryInMs: delayMs }, 'purge failed; retrying');
        await this.sleep(delayMs);
      }
    }
  }

  private async call(protocol: EndpointProtocol, keys: string[]): Promise<void> {
    const request = protocol.request(keys, this.options.soft);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined && { body: request.body }),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(CALL_TIMEOUT_MS)]),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new CallFailed(`${(error as Error).message}${cause ? ` (${cause})` : ''}`, true);
    }
    const body = await response.text().catch(() => '');
    if (protocol.succeeded(response.status, body)) return;
    const retryable = response.status >= 500 || response.status === 429 || (response.status >= 200 && response.status < 300);
    throw new CallFailed(`${protocol.kind} answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`, retryable);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.abort.signal;
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
