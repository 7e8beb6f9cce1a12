/**
 * `npm run bench`: issue 4's numbers in one run, printed as Markdown.
 *
 *  1. HTTP load with wrk (gzip) against (a) the ceiling: a bare `http` server
 *     replaying the exact bytes our server sends for the seed article, (b) our
 *     article page from the page cache, (c) our home page, (d) the article with
 *     PAGE_CACHE_MB=0; each as a ratio to (a). One server at a time, so they
 *     never compete for the 2 cores with each other (wrk does, with each);
 *     (e) the article as a cache hit from Varnish with the shipped VCL
 *     (deploy/varnish/newsreel.vcl) in front of the server of (b), in the
 *     same rounds (skipped, with a note, when varnishd is not installed).
 *  2. Cold render time per page type, in-process (page model + EJS, no cache).
 *  3. Generated corpora (1k, 10k, 100k by default; corpus-scale.ts): time to
 *     ready on a first start and on a restart with a catalog snapshot, RSS,
 *     search ready, an edit's time to show, first renders right after ready
 *     and after search, and list pages with the page cache off, to show their
 *     cost does not grow with the corpus; checked against issues 4 and 13,
 *     and drawn as an SVG chart (chart.ts, docs/bench-scale.svg).
 *  4. With --profile: CPU profiles of the uncached article under load and of
 *     the largest corpus's startup, summarised by self time.
 *
 * Only ratios within one run mean much on a shared machine.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchForCeiling, startCeiling, stopCeiling } from './ceiling';
import { ensureCorpus } from './corpora';
import { profileMarkdown, summariseProfile } from './cpuprofile';
import { runWrk, warmUp, WRK, type LoadResult } from './http-load';
import { BenchUsageError, parseBenchArgs, USAGE, type BenchOptions } from './options';
import { cpuSeconds, httpGet, track } from './procs';
import { renderBench, type RenderStats } from './render';
import { measureCorpusSize, type ScaleRun } from './corpus-scale';
import { scaleChart } from './chart';
import { targetTable } from './markdown';
import { loadTable, renderTable, targets, type LoadRow } from './report';
import { coldTable, corpusTable, scaleTargets, type CorpusRow } from './scale-report';
import { ROOT, ServerStartError, startServer, stopServer, type RunningServer, type ServerSpec } from './server';
import { freePort } from './free-port';
import { cacheChildPid, findVarnishd, startVarnish, stopVarnish, waitForHealth, type RunningVarnish } from '../scripts/cluster/varnish';

const DEMO_DATA = path.join(ROOT, 'data');
const SEED_ARTICLE = '/articles/unfit-conscripts-sent-home';
/** List pages compared across corpus sizes: the front page, a later home page, a section. */
export const LIST_URLS = ['/', '/?page=2', '/sections/world'] as const;
const GZIP = { 'Accept-Encoding': 'gzip' };

const say = (text = ''): void => console.log(text);
const note = (text: string): void => console.error(`[bench] ${text}`);

function machine(): string {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return [
    `- date: ${new Date().toISOString()}`,
    `- node ${process.version}, ${os.availableParallelism()} CPUs available (nproc), ${model}`,
    `- ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at start`,
    `- load generator: ${WRK ?? 'none'}`,
  ].join('\n');
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** wrk against url; with the serving process's pid, also its CPU time per request (robust on a shared machine). */
async function measure(url: string, opts: BenchOptions, durationSec = opts.durationSec, pid?: number): Promise<LoadResult> {
  await warmUp(url);
  const cpuBefore = pid === undefined ? 0 : cpuSeconds(pid);
  const result = await runWrk(url, { durationSec, connections: opts.connections, headers: GZIP });
  if (pid === undefined || result.requests === 0) return result;
  return { ...result, cpuUsPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1e6) / result.requests };
}

/** The newest .cpuprofile in dir, summarised; the folder is removed afterwards. */
function profileSummary(dir: string, top = 15): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const last = files[files.length - 1];
  if (!last) return '(no profile written)';
  const text = profileMarkdown(summariseProfile(path.join(dir, last), top));
  rmSync(dir, { recursive: true, force: true });
  return text;
}

/** The run with the most requests per second: on a shared machine, slower runs measure the neighbours. */
function best(results: LoadResult[]): LoadResult {
  return results.reduce((a, b) => (b.rps > a.rps ? b : a));
}

/** Varnish with the shipped VCL in front of the page-cache server, for row (e); undefined (and a note) when varnishd is not installed. */
async function startVarnishFor(server: RunningServer, workDir: string): Promise<RunningVarnish | undefined> {
  if (!findVarnishd()) {
    note('(e) skipped: varnishd is not installed (apt-get install -y varnish varnish-modules)');
    return undefined;
  }
  const [httpPort, purgePort] = await Promise.all([freePort(), freePort()]);
  const varnish = await startVarnish({
    workDir: path.join(workDir, `varnish-${process.pid}`),
    backends: [{ name: 'app1', host: '127.0.0.1', port: Number(new URL(server.base).port) }],
    httpPort,
    purgePort,
  });
  await waitForHealth(varnish, { app1: true });
  await httpGet(varnish.base + SEED_ARTICLE, GZIP);
  const second = await httpGet(varnish.base + SEED_ARTICLE, GZIP);
  const xCache = second.rawHeaders[second.rawHeaders.findIndex((h) => h.toLowerCase() === 'x-cache') + 1];
  if (xCache !== 'HIT') throw new Error(`Varnish did not keep ${SEED_ARTICLE} (X-Cache: ${xCache})`);
  return varnish;
}

