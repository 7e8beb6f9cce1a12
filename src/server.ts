/**
 * Entry point: read config, load and check the content, start HTTP (and the
 * metrics port when asked), keep the content live (folder watcher, SIGHUP),
 * and shut down cleanly on SIGTERM/SIGINT. Content problems are logged with
 * file and field; the site starts with every valid record.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CatalogStore } from './content/catalog';
import { LiveContent } from './content/live';
import { keepSearchIndexed } from './search/index';
import { ContentLoadError } from './content/load';
import { readConfig, type Config } from './config';
import { createApp } from './http/app';
import { createFrontHandler } from './http/front';
import { SiteMetrics } from './http/metrics';
import { createMetricsServer } from './http/metrics-server';
import { PageCache } from './http/page-cache';
import { shutdownServers, type ShutdownResult } from './http/shutdown';
import { createLogger, type Logger } from './log';
import { LocaleFileError, localeWarnings, shippedLocales } from './text/locale';
import { purgeOnCatalogChange } from './purge/follow';
import { Purger } from './purge/purger';

/** How long in-flight purges get on shutdown before they are abandoned (the cache's TTL bounds the rest). */
const PURGE_GRACE_MS = 2_000;

/**
 * Connection limits. headersTimeout bounds a slow sender of headers
 * (slowloris); requestTimeout bounds a whole request, body included;
 * connectionsCheckingInterval is how often Node enforces both (its default,
 * 30 s, would let a slow client hold a socket three times past the limit).
 * maxHeaderSize is Node's default, written down: a request whose headers are
 * larger gets 431. keepAliveTimeout is configurable (KEEP_ALIVE_TIMEOUT_MS):
 * behind a load balancer it should exceed the balancer's idle timeout.
 */
export const SERVER_LIMITS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
  maxHeaderSize: 16 * 1024,
} as const;

export interface RunningSite {
  server: Server;
  port: number;
  /** The metrics server, when METRICS_PORT is set. */
  metricsServer?: Server;
  metricsPort?: number;
  store: CatalogStore;
  live: LiveContent;
  metrics: SiteMetrics;
  /** Sends purges to PURGE_URLS after every new catalog; absent when none is configured. */
  purger?: Purger;
  /** Graceful shutdown: stop the watcher, stop accepting, finish requests in flight, close every connection. */
  stop(): Promise<ShutdownResult>;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * One full garbage collection between the first load and the first request.
 * The load leaves about as much garbage as it keeps (100k articles: ~290 MB
 * of heap at ready, ~180 MB of it live); with a high heap limit V8 would
 * carry it for a while and collect it during the first requests. Needs
 * `--expose-gc` (package.json's start script, the container's CMD); without
 * it (tests, `npm run dev`) nothing happens.
 */
function collectLoadGarbage(logger: Logger): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  const started = performance.now();
  gc();
  logger.debug({ durationMs: Math.round(performance.now() - started) }, 'garbage of the first load collected');
}

