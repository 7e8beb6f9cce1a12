/**
 * The request log: its hand-built line is the line pino writes for the same
 * fields (and valid JSON for any path, however hostile); loggers whose options
 * change the line get pino's own path; the front layer's one listener per
 * request logs and counts every request, aborted ones included.
 */
import { createServer, request as httpRequest, type RequestListener } from 'node:http';
import { Writable } from 'node:stream';
import pino, { type LoggerOptions } from 'pino';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { createFrontHandler } from '../../src/http/front';
import { SiteMetrics } from '../../src/http/metrics';
import { PageCache } from '../../src/http/page-cache';
import { jsonString, requestLogWriter } from '../../src/log';
import { baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';

afterAll(removeDataDirs);

/** A pino logger writing into an array of lines, with a fixed time so lines can be compared. */
function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: 'info', timestamp: () => ',"time":42', ...options }, sink);
  return { logger, lines };
}

const HOSTILE_PATHS = [
  '/articles/plain-story',
  '/search?q=a&page=2',
  '/say/"quoted"',
  '/back\\slash\\',
  '/ctl/\u0000\u0001\u0008\t\n\r\u001b\u001f',
  '/del\u007f',
  '/latin1/\u00e9\u00ff',
  '/cjk/\u65e5\u672c\u8a9e',
  '/emoji/\ud83d\udcf0',
  '/separators/\u2028\u2029',
  '/</script><script>alert(1)</script>',
  `/long/${'x"\\'.repeat(80)}`,
  '%22%5C%00',
  '',
];

describe('the hand-built request line', () => {
  test.each([
    ['pino defaults (pid, hostname)', {}],
    ['our base fields', { base: { service: 'newsreel' } }],
    ['a level label formatter', { formatters: { level: (label: string) => ({ level: label }) } }],
    ['a child logger', undefined],
  ])('is byte for byte the line pino writes, for hostile paths too: %s', (_name, options) => {
    const { logger: root, lines } = capture(options ?? { base: { service: 'newsreel' } });
    const logger = options === undefined ? root.child({ component: 'http' }) : root;
    const write = requestLogWriter(logger);
    expect(write).toBeDefined();
    for (const path of HOSTILE_PATHS) {
      for (const aborted of [false, true]) {
        lines.length = 0;
        write!('GET', path, 200, 1.234, 15_831, 'hit', aborted);
        const fields = { method: 'GET', path, status: 200, durationMs: 1.234, bytes: 15_831, cache: 'hit', ...(aborted && { aborted: true }) };
        logger.info(fields, 'request');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toBe(lines[1]);
        const parsed = JSON.parse(lines[0] as string) as Record<string, unknown>;
        expect(parsed).toMatchObject({ ...fields, msg: 'request', time: 42 });
      }
    }
  });

  test('is valid JSON with the right fields for any string, lone surrogates included', () => {
    const { logger, lines } = capture({ base: { service: 'newsreel' } });
    const write = requestLogWriter(logger)!;
    const strings = [...HOSTILE_PATHS, '/lone/\ud800', '/lone/\udfff/', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))];
    for (const path of strings) write('M"\\\u0000', path, 404, NaN, 0, 'pass', false);
    expect(lines).toHaveLength(strings.length);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(['level', 'time', 'service', 'method', 'path', 'status', 'durationMs', 'bytes', 'cache', 'msg']);
      expect(parsed).toEqual({ level: 30, time: 42, service: 'newsreel', method: 'M"\\\u0000', path: strings[i], status: 404, durationMs: null, bytes: 0, cache: 'pass', msg: 'request' });
    });
  });

  test('jsonString is JSON.stringify for every string', () => {
    for (const s of [...HOSTILE_PATHS, '/lone/\ud800', 'a'.repeat(1000)]) expect(jsonString(s)).toBe(JSON.stringify(s));
    for (let c = 0; c < 0x10000; c += 1) {
      const s = `/a${String.fromCharCode(c)}b`;
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
  });

  test('a logger whose options change the line is given pino’s own path, with the same fields', () => {
    const { logger, lines } = capture({ mixin: () => ({ requestId: 'r1' }) });
    requestLogWriter(logger)!('HEAD', '/x"y', 304, 0.5, 200, 'hit', false);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ requestId: 'r1', method: 'HEAD', path: '/x"y', status: 304, durationMs: 0.5, bytes: 200, cache: 'hit', msg: 'request' });
  });

  test('no writer when info is off', () => {
    expect(requestLogWriter(capture({ level: 'warn' }).logger)).toBeUndefined();
  });
});

