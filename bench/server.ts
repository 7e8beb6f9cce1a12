/**
 * Our server as a child process: `node dist/src/server.js` (built once by the
 * run) with its configuration in the environment, bound to 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';
import { startChild, stopChild, waitFor200 } from './procs';

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
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  base: string;
  readyMs: number;
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = startChild(process.execPath, [...(spec.nodeFlags ?? []), spec.serverJs ?? SERVER_JS], {
    cwd: ROOT,
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
  const base = `http://127.0.0.1:${port}`;
  const readyMs = await waitFor200(`${base}/readyz`, child, started);
  if (child.pid === undefined) throw new Error('server has no pid');
  return { child, pid: child.pid, base, readyMs };
}

export function stopServer(server: RunningServer): Promise<void> {
  return stopChild(server.child, 'SIGTERM', 15_000);
}
