/**
 * Graceful shutdown, on real servers on 127.0.0.1: a request in flight
 * finishes, idle keep-alive connections are closed, new connections are
 * refused, and a request that never ends is cut at the bound. The whole
 * server (start) stops the same way, metrics port and watcher included.
 * The shutdown function is called directly; the test process gets no signal.
 */
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { readConfig } from '../../src/config';
import { shutdownServers } from '../../src/http/shutdown';
import { createLogger } from '../../src/log';
import { start } from '../../src/server';
import { baseRecords, removeDataDirs, writeDataDir } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';
import { eventually } from '../helpers/live-site';

afterAll(removeDataDirs);

const opened: Server[] = [];
afterEach(() => {
  for (const server of opened.splice(0)) closeNow(server);
});

/** A server whose /slow answers only when the test says so. */
async function serverWithSlowRoute() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let slowStarted = false;
  const server = createServer((req, res) => {
    if (req.url === '/slow') {
      slowStarted = true;
      void released.then(() => res.end('slow done'));
      return;
    }
    if (req.url === '/never') return; // never answers
    res.end('quick');
  });
  opened.push(server);
  return { server, port: await listenOnLoopback(server), release, slowStarted: () => slowStarted };
}

function get(port: number, path: string, agent?: Agent): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, ...(agent && { agent }) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('shutdownServers', () => {
  test('finishes the request in flight, closes idle keep-alive connections, refuses new connections', async () => {
    const { server, port, release, slowStarted } = await serverWithSlowRoute();
    const agent = new Agent({ keepAlive: true });
    try {
      await get(port, '/quick', agent); // leaves an idle keep-alive connection
      const inFlight = get(port, '/slow');
      await eventually(slowStarted, 10_000, 'the slow request to arrive');
      let done = false;
      const stopping = shutdownServers([server], { timeoutMs: 30_000 }).then((result) => {
        done = true;
        return result;
      });
      await expect(get(port, '/quick')).rejects.toThrow(/ECONNREFUSED/);
      expect(done).toBe(false); // still waiting for the slow request
      release();
      const answer = await inFlight;
      expect(answer).toMatchObject({ status: 200, body: 'slow done' });
      // close() calls back only once every connection is gone, the idle keep-alive one included.
      expect(await stopping).toEqual({ forced: false });
    } finally {
      agent.destroy();
    }
  });

  test('a request that never ends is cut at the bound', async () => {
    const { server, port } = await serverWithSlowRoute();
    const hanging = get(port, '/never').catch((error: Error) => error);
    await eventually(() => new Promise<boolean>((resolve) => server.getConnections((_e, n) => resolve(n > 0))), 10_000, 'the connection');
    const result = await shutdownServers([server], { timeoutMs: 200 });
    expect(result).toEqual({ forced: true });
    expect(String(await hanging)).toMatch(/socket hang up|ECONNRESET/);
  });
});

describe('the whole server', () => {
  test('starts on 127.0.0.1, serves pages, metrics on their own port, and stops cleanly', async () => {
    const dir = await writeDataDir(baseRecords());
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, METRICS_PORT: '0', SHUTDOWN_TIMEOUT_MS: '5000', NODE_ENV: 'test' });
    const site = await start(config, createLogger('silent'), { processMetrics: false });
    opened.push(site.server, site.metricsServer!);
    expect(site.metricsPort).toBeGreaterThan(0);
    expect(site.metricsPort).not.toBe(site.port);
    const home = await fetch(`http://127.0.0.1:${site.port}/`);
    expect(home.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${site.port}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true, authors: 2, sources: 2, lastReload: { trigger: 'start', ok: true } });
    const metrics = await (await fetch(`http://127.0.0.1:${site.metricsPort}/metrics`)).text();
    expect(metrics).toContain('newsreel_http_requests_total{route="home",method="GET",status="200",cache="pass"} 1');
    expect(await site.stop()).toEqual({ forced: false });
    expect(site.server.listening).toBe(false);
    expect(site.metricsServer!.listening).toBe(false);
    await expect(fetch(`http://127.0.0.1:${site.port}/`)).rejects.toThrow();
  });

  test('sets the documented connection limits', async () => {
    const dir = await writeDataDir(baseRecords());
    const config = readConfig({ PORT: '0', DATA_DIR: dir, WATCH: '0', KEEP_ALIVE_TIMEOUT_MS: '65000', NODE_ENV: 'test' });
    const site = await start(config, createLogger('silent'), { processMetrics: false });
    opened.push(site.server);
    expect(site.metricsServer).toBeUndefined();
    expect(site.server.keepAliveTimeout).toBe(65_000);
    expect(site.server.headersTimeout).toBe(10_000);
    expect(site.server.requestTimeout).toBe(30_000);
    await site.stop();
  });
});

describe('configuration of the new settings', () => {
  test('defaults and bad values', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ watch: true, watchDebounceMs: 250, shutdownTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000 });
    expect(config.metricsPort).toBeUndefined();
    expect(readConfig({ WATCH: '0' }).watch).toBe(false);
    expect(readConfig({ WATCH: 'false' }).watch).toBe(false);
    expect(() => readConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_MS must be milliseconds/);
    expect(() => readConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT must be a port number/);
  });
});
