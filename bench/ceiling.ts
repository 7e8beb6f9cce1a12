/**
 * The ceiling (a): fetch the article from our server exactly as wrk asks for
 * it (Accept-Encoding: gzip), keep the status, headers and body bytes, and
 * serve them from a bare `http` server in its own process.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { httpGet, startChild, stopChild, waitFor200, type RawResponse } from './procs';
import { freePort } from './free-port';
import { ROOT } from './server';
import type { ChildProcess } from 'node:child_process';

/** Headers Node's http server adds itself per response; the replay must not send them twice. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

export interface Ceiling {
  child: ChildProcess;
  base: string;
  response: RawResponse;
}

export async function fetchForCeiling(url: string): Promise<RawResponse> {
  const response = await httpGet(url, { 'Accept-Encoding': 'gzip' });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response;
}

export async function startCeiling(response: RawResponse, tmpDir: string): Promise<Ceiling> {
  const headers: [string, string][] = [];
  for (let i = 0; i < response.rawHeaders.length; i += 2) {
    const name = response.rawHeaders[i] as string;
    if (!PER_CONNECTION.has(name.toLowerCase())) headers.push([name, response.rawHeaders[i + 1] as string]);
  }
  const file = path.join(tmpDir, 'ceiling-response.json');
  writeFileSync(file, JSON.stringify({ status: response.status, headers, bodyBase64: response.body.toString('base64') }));
  const port = await freePort();
  const started = performance.now();
  const child = startChild(process.execPath, ['--import', 'tsx', path.join(__dirname, 'ceiling-server.ts'), file, String(port)], { cwd: ROOT });
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(`${base}/`, child, started, 30_000);
  // The replay must be byte-identical (apart from Date and connection headers).
  const replay = await httpGet(`${base}/`, { 'Accept-Encoding': 'gzip' });
  if (!replay.body.equals(response.body)) throw new Error('the ceiling server does not send the same body');
  return { child, base, response };
}

export function stopCeiling(ceiling: Ceiling): Promise<void> {
  return stopChild(ceiling.child);
}
