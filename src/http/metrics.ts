/**
 * Prometheus metrics (prom-client) for one server: requests by route and
 * status, their latency, the page cache, the catalog and content reloads.
 * Each server gets its own Registry (never prom-client's global one), so tests
 * can build as many as they like. Gauges read their sources when scraped, so
 * nothing here runs between scrapes. Route labels come from a fixed list
 * (routeLabel), never from the raw URL, so a crawler cannot blow up the number
 * of series.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CatalogStore } from '../content/catalog';
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

const FEED_FILE = /^(feed\.xml|atom\.xml|feed\.json)$/;

/** The route a URL belongs to, from a fixed set of names: the label of its request metrics. */
export function routeLabel(url: string): string {
  const pathname = url.split('?', 1)[0] ?? '';
  const parts = pathname.split('/').filter((part) => part !== '');
  const [first, second, third] = parts;
  if (parts.length === 0) return 'home';
  switch (first) {
    case 'articles':
      return parts.length === 2 ? 'article' : 'other';
    case 'authors':
    case 'sources':
    case 'tags': {
      const kind = first.slice(0, -1);
      if (parts.length === 2) return kind;
      return parts.length === 3 && third !== undefined && FEED_FILE.test(third) ? `${kind}-feed` : 'other';
    }
    case 'sections':
      return parts.length === 2 ? 'section' : 'other';
    case 'page':
      return 'home-page-alias';
    case 'search':
      return parts.length === 1 ? 'search' : 'other';
    case 'sitemap.xml':
    case 'sitemaps':
      return 'sitemap';
    case 'robots.txt':
      return 'robots';
    case 'static':
    case 'favicon.ico':
      return 'static';
    case 'images':
      return 'image';
    case 'healthz':
      return 'healthz';
    case 'readyz':
      return 'readyz';
    default:
      return second === undefined && first !== undefined && FEED_FILE.test(first) ? 'feed' : 'other';
  }
}

/** Request methods are a closed set in the label too. */
function methodLabel(method: string | undefined): string {
  return method === 'GET' || method === 'HEAD' ? method : 'other';
}

export class SiteMetrics implements RequestObserver {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status' | 'cache'>;
  private readonly latency: Histogram<'route' | 'cache'>;
  private readonly reloads: Counter<'result' | 'trigger'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    const { store, pageCache, live } = sources;
    if (sources.processMetrics) collectDefaultMetrics({ register: this.registry });

    this.requests = new Counter({
      name: 'newsreel_http_requests_total',
      help: 'HTTP requests answered, by route, method, status (or "aborted") and page cache outcome',
      labelNames: ['route', 'method', 'status', 'cache'],
      registers,
    });
    this.latency = new Histogram({
      name: 'newsreel_http_request_duration_seconds',
      help: 'Time from request to the last byte handed to the socket, by route and page cache outcome',
      labelNames: ['route', 'cache'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });

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
    this.requests.inc({ route, method: methodLabel(method), status: String(status), cache });
    this.latency.observe({ route, cache }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
