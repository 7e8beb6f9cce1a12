/**
 * Varnish in front of replicas on loopback ports, with the shipped VCL
 * (deploy/varnish/newsreel.vcl) unchanged: only its `backends.vcl` is
 * written here, into a folder put first on Varnish's vcl_path, in the same
 * shape as deploy/varnish/backends.vcl. Used by the cluster test and the
 * bench. varnishd runs in the foreground (-F) as a child of this process and
 * is stopped by its PID.
 */
import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sleep, startChild, stopChild } from '../../bench/procs';

export const SHIPPED_VCL = path.resolve(__dirname, '../../deploy/varnish/newsreel.vcl');
const VARNISHD_CANDIDATES = ['/usr/sbin/varnishd', '/usr/local/sbin/varnishd'];
const run = promisify(execFile);

export interface Backend {
  /** A VCL identifier: letters, digits, underscores. */
  name: string;
  host: string;
  port: number;
}

export interface VarnishSpec {
  /** A folder of its own, made readable for Varnish's unprivileged users (its parents must let them through: mode 755). */
  workDir: string;
  backends: readonly Backend[];
  /** The public listener (named `http`) and the purge listener (named `purge`), both on 127.0.0.1. */
  httpPort: number;
  purgePort: number;
  storageMb?: number;
}

export interface RunningVarnish {
  child: ChildProcess;
  pid: number;
  base: string;
  purgeBase: string;
  /** The -n folder, for varnishadm. */
  instanceDir: string;
  logFile: string;
}

/** The path of varnishd, or undefined when Varnish is not installed. */
export function findVarnishd(): string | undefined {
  const found = VARNISHD_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v varnishd'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** backends.vcl for these replicas: one backend each with the shipped `readyz` probe, all added to `replicas`. */
export function backendsVcl(backends: readonly Backend[]): string {
  for (const b of backends) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(b.name)) throw new Error(`not a VCL backend name: ${b.name}`);
  const declarations = backends.map((b) => `backend ${b.name} {\n    .host = "${b.host}";\n    .port = "${b.port}";\n    .probe = readyz;\n}\n`);
  const adds = backends.map((b) => `    replicas.add_backend(${b.name});`);
  return `# Written by scripts/cluster/varnish.ts for replicas on loopback.\n\n${declarations.join('\n')}\nsub newsreel_add_backends {\n${adds.join('\n')}\n}\n`;
}

/** A folder (and its parents up to an existing one) that Varnish's own users can enter and read. */
function readableDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

/** Compiles the VCL without starting anything (varnishd -C): a clear error instead of a child that dies. */
async function compile(varnishd: string, vclPath: string): Promise<void> {
  try {
    await run(varnishd, ['-C', '-p', `vcl_path=${vclPath}`, '-f', SHIPPED_VCL], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    const message = stderr.split('\n').filter((line) => !line.startsWith('#') && !line.startsWith(' *') && !line.startsWith('/*')).slice(-15).join('\n');
    throw new Error(`${SHIPPED_VCL} does not compile with these backends:\n${message}`);
  }
}

export async function startVarnish(spec: VarnishSpec): Promise<RunningVarnish> {
  const varnishd = findVarnishd();
  if (!varnishd) throw new Error('varnishd is not installed: apt-get install -y varnish varnish-modules');
  const workDir = readableDir(spec.workDir);
  const vclDir = readableDir(path.join(workDir, 'vcl'));
  const backendsFile = path.join(vclDir, 'backends.vcl');
  writeFileSync(backendsFile, backendsVcl(spec.backends));
  chmodSync(backendsFile, 0o644);
  // Only our folder on vcl_path: the shipped VCL's `include "backends.vcl"` finds ours.
  await compile(varnishd, vclDir);
  const instanceDir = readableDir(path.join(workDir, 'instance'));
  const logFile = path.join(workDir, 'varnishd.log');
  const log = openSync(logFile, 'a');
  const child = startChild(
    varnishd,
    [
      '-F',
      '-n', instanceDir,
      '-a', `http=127.0.0.1:${spec.httpPort}`,
      '-a', `purge=127.0.0.1:${spec.purgePort}`,
      '-p', `vcl_path=${vclDir}`,
      '-f', SHIPPED_VCL,
      '-s', `malloc,${spec.storageMb ?? 128}m`,
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  if (child.pid === undefined) throw new Error('varnishd did not start');
  const running = { child, pid: child.pid, base: `http://127.0.0.1:${spec.httpPort}`, purgeBase: `http://127.0.0.1:${spec.purgePort}`, instanceDir, logFile };
  // Up when varnishadm answers (the manager is listening and the VCL is loaded).
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`varnishd exited (${child.exitCode ?? child.signalCode}):\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    if (await backendHealth(running).then((h) => spec.backends.every((b) => h.has(b.name)), () => false)) return running;
    if (performance.now() - started > 30_000) {
      await stopVarnish(running);
      throw new Error(`varnishd not answering varnishadm after 30 s:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    await sleep(100);
  }
}

/** Each backend's health as Varnish sees it (varnishadm backend.list): name → healthy. */
export async function backendHealth(varnish: Pick<RunningVarnish, 'instanceDir'>): Promise<Map<string, boolean>> {
  const { stdout } = await run('varnishadm', ['-n', varnish.instanceDir, 'backend.list'], { timeout: 5_000 });
  const health = new Map<string, boolean>();
  for (const line of stdout.split('\n')) {
    // "boot.app1   probe   2/3   healthy   Wed, ..." (the VCL's name, a dot, the backend's)
    const match = /^\S+\.(\w+)\s+\S+\s+\S+\s+(healthy|sick)\b/.exec(line.trim());
    if (match) health.set(match[1] as string, match[2] === 'healthy');
  }
  return health;
}

/** Waits until Varnish sees each named backend as wanted; returns the milliseconds it took. */
export async function waitForHealth(varnish: RunningVarnish, wanted: Readonly<Record<string, boolean>>, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = await backendHealth(varnish);
    if (Object.entries(wanted).every(([name, healthy]) => health.get(name) === healthy)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`backends not ${JSON.stringify(wanted)} after ${timeoutMs} ms: ${JSON.stringify([...health])}`);
    await sleep(50);
  }
}

/** The cache process (varnishd's child) that serves requests: its CPU time is what a hit costs. */
export function cacheChildPid(varnish: RunningVarnish): number | undefined {
  try {
    const children = readFileSync(`/proc/${varnish.pid}/task/${varnish.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children[0];
  } catch {
    return undefined;
  }
}

export function stopVarnish(varnish: RunningVarnish): Promise<void> {
  return stopChild(varnish.child, 'SIGTERM', 10_000);
}