const CACHED_LABELS = ['(a) ceiling: bare http, same bytes', '(b) article, page cache', '(c) home, page cache', '(e) article, Varnish hit (shipped VCL)'] as const;

async function httpSection(opts: BenchOptions, spec: (cacheMb: number, extra?: Partial<ServerSpec>) => ServerSpec, workDir: string): Promise<{ rows: LoadRow[]; profile?: string }> {
  const rows: LoadRow[] = [];
  let server: RunningServer;
  if (opts.only.has('cached')) {
    server = await startServer(spec(64));
    try {
      const response = await fetchForCeiling(server.base + SEED_ARTICLE);
      const ceiling = await startCeiling(response, workDir);
      // Varnish in front of the server: a hit never reaches a replica, so one replica behind it measures the same as three.
      const varnish = await startVarnishFor(server, workDir).catch(async (error: unknown) => {
        await stopCeiling(ceiling);
        throw error;
      });
      // (a), (b), (c) (and (e)) take turns, `rounds` times, so a burst of load from others hits them alike.
      const urls = [`${ceiling.base}${SEED_ARTICLE}`, server.base + SEED_ARTICLE, `${server.base}/`, ...(varnish ? [varnish.base + SEED_ARTICLE] : [])];
      // Varnish's CPU per request is its cache process's (the manager only supervises).
      const pids = [ceiling.child.pid, server.pid, server.pid, varnish && cacheChildPid(varnish)];
      const results: LoadResult[][] = urls.map(() => []);
      try {
        for (let round = 1; round <= opts.rounds; round += 1) {
          for (const [i, url] of urls.entries()) {
            note(`round ${round}/${opts.rounds}: ${CACHED_LABELS[i]}`);
            results[i]?.push(await measure(url, opts, opts.durationSec, pids[i]));
          }
        }
      } finally {
        await stopCeiling(ceiling);
        if (varnish) await stopVarnish(varnish);
      }
      rows.push({ label: CACHED_LABELS[0], url: SEED_ARTICLE, result: best(results[0] ?? []) });
      rows.push({ label: CACHED_LABELS[1], url: SEED_ARTICLE, result: best(results[1] ?? []) });
      rows.push({ label: CACHED_LABELS[2], url: '/', result: best(results[2] ?? []) });
      if (varnish) rows.push({ label: CACHED_LABELS[3], url: SEED_ARTICLE, result: best(results[3] ?? []) });
    } finally {
      await stopServer(server);
    }
  }
  if (!opts.only.has('uncached')) return { rows };
  const profileDir = path.join(workDir, `profile-article-${process.pid}`);
  server = await startServer(spec(0, opts.profile ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}));
  try {
    note('(d) article, cache off');
    rows.push({ label: '(d) article, PAGE_CACHE_MB=0', url: SEED_ARTICLE, result: await measure(server.base + SEED_ARTICLE, opts, opts.durationSec, server.pid) });
  } finally {
    await stopServer(server);
  }
  return { rows, ...(opts.profile && { profile: profileSummary(profileDir) }) };
}

async function corpusSection(opts: BenchOptions, spec: (cacheMb: number, extra?: Partial<ServerSpec>) => ServerSpec, workDir: string): Promise<{ rows: CorpusRow[]; profile?: string }> {
  const rows: CorpusRow[] = [];
  const sizes = [...opts.corpora].sort((a, b) => a - b);
  const scale: ScaleRun = {
    // Cache off: list pages and first renders must be rendered per request, so their cost shows.
    spec: spec(0),
    watch: opts.watch,
    readyTimeoutMs: opts.readyTimeoutSec * 1000,
    workDir,
    listUrls: LIST_URLS,
    load: (url) => measure(url, opts, opts.scaleDurationSec),
    note,
  };
  for (const articles of sizes) {
    const corpus = await ensureCorpus(workDir, articles);
    if (corpus.generatedSec > 0) note(`generated ${articles} articles in ${corpus.generatedSec.toFixed(1)} s`);
    const row = await measureCorpusSize(scale, corpus);
    if (row.failure !== undefined) note(`${articles} articles: ${row.failure}`);
    rows.push(row);
  }
  const largest = sizes[sizes.length - 1];
  if (!opts.profile || largest === undefined) return { rows };
  note(`${largest} articles: startup profile`);
  const profileDir = path.join(workDir, `profile-startup-${process.pid}`);
  const corpus = await ensureCorpus(workDir, largest);
  let server: RunningServer;
  try {
    server = await startServer({ ...spec(0, { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] }), dataDir: corpus.dir, readyTimeoutMs: opts.readyTimeoutSec * 1000 });
  } catch (error) {
    if (!(error instanceof ServerStartError)) throw error;
    rmSync(profileDir, { recursive: true, force: true });
    return { rows, profile: `Startup of ${largest} articles, under --cpu-prof: ${error.message} (no profile).` };
  }
  await stopServer(server);
  return { rows, profile: `Startup to ready of ${largest} articles, under --cpu-prof: ready in ${(server.readyMs / 1000).toFixed(1)} s.\n\n${profileSummary(profileDir, 20)}` };
}

