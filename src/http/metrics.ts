/**
 * Prometheus metrics (prom-client) for one server: requests by route and
 * status, their latency, the page cache, the catalog and content reloads.
 * Each server gets its own Registry (never prom-client's global one), so tests
 * can build as many as they like. Gauges read their sources when scraped, so
 * nothing here runs between scrapes. Route labels come from the route table
 * (routeLabel), never from the raw URL, so a crawler cannot blow up the number
 * of series.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CatalogStore } from '../content/catalog';
import { compileLabelMatcher } from '../routes/label-matcher';
import type { RouteLabel } from '../routes/table';
import type { LiveContent, ReloadResult } from '../content/live';
import type { CacheOutcome, RequestObserver } from './front';
import type { PageCache } from './page-cache';

export interface MetricsSources {
  store: CatalogStore;
  pageCache?: PageCache;
  live?: LiveContent;
  /** Node process metrics (memory, CPU, event loop, GC): on in the server, off in tests. */
  processMetrics?: boolean;
}

/**
 * The route a URL belongs to, from a fixed set of names: the label of its
 * request metrics, as the route table (src/routes/table.ts) declares it, or
 * "other". Runs on every request, page-cache hits included: compiled once
 * (src/routes/label-matcher.ts), it looks at the path's segments in place.
 * Empty segments are skipped: `/articles//x` counts under article, though
 * Express, which does not merge slashes, answers it 404.
 */
export const routeLabel: (url: string) => RouteLabel = compileLabelMatcher();

/** Request methods are a closed set in the label too. */
const METHOD_LABELS = ['GET', 'HEAD', 'other'] as const;

function methodIndex(method: string | undefined): number {
  return method === 'GET' ? 0 : method === 'HEAD' ? 1 : 2;
}

/** Upper bounds of the latency histogram, in seconds. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/**
 * The requests of one (route, cache outcome), counted in plain numbers: per
 * method and status for the counter, per latency bucket for the histogram.
 */
class RequestCell {
  count = 0;
  sum = 0;
  /** Observations per bucket (not cumulative); ones above the last bound are only in `count`. */
  readonly buckets = new Float64Array(LATENCY_BUCKETS.length);
  /** Per method (METHOD_LABELS order): status (or 'aborted') → requests. */
  readonly statuses: Map<number | 'aborted', number>[] = METHOD_LABELS.map(() => new Map());

  constructor(
    readonly route: string,
    readonly cache: CacheOutcome,
  ) {}

  add(method: number, status: number | 'aborted', seconds: number): void {
    this.count += 1;
    this.sum += seconds;
    for (let i = 0; i < LATENCY_BUCKETS.length; i += 1) {
      if (seconds <= (LATENCY_BUCKETS[i] as number)) {
        (this.buckets[i] as number) += 1;
        break;
      }
    }
    const statuses = this.statuses[method] as Map<number | 'aborted', number>;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}

const DURATION_NAME = 'newsreel_http_request_duration_seconds';

/** One (route, cache) cell as Prometheus histogram lines: cumulative buckets, +Inf, sum and count. */
function histogramValues(cell: RequestCell): { metricName: string; labels: Record<string, string | number>; value: number }[] {
  const labels = { route: cell.route, cache: cell.cache };
  let cumulative = 0;
  const buckets = LATENCY_BUCKETS.map((le, i) => {
    cumulative += cell.buckets[i] as number;
    return { metricName: `${DURATION_NAME}_bucket`, labels: { le, ...labels }, value: cumulative };
  });
  return [
    ...buckets,
    { metricName: `${DURATION_NAME}_bucket`, labels: { le: '+Inf', ...labels }, value: cell.count },
    { metricName: `${DURATION_NAME}_sum`, labels, value: cell.sum },
    { metricName: `${DURATION_NAME}_count`, labels, value: cell.count },
  ];
}

export class SiteMetrics implements RequestObserver {
  readonly registry = new Registry();
  private readonly reloads: Counter<'result' | 'trigger'>;
  /**
   * Request counts and latencies by route, then hit/pass. Every request adds
   * to plain numbers here; the counter and histogram below read them when
   * scraped, so no prom-client label lookup runs per request.
   */
  private readonly cells = new Map<string, { hit: RequestCell; pass: RequestCell }>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    const { store, pageCache, live } = sources;
    if (sources.processMetrics) collectDefaultMetrics({ register: this.registry });

