/**
 * Metrics: every request is counted by route and status, page-cache hits
 * (answered before Express) included; the page cache, catalog and reloads
 * are exported; the endpoint lives on its own server and nowhere on the site.
 */
import request from 'supertest';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { LATENCY_BUCKETS, routeLabel, SiteMetrics } from '../../src/http/metrics';
import { createMetricsServer } from '../../src/http/metrics-server';
import { createLogger } from '../../src/log';
import { baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';
import { liveSiteFor } from '../helpers/live-site';

afterAll(removeDataDirs);

/** The value of one series in Prometheus text format, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('request metrics', () => {
  test('a miss and a hit of the same page are both counted, with the page cache counters', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    await request(site.app).get('/articles/first-story').expect(200); // rendered: pass (a miss)
    await request(site.app).get('/articles/first-story').expect(200); // answered by the front layer: hit
    await request(site.app).get('/no/such-page').expect(404);
    await request(site.app).get('/no-such-page').expect(404); // one segment: the static pages' route, which answers 404
    await request(site.app).post('/articles/first-story').expect(405);
    const text = await site.metrics.text();
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="GET",status="200",cache="pass"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="GET",status="200",cache="hit"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="other",method="GET",status="404",cache="pass"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="page",method="GET",status="404",cache="pass"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="other",status="405",cache="pass"}')).toBe(1);
    expect(sample(text, 'newsreel_http_request_duration_seconds_count{route="article",cache="hit"}')).toBe(1);
    expect(sample(text, 'newsreel_page_cache_hits_total')).toBe(1);
    expect(sample(text, 'newsreel_page_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'newsreel_page_cache_entries')).toBe(1);
    expect(sample(text, 'newsreel_page_cache_bytes')).toBeGreaterThan(0);
  });

  test('catalog size and version, problems and the last reload are exported', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords(), { 'articles/broken.json': '{' }));
    let text = await site.metrics.text();
    expect(sample(text, 'newsreel_catalog_articles')).toBe(3);
    expect(sample(text, 'newsreel_catalog_authors')).toBe(2);
    expect(sample(text, 'newsreel_catalog_sources')).toBe(2);
    expect(sample(text, 'newsreel_content_problems')).toBe(1);
    expect(sample(text, `newsreel_catalog_info{version="${site.live.store.current().version}"}`)).toBe(1);
    expect(sample(text, 'newsreel_content_last_reload_success')).toBe(1);
    await site.live.reload('signal');
    text = await site.metrics.text();
    expect(sample(text, 'newsreel_content_reloads_total{result="ok",trigger="signal"}')).toBe(1);
    expect(sample(text, `newsreel_catalog_info{version="${site.live.store.current().version}"}`)).toBe(1);
    expect(text.match(/^newsreel_catalog_info\{/gm)).toHaveLength(1); // the old version's series is gone
    expect(sample(text, 'newsreel_content_last_reload_timestamp_seconds')).toBeGreaterThan(0);
  });

  test('a request with a body is refused with 413 and counted', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    const res = await request(site.app).get('/').set('Content-Type', 'text/plain').send('x'.repeat(100));
    expect(res.status).toBe(413);
    expect(sample(await site.metrics.text(), 'newsreel_http_requests_total{route="home",method="GET",status="413",cache="pass"}')).toBe(1);
  });

  test('a POST with a small body is a 405, counted as one', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    const res = await request(site.app).post('/articles/first-story').set('Content-Type', 'application/x-www-form-urlencoded').send('a=1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(sample(await site.metrics.text(), 'newsreel_http_requests_total{route="article",method="other",status="405",cache="pass"}')).toBe(1);
  });

  test('responsive image variants (/img/) are counted as image-variant, originals (/images/) as image', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    await request(site.app).get('/img/0000000000000000-64.jpg').expect(404);
    await request(site.app).get('/images/pic.jpg').expect(200);
    const text = await site.metrics.text();
    expect(sample(text, 'newsreel_http_requests_total{route="image-variant",method="GET",status="404",cache="pass"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="image",method="GET",status="200",cache="pass"}')).toBe(1);
    expect(text).not.toContain('route="other"');
  });

  test('a redirect to the canonical form is counted under its route', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    await request(site.app).get('/articles/first-story/').expect(301);
    expect(sample(await site.metrics.text(), 'newsreel_http_requests_total{route="article",method="GET",status="301",cache="pass"}')).toBe(1);
  });

  test('the site does not serve /metrics', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    const res = await request(site.app).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('newsreel_http_requests_total');
  });
});

describe('the metrics server', () => {
  test('serves GET /metrics in Prometheus text format and nothing else', async () => {
    const site = await liveSiteFor(await writeDataDir(baseRecords()));
    const server = createMetricsServer(site.metrics, createLogger('silent'));
    const base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
    try {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(await res.text()).toContain('# TYPE newsreel_http_requests_total counter');
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      closeNow(server);
    }
  });
});

describe('route labels come from a fixed set', () => {
  test.each([
    ['/', 'home'],
    ['/?page=2', 'home'],
    ['/page/2', 'home-page-alias'],
    ['/articles/first-story', 'article'],
    ['/articles/first-story/extra', 'other'],
    ['/authors/ada-lane', 'author'],
    ['/authors/ada-lane/feed.xml', 'author-feed'],
    ['/sources/wire/atom.xml', 'source-feed'],
    ['/tags/x/feed.json', 'tag-feed'],
    ['/sections/world', 'section'],
    ['/search?q=a', 'search'],
    ['/feed.xml', 'feed'],
    ['/sitemap.xml', 'sitemap'],
    ['/sitemaps/articles-1.xml', 'sitemap'],
    ['/robots.txt', 'robots'],
    ['/static/site.abc.css', 'static'],
    ['/images/pic.jpg', 'image'],
    ['/healthz', 'healthz'],
    ['/readyz', 'readyz'],
    ['/about', 'page'],
    ['/about/', 'page'],
    ['/about/more', 'other'],
    ['/wp-admin/setup.php', 'other'],
    // Any one segment no other route takes is the static pages' /:slug (which answers 404 for a page nobody wrote).
    ['/%3Cscript%3E', 'page'],
    ['/static', 'page'],
  ])('%s is %s', (url, label) => {
    expect(routeLabel(url)).toBe(label);
  });
});

/** The first routeLabel, which split the path: the one in metrics.ts scans it in place and must agree. */
function routeLabelBySplitting(url: string): string {
  const FEED_FILE = /^(feed\.xml|atom\.xml|feed\.json)$/;
  const pathname = url.split('?', 1)[0] ?? '';
  const parts = pathname.split('/').filter((part) => part !== '');
  const [first, second, third] = parts;
  if (parts.length === 0) return 'home';
  // One segment that no route of its own claims: the static pages' /:slug.
  const ONE_SEGMENT_ROUTES = new Set(['search', 'sitemap.xml', 'robots.txt', 'favicon.ico', 'healthz', 'readyz']);
  if (parts.length === 1 && first !== undefined && !ONE_SEGMENT_ROUTES.has(first) && !FEED_FILE.test(first)) return 'page';
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

test('routeLabel agrees with splitting the path, for every combination of segments', () => {
  const segments = ['', 'articles', 'authors', 'sources', 'tags', 'sections', 'page', 'search', 'sitemap.xml', 'sitemaps', 'robots.txt', 'static', 'favicon.ico', 'images', 'healthz', 'readyz', 'feed.xml', 'atom.xml', 'feed.json', 'x', 'feed.xmlx', '?q=1', 'a?b/c'];
  let checked = 0;
  const disagreements: string[] = [];
  for (const a of segments) {
    for (const b of segments) {
      for (const c of segments) {
        for (const tail of ['', '/', '/d', '//', '?page=2', '/d/e', '/?x=/y/z']) {
          for (const url of [`/${a}/${b}/${c}${tail}`, `/${a}/${b}${tail}`, `/${a}${tail}`, `${a}/${b}`, `//${a}//${b}`]) {
            if (routeLabel(url) !== routeLabelBySplitting(url)) disagreements.push(url);
            checked += 1;
          }
        }
      }
    }
  }
  expect(disagreements).toEqual([]);
  expect(checked).toBeGreaterThan(50_000);
});

describe('request metrics are counted in plain numbers and read when scraped', () => {
  test('latency buckets, sum and count, by route and cache outcome; statuses by method', async () => {
    const store = new CatalogStore(await loadContent(await writeDataDir(baseRecords()), { now: NOW }), () => NOW);
    const metrics = new SiteMetrics({ store });
    const seconds = [0.0001, 0.0005, 0.0007, 0.003, 0.2, 7];
    for (const s of seconds) metrics.observe('GET', '/articles/a', 200, s, 'hit');
    metrics.observe('HEAD', '/articles/a?x=1', 304, 0.002, 'hit');
    metrics.observe('DELETE', '/articles/a', 405, 0.001, 'pass');
    metrics.observe('GET', '/articles/a', 'aborted', 0.04, 'pass');
    let text = await metrics.text();
    const series = (le: string) => sample(text, `newsreel_http_request_duration_seconds_bucket{le="${le}",route="article",cache="hit"}`);
    const all = [...seconds, 0.002];
    for (const bound of LATENCY_BUCKETS) expect([bound, series(String(bound))]).toEqual([bound, all.filter((s) => s <= bound).length]);
    expect(series('+Inf')).toBe(7);
    expect(sample(text, 'newsreel_http_request_duration_seconds_count{route="article",cache="hit"}')).toBe(7);
    expect(sample(text, 'newsreel_http_request_duration_seconds_sum{route="article",cache="hit"}')).toBeCloseTo(all.reduce((a, b) => a + b, 0), 9);
    expect(sample(text, 'newsreel_http_request_duration_seconds_count{route="article",cache="pass"}')).toBe(2);
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="GET",status="200",cache="hit"}')).toBe(6);
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="HEAD",status="304",cache="hit"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="other",status="405",cache="pass"}')).toBe(1);
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="GET",status="aborted",cache="pass"}')).toBe(1);
    expect(text).toContain('# TYPE newsreel_http_request_duration_seconds histogram');
    // Counts go on from where they were: a second scrape after more requests.
    metrics.observe('GET', '/articles/b', 200, 0.0001, 'hit');
    text = await metrics.text();
    expect(sample(text, 'newsreel_http_requests_total{route="article",method="GET",status="200",cache="hit"}')).toBe(7);
    expect(series('0.0005')).toBe(3);
    expect(sample(text, 'newsreel_http_requests_total{route="home",method="GET",status="200",cache="hit"}')).toBeUndefined();
    const json = await metrics.registry.getMetricsAsJSON();
    expect(json.find((m) => m.name === 'newsreel_http_request_duration_seconds')?.values.length).toBeGreaterThan(0);
  });
});
