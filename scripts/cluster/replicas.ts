/**
 * Replicas of the built server (`node dist/src/server.js`), each on a fixed
 * loopback port so it can be restarted where Varnish expects it, all on one
 * data folder. Output goes to a log file per replica, shown when a check fails.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startChild, stopChild, waitFor200 } from '../../bench/procs';
import { serverNodeFlags } from '../../bench/start-command';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER_JS = path.join(ROOT, 'dist', 'src', 'server.js');

export interface ReplicaSpec {
  name: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** More environment: PURGE_URLS, HTML_CACHE_CONTROL, ... */
  env?: Record<string, string>;
  /** The server script (default: this tree's dist/src/server.js), e.g. another build to try. */
  serverJs?: string;
}

export interface Replica {
  spec: ReplicaSpec;
  child: ChildProcess;
  pid: number;
  base: string;
}

export async function startReplica(spec: ReplicaSpec): Promise<Replica> {
  const log = openSync(spec.logFile, 'a');
  const child = startChild(process.execPath, [...serverNodeFlags(), spec.serverJs ?? SERVER_JS], {
    cwd: ROOT,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(spec.port),
      DATA_DIR: spec.dataDir,
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn', // e.g. info, to see each replica's reloads and purges
      IMAGE_CACHE_DIR: path.join(path.dirname(spec.logFile), `images-${spec.name}`),
      ...spec.env,
    },
  });
  closeSync(log);
  const base = `http://127.0.0.1:${spec.port}`;
  try {
    await waitFor200(`${base}/readyz`, child, performance.now(), 60_000);
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw new Error(`${spec.name} did not become ready: ${(error as Error).message}\n${logTail(spec.logFile)}`);
  }
  if (child.pid === undefined) throw new Error(`${spec.name} has no pid`);
  return { spec, child, pid: child.pid, base };
}

/** SIGTERM (graceful: drain, then exit 0) or SIGKILL, by PID; resolves once the process has exited. */
export function stopReplica(replica: Replica, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  return stopChild(replica.child, signal, 15_000);
}

export function logTail(file: string, chars = 3_000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > chars ? `…${text.slice(-chars)}` : text;
  } catch {
    return '(no log)';
  }
}