/** A server around `handler` on a free port of 127.0.0.1. */
async function listen(handler: RequestListener) {
  const server = createServer(handler);
  return { server, port: await listenOnLoopback(server) };
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function siteWithLog() {
  const dir = await writeDataDir(baseRecords());
  const { logger, lines } = capture({ base: { service: 'newsreel' } });
  const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
  const pageCache = new PageCache(1_000_000);
  const metrics = new SiteMetrics({ store, pageCache });
  const express = createApp({ store, dataDir: dir, logger, pageCache });
  return { store, pageCache, metrics, logger, lines, express, front: createFrontHandler({ app: express, store, logger, pageCache, metrics }) };
}

describe('the front layer’s one listener per request', () => {
  test('a hit and a miss each get one close listener and no finish listener from us, and are logged and counted', async () => {
    const site = await siteWithLog();
    const added: { close: number; finish: number }[] = [];
    const { server, port } = await listen((req, res) => {
      const close = res.listenerCount('close');
      const finish = res.listenerCount('finish');
      site.front(req, res);
      // Whatever the Express app adds on a miss is its own; count only what is there once the front layer returns on a hit.
      added.push({ close: res.listenerCount('close') - close, finish: res.listenerCount('finish') - finish });
    });
    try {
      expect(await get(port, '/articles/first-story')).toBe(200); // miss
      expect(await get(port, '/articles/first-story')).toBe(200); // hit
      expect(await get(port, '/articles/first-story')).toBe(200); // hit
    } finally {
      closeNow(server);
    }
    expect(added.slice(1)).toEqual([
      { close: 1, finish: 0 },
      { close: 1, finish: 0 },
    ]);
    const logged = site.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(logged.map((l) => [l.path, l.status, l.cache])).toEqual([
      ['/articles/first-story', 200, 'pass'],
      ['/articles/first-story', 200, 'hit'],
      ['/articles/first-story', 200, 'hit'],
    ]);
    for (const line of logged) {
      expect(line.bytes as number).toBeGreaterThan(500);
      expect(line.aborted).toBeUndefined();
    }
    // The hits sent the same bytes as each other (headers and gzip body; Date is the same length every time).
    expect(logged[1]?.bytes).toBe(logged[2]?.bytes);
    const text = await site.metrics.text();
    expect(text).toContain('newsreel_http_requests_total{route="article",method="GET",status="200",cache="hit"} 2');
    expect(text).toContain('newsreel_http_requests_total{route="article",method="GET",status="200",cache="pass"} 1');
  });

  test('an original image is logged and counted under the path it was asked for, not the one express.static saw', async () => {
    const site = await siteWithLog();
    const { server, port } = await listen(site.front);
    try {
      expect(await get(port, '/images/pic.jpg')).toBe(200);
    } finally {
      closeNow(server);
    }
    const logged = site.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(logged.map((l) => [l.path, l.status])).toEqual([['/images/pic.jpg', 200]]);
    expect(await site.metrics.text()).toContain('newsreel_http_requests_total{route="image",method="GET",status="200",cache="pass"} 1');
  });

  test('a request whose client leaves before the answer is logged (aborted) and counted as aborted', async () => {
    const dir = await writeDataDir(baseRecords());
    const { logger, lines } = capture({ base: { service: 'newsreel' } });
    const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
    const metrics = new SiteMetrics({ store });
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    // An app that never answers: the client gives up first.
    const front = createFrontHandler({ app: () => arrived(), store, logger, metrics });
    const { server, port } = await listen(front);
    try {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/slow/"page"' });
      req.on('error', () => undefined);
      req.end();
      await arrival;
      req.destroy();
      for (let i = 0; i < 200 && lines.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      closeNow(server);
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ method: 'GET', path: '/slow/"page"', status: 200, cache: 'pass', aborted: true, msg: 'request' });
    expect(await metrics.text()).toContain('newsreel_http_requests_total{route="other",method="GET",status="aborted",cache="pass"} 1');
  });
});
