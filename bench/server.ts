/**
 * Our server as a child process: `node dist/src/server.js` (built once by the
 * run) with its configuration in the environment, bound to 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';
import { sleep, startChild, stopChild, waitFor200 } from './procs';
import { serverNodeFlags } from './start-command';

export const ROOT = path.resolve(__dirname, '..');
export const SERVER_JS = path.join(ROOT, 'dist', 'src', 'server.js');

export interface ServerSpec {
  dataDir: string;
  /** PAGE_CACHE_MB; 0 turns the page cache off. */
  pageCacheMb: number;
  logLevel: 'info' | 'warn';
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Extra environment, e.g. { WATCH: '0' }. */
  env?: Record<string, string>;
  /** The server script (default SERVER_JS): another build, to compare two builds on the same machine. */
  serverJs?: string;
  /** How long /readyz may take to answer 200 (default 300 s). */
  readyTimeoutMs?: number;
}

/** A server that did not become ready: it exited (e.g. out of heap) or timed out; it has been stopped. */
export class ServerStartError extends Error {}

/** How long /readyz may take by default. */
const READY_TIMEOUT_MS = 300_000;

/** The last bytes of a child's stderr kept, to say why it died. */
const STDERR_TAIL_BYTES = 8192;

/** Why a dead server died, from its exit and the end of its stderr (V8's "heap out of memory" line when there is one). */
export function deathReason(child: ChildProcess, stderrTail: string): string | undefined {
  if (child.exitCode === null && child.signalCode === null) return undefined;
  const exit = child.signalCode ?? `exit ${child.exitCode}`;
  const oom = /[^\n]*heap out of memory[^\n]*/.exec(stderrTail)?.[0]?.trim();
  const last = stderrTail.trim().split('\n').pop()?.trim();
  return `server died (${exit})${oom ? `: ${oom}` : last ? `: ${last.slice(0, 200)}` : ''}`;
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  base: string;
  readyMs: number;
  /** Undefined while it runs; once it has died, why (see deathReason). */
  died(): string | undefined;
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = startChild(process.execPath, [...serverNodeFlags(), ...(spec.nodeFlags ?? []), spec.serverJs ?? SERVER_JS], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: spec.dataDir,
      PAGE_CACHE_MB: String(spec.pageCacheMb),
      LOG_LEVEL: spec.logLevel,
      ...spec.env,
    },
  });
  // Its stderr still reaches ours; the tail is kept to say why it died.
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
  });
  const died = () => deathReason(child, stderrTail);
  const base = `http://127.0.0.1:${port}`;
  let readyMs: number;
  try {
    readyMs = await waitFor200(`${base}/readyz`, child, started, spec.readyTimeoutMs ?? READY_TIMEOUT_MS);
  } catch (error) {
    // A process that died may still have its last stderr lines (V8's fatal error) in the pipe.
    if (child.exitCode !== null || child.signalCode !== null) await sleep(200);
    const timeoutMs = spec.readyTimeoutMs ?? READY_TIMEOUT_MS;
    const reason = died() ?? (performance.now() - started >= timeoutMs ? `not ready within ${Math.round(timeoutMs / 1000)} s` : `not ready: ${(error as Error).message}`);
    await stopChild(child, 'SIGKILL');
    throw new ServerStartError(reason);
  }
  if (child.pid === undefined) throw new Error('server has no pid');
  return { child, pid: child.pid, base, readyMs, died };
}

export function stopServer(server: RunningServer): Promise<void> {
  return stopChild(server.child, 'SIGTERM', 15_000);
}