/** Writes the corpus-scale chart where the options say, unless --no-chart. */
function writeChart(opts: BenchOptions, rows: CorpusRow[]): void {
  if (opts.chartFile === undefined || rows.length === 0) return;
  const file = path.resolve(ROOT, opts.chartFile);
  mkdirSync(path.dirname(file), { recursive: true });
  const title = `newsreel on generated corpora (npm run bench, ${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} CPUs)`;
  writeFileSync(file, scaleChart(rows, LIST_URLS, title));
  note(`chart written to ${path.relative(process.cwd(), file) || file}`);
}

async function main(opts: BenchOptions): Promise<void> {
  const started = performance.now();
  if (!WRK) throw new Error('wrk is not installed: apt-get install -y wrk');
  const workDir = path.resolve(opts.workDir ?? path.join(os.tmpdir(), 'newsreel-bench'));
  mkdirSync(workDir, { recursive: true });
  if (opts.build) {
    note('npm run build');
    await run('npm', ['run', '-s', 'build']);
  }
  const env: Record<string, string> = opts.watch ? {} : { WATCH: '0' };
  const serverJs = opts.serverJs && path.resolve(opts.serverJs);
  const spec = (pageCacheMb: number, extra: Partial<ServerSpec> = {}): ServerSpec => ({ dataDir: DEMO_DATA, pageCacheMb, logLevel: opts.logLevel, env, ...(serverJs && { serverJs }), ...extra });

  say('## Machine\n');
  say(machine());
  if (serverJs) say(`- server: ${path.relative(ROOT, serverJs)}`);
  say(`- options: best of ${opts.rounds} interleaved rounds for (a)-(c) and (e); wrk -t1 -c${opts.connections} -d${opts.durationSec}s (scale: ${opts.scaleDurationSec}s) --latency -H 'Accept-Encoding: gzip', 1 s warm-up each; LOG_LEVEL=${opts.logLevel}; WATCH ${opts.watch ? 'on (default)' : 'off'}; corpus servers' ready timeout ${opts.readyTimeoutSec} s`);

  const http = await httpSection(opts, spec, workDir);
  const ceiling = opts.only.has('cached') ? http.rows[0]?.result : undefined;
  if (http.rows.length > 0) {
    say(`\n## HTTP: demo data, \`${SEED_ARTICLE}\` and \`/\`\n`);
    say(loadTable(http.rows, ceiling?.rps ?? NaN));
  }

  let renders: RenderStats[] = [];
  if (opts.only.has('render')) {
    note('cold renders (in-process)');
    renders = await renderBench(DEMO_DATA, opts.renders);
    say(`\n## Cold render, in-process, page cache off (demo data; ${opts.renders} renders per type)\n`);
    say(renderTable(renders));
  }

  let corpora: { rows: CorpusRow[]; profile?: string } = { rows: [] };
  if (opts.only.has('corpora')) {
    corpora = await corpusSection(opts, spec, workDir);
    say(`\n## Generated corpora: startup, restart, edits, memory, list pages with PAGE_CACHE_MB=0 (${opts.scaleDurationSec} s each)\n`);
    say(corpusTable(corpora.rows, LIST_URLS));
    say('\n## Generated corpora: first renders (page cache off, distinct URLs), median ms\n');
    say('"early": right after /readyz turned ready (the search index may still be building); "steady": after /search answers. "set done at s" is seconds after the server was started; answers other than 200 are counted in brackets and left out of the median.\n');
    say(coldTable(corpora.rows));
    writeChart(opts, corpora.rows);
  }

  say('\n## Targets (issue 4)\n');
  say(
    targetTable(
      targets({
        ceiling,
        cachedArticle: ceiling ? http.rows[1]?.result : undefined,
        connections: opts.connections,
        articleRender: renders.find((r) => r.type === 'article'),
        biggest: corpora.rows[corpora.rows.length - 1],
        smallest: corpora.rows[0],
        listUrls: LIST_URLS,
      }),
    ),
  );
  if (opts.only.has('corpora')) {
    say('\n## Targets (issue 13)\n');
    say(targetTable(scaleTargets(corpora.rows), 'not run'));
  }
  if (http.profile) say(`\n## Profile: uncached article under load (PAGE_CACHE_MB=0)\n\n${http.profile}`);
  if (corpora.profile) say(`\n## Profile: ${corpora.profile}`);
  say(`\n(bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (require.main === module) {
  let opts: BenchOptions | undefined;
  try {
    opts = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (!opts) {
    console.log(USAGE);
    process.exit(0);
  }
  main(opts).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