export async function start(config: Config, logger: Logger = createLogger(config.logLevel), options: { processMetrics?: boolean } = {}): Promise<RunningSite> {
  // The site listens only once the first catalog is loaded, so /readyz can never be asked before it (docs/decisions/0006-live-reload.md).
  // The locale files are read before the content: a broken one stops the start (LocaleFileError), naming file and key.
  const locales = shippedLocales();
  const live = await LiveContent.load(config.dataDir, {
    logger,
    ...(config.baseUrl && { baseUrl: config.baseUrl }),
    ...(config.catalogCacheDir && { cacheDir: config.catalogCacheDir }),
    ...(config.watch && { watchDebounceMs: config.watchDebounceMs }),
  });
  const store = live.store;
  for (const warning of localeWarnings(locales, store.current().site.language)) logger.warn(warning.fields, warning.message);
  // A reload may change site.json's language: a language no locale ships for is reported when it arrives.
  let siteLanguage = store.current().site.language;
  live.listeners.push(() => {
    const language = store.current().site.language;
    if (language === siteLanguage) return;
    siteLanguage = language;
    for (const warning of localeWarnings({ locales: locales.locales, problems: [] }, language)) logger.warn(warning.fields, warning.message);
  });
  const search = keepSearchIndexed(store, live.listeners, logger); // builds the search index in the background, now and after every reload
  const pageCache = config.pageCacheBytes > 0 ? new PageCache(config.pageCacheBytes) : undefined;
  const metrics = new SiteMetrics({ store, live, processMetrics: options.processMetrics ?? true, ...(pageCache && { pageCache }) });
  let draining = false;
  const app = createApp({
    store,
    dataDir: config.dataDir,
    logger,
    hsts: config.hsts,
    htmlCacheControl: config.htmlCacheControl,
    imageCacheDir: config.imageCacheDir,
    ...(config.previewSecret && { previewSecret: config.previewSecret }),
    cacheKeyHeader: config.cacheKeyHeader,
    readiness: () => ({ ...live.status(), ready: !draining, ...(draining && { draining }) }),
    ...(pageCache && { pageCache }),
  });
  // Embargoes lift on time even when no request comes (a cache in front may answer them all), so their purge goes out then.
  store.keepCurrent();
  let purger: Purger | undefined;
  if (config.purgeEndpoints.length > 0) {
    purger = new Purger({ endpoints: config.purgeEndpoints, soft: config.purgeSoft, logger, registry: metrics.registry });
    purgeOnCatalogChange(store, purger, logger);
  }
  const server = createServer(SERVER_LIMITS, createFrontHandler({ app, store, logger, metrics, ...(pageCache && { pageCache }) }));
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  collectLoadGarbage(logger);
  const port = await listen(server, config.port, config.host);

  let metricsServer: Server | undefined;
  let metricsPort: number | undefined;
  if (config.metricsPort !== undefined) {
    metricsServer = createMetricsServer(metrics, logger);
    try {
      metricsPort = await listen(metricsServer, config.metricsPort, config.host);
    } catch (error) {
      store.stopKeepingCurrent();
      search.stop();
      server.close();
      throw error;
    }
  }

  const catalog = store.current();
  logger.info(
    { host: config.host, port, metricsPort, watch: config.watch, articles: catalog.articles.length, problems: catalog.content.problems.length },
    `newsreel listening on http://${config.host}:${port}`,
  );

  let stopping: Promise<ShutdownResult> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      live.close();
      search.stop(); // a build under way would keep the process alive
      const servers = metricsServer ? [server, metricsServer] : [server];
      const result = await shutdownServers(servers, { timeoutMs: config.shutdownTimeoutMs });
      await live.settled();
      store.stopKeepingCurrent();
      // A reload that finished during shutdown has queued its purge: it gets a moment to go out.
      await new Promise((resolve) => setImmediate(resolve));
      await purger?.close(PURGE_GRACE_MS);
      return result;
    })();
    return stopping;
  };
  return { server, port, store, live, metrics, stop, ...(purger && { purger }), ...(metricsServer && { metricsServer }), ...(metricsPort !== undefined && { metricsPort }) };
}

/** SIGHUP reloads; SIGTERM/SIGINT shut down gracefully and exit 0; a second SIGINT exits at once. */
function handleSignals(site: RunningSite, config: Config, logger: Logger): void {
  process.on('SIGHUP', () => {
    logger.info({ signal: 'SIGHUP' }, 'reloading content');
    void site.live.reload('signal');
  });
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      logger.flush();
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    // Belt and braces: whatever hangs (a stuck reload, a log flush), the process still ends shortly after the bound.
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + 2_000).unref();
    site
      .stop()
      .then((result) => {
        if (result.forced) logger.warn('shutdown bound reached; open connections were cut');
        logger.info('shut down');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'shutdown failed'))
      .finally(() => logger.flush(() => process.exit(0)));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (require.main === module) {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    console.error(`newsreel: ${(error as Error).message}`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  start(config, logger)
    .then((site) => handleSignals(site, config, logger))
    .catch((error: unknown) => {
      if (error instanceof ContentLoadError) logger.fatal({ problems: error.problems }, error.message);
      else if (error instanceof LocaleFileError) logger.fatal({ file: error.file, key: error.key }, error.message);
      else logger.fatal({ err: error }, 'newsreel failed to start');
      logger.flush(() => process.exit(1));
    });
}
