/**
 * A real local HTTP server standing in for a cache's purge endpoint (Varnish,
 * Fastly's or Cloudflare's API, which cannot be reached from the tests): it
 * records every call and answers what the test tells it to.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { closeNow, listenOnLoopback } from './listen';

export interface RecordedCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
  /** Held this long before answering (a purge in flight). */
  delayMs?: number;
}

export async function purgeRecorder(answer: (call: RecordedCall, index: number) => Answer = () => ({ status: 200, body: '{"success":true}' })) {
  const calls: RecordedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call: RecordedCall = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      const { status, body = '', delayMs = 0 } = answer(call, calls.length - 1);
      setTimeout(() => res.writeHead(status, { 'Content-Type': 'application/json' }).end(body), delayMs).unref();
    });
  });
  const port = await listenOnLoopback(server);
  return { calls, url: `http://127.0.0.1:${port}`, close: () => closeNow(server) };
}

/** A pino logger whose lines are kept, parsed, for assertions on what was logged. */
export function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** Keys of the calls, as each protocol carries them. */
export function keysOfCall(call: RecordedCall): string[] {
  const header = call.headers['xkey-purge'] ?? call.headers['xkey-softpurge'] ?? call.headers['surrogate-key'];
  if (typeof header === 'string') return header.split(' ');
  return (JSON.parse(call.body) as { tags: string[] }).tags;
}
