/**
 * Entry point: read config, load and check the content, start HTTP, and shut
 * down cleanly on SIGTERM/SIGINT. Content problems are logged with file and
 * field; the site starts with every valid record. SIGHUP reloads content.
 */
import { createServer, type Server } from 'node:http';
import { CatalogStore } from './content/catalog';
import { ContentLoadError, loadContent } from './content/load';
import { formatProblem } from './content/problems';
import { readConfig, type Config } from './config';
import { createApp } from './http/app';
import { createFrontHandler } from './http/front';
import { PageCache } from './http/page-cache';
import { createLogger, type Logger } from './log';

const SHUTDOWN_GRACE_MS = 10_000;

function logProblems(logger: Logger, problems: { file: string; field: string; message: string }[]): void {
  for (const problem of problems) logger.warn({ file: problem.file, field: problem.field, reason: problem.message }, `content problem: ${formatProblem(problem)}`);
}

export async function start(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<{ server: Server; store: CatalogStore }> {
  const content = await loadContent(config.dataDir, { ...(config.baseUrl && { baseUrl: config.baseUrl }) });
  logProblems(logger, content.problems);
  const store = new CatalogStore(content);
  const pageCache = config.pageCacheBytes > 0 ? new PageCache(config.pageCacheBytes) : undefined;
  const app = createApp({ store, dataDir: config.dataDir, logger, hsts: config.hsts, htmlCacheControl: config.htmlCacheControl, ...(pageCache && { pageCache }) });
  const server = createServer(createFrontHandler({ app, store, logger, ...(pageCache && { pageCache }) }));
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ host: config.host, port, articles: store.current().articles.length, problems: content.problems.length }, `newsreel listening on http://${config.host}:${port}`);

  process.on('SIGHUP', () => {
    loadContent(config.dataDir, { ...(config.baseUrl && { baseUrl: config.baseUrl }) })
      .then((next) => {
        logProblems(logger, next.problems);
        const catalog = store.replace(next);
        logger.info({ version: catalog.version, articles: catalog.articles.length, problems: next.problems.length }, 'content reloaded');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'content reload failed; still serving the previous content'));
  });
  return { server, store };
}

function shutdown(server: Server, logger: Logger, signal: string): void {
  logger.info({ signal }, 'shutting down');
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn('shutdown grace period over; closing remaining connections');
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_GRACE_MS).unref();
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
    .then(({ server }) => {
      process.on('SIGTERM', () => shutdown(server, logger, 'SIGTERM'));
      process.on('SIGINT', () => shutdown(server, logger, 'SIGINT'));
    })
    .catch((error: unknown) => {
      if (error instanceof ContentLoadError) logger.fatal({ problems: error.problems }, error.message);
      else logger.fatal({ err: error }, 'newsreel failed to start');
      process.exit(1);
    });
}