    const cells = () => [...this.cells.values()].flatMap(({ hit, pass }) => [hit, pass]).filter((cell) => cell.count > 0);
    new Counter({
      name: 'newsreel_http_requests_total',
      help: 'HTTP requests answered, by route, method, status (or "aborted") and page cache outcome',
      labelNames: ['route', 'method', 'status', 'cache'],
      registers,
      collect() {
        this.reset();
        for (const cell of cells()) {
          cell.statuses.forEach((statuses, method) => {
            for (const [status, n] of statuses) this.inc({ route: cell.route, method: METHOD_LABELS[method], status: String(status), cache: cell.cache }, n);
          });
        }
      },
    });
    // The latency histogram is read from the cells when scraped. prom-client's
    // Histogram has no public way to set a series, so this is a metric of our
    // own: the registry only asks a metric for get() (its public
    // MetricObjectWithValues form, the one prom-client's aggregation uses too).
    const durationHelp = 'Time from request to the last byte handed to the socket, by route and page cache outcome';
    const duration = {
      name: DURATION_NAME,
      help: durationHelp,
      type: 'histogram',
      aggregator: 'sum',
      get: async () => ({ name: DURATION_NAME, help: durationHelp, type: 'histogram', aggregator: 'sum', values: cells().flatMap(histogramValues) }),
      reset: () => this.cells.clear(),
    };
    this.registry.registerMetric(duration as unknown as Histogram);

    if (pageCache) {
      // Counters mirror PageCache's own monotonic counts when scraped.
      const mirror = (name: string, help: string, read: () => number) =>
        new Counter({
          name,
          help,
          registers,
          collect() {
            this.reset();
            this.inc(read());
          },
        });
      mirror('newsreel_page_cache_hits_total', 'Page requests answered from the page cache', () => pageCache.stats().hits);
      mirror('newsreel_page_cache_misses_total', 'Page cache lookups that found nothing (the page is rendered)', () => pageCache.stats().misses);
      mirror('newsreel_page_cache_evictions_total', 'Pages dropped to stay within the byte budget', () => pageCache.stats().evictions);
      new Gauge({ name: 'newsreel_page_cache_bytes', help: 'Bytes held by the page cache (HTML, gzip and brotli forms)', registers, collect() { this.set(pageCache.stats().bytes); } });
      new Gauge({ name: 'newsreel_page_cache_max_bytes', help: 'Byte budget of the page cache (PAGE_CACHE_MB)', registers, collect() { this.set(pageCache.maxBytes); } });
      new Gauge({ name: 'newsreel_page_cache_entries', help: 'Pages held by the page cache', registers, collect() { this.set(pageCache.stats().entries); } });
    }

    const catalogGauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers, collect() { this.set(read()); } });
    catalogGauge('newsreel_catalog_articles', 'Articles readers can see now', () => store.current().articles.length);
    catalogGauge('newsreel_catalog_authors', 'Authors in the catalog', () => store.current().authors.size);
    catalogGauge('newsreel_catalog_sources', 'Sources in the catalog', () => store.current().sources.size);
    catalogGauge('newsreel_content_problems', 'Content problems found by the last load (records skipped or served as their last good version)', () => store.current().content.problems.length);
    new Gauge({
      name: 'newsreel_catalog_info',
      help: 'The catalog being served: always 1, its version in the label',
      labelNames: ['version'],
      registers,
      collect() {
        this.reset();
        this.set({ version: store.current().version }, 1);
      },
    });

    this.reloads = new Counter({ name: 'newsreel_content_reloads_total', help: 'Content reloads, by result (ok, failed) and trigger (watch, signal, manual)', labelNames: ['result', 'trigger'], registers });
    if (live) {
      const lastResult = () => live.lastReload;
      new Gauge({ name: 'newsreel_content_last_reload_success', help: '1 if the last content load or reload succeeded, 0 if it failed', registers, collect() { this.set(lastResult().ok ? 1 : 0); } });
      new Gauge({ name: 'newsreel_content_last_reload_timestamp_seconds', help: 'When the last content load or reload finished (Unix time)', registers, collect() { this.set(lastResult().at.getTime() / 1000); } });
      new Gauge({ name: 'newsreel_content_serving_last_good', help: 'Files whose current version fails and whose last good version is served', registers, collect() { this.set(lastResult().servingLastGood.length); } });
      live.listeners.push((result) => this.countReload(result));
    }
  }

  countReload(result: ReloadResult): void {
    this.reloads.inc({ result: result.ok ? 'ok' : 'failed', trigger: result.trigger });
  }

  observe(method: string | undefined, url: string, status: number | 'aborted', seconds: number, cache: CacheOutcome): void {
    const route = routeLabel(url);
    let byCache = this.cells.get(route);
    if (!byCache) {
      byCache = { hit: new RequestCell(route, 'hit'), pass: new RequestCell(route, 'pass') };
      this.cells.set(route, byCache);
    }
    (cache === 'hit' ? byCache.hit : byCache.pass).add(methodIndex(method), status, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
