/**
 * The metrics endpoint on its own port (METRICS_PORT): Prometheus scrapes
 * GET /metrics there, and nothing about it is reachable through the site's
 * port, so it is not public unless an operator publishes that port.
 */
import { createServer, type Server } from 'node:http';
import type { Logger } from '../log';
import type { SiteMetrics } from './metrics';

export function createMetricsServer(metrics: SiteMetrics, logger: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    metrics
      .text()
      .then((text) => {
        res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'collecting metrics failed');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics failed\n');
      });
  });
}
