/**
 * npm run loadtest [-- --duration 60 --connections 100 --threads 2]
 *
 * Starts the real server on 127.0.0.1 over a temporary copy of data/, loads
 * it with wrk (a Lua script spreads requests over articles, lists, search and
 * 404s), edits an article half way through (the folder watcher reloads) and
 * sends the server SIGHUP a little later, then stops it with SIGTERM. Prints
 * unexpected answers (anything but 2xx, 3xx and 404) and socket errors, which
 * must be 0, the p99 latency, and the server's RSS before and after. Exits
 * non-zero on any error, if the edit never showed, or if the server did not
 * exit 0. Everything stays on the loopback interface and ends by itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface Options {
  durationS: number;
  connections: number;
  threads: number;
}

function readOptions(argv: string[]): Options {
  const value = (name: string, fallback: number): number => {
    const index = argv.indexOf(`--${name}`);
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    const raw = inline ? inline.split('=')[1] : index >= 0 ? argv[index + 1] : undefined;
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
    return n;
  };
  return { durationS: value('duration', 60), connections: value('connections', 100), threads: value('threads', 2) };
}

/** The URL mix: weights say how often each kind is asked for. */
function urlMix(dataDir: string): string[] {
  const slugs = (folder: string) =>
    readdirSync(path.join(dataDir, folder))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
  const articles = slugs('articles').map((s) => `/articles/${s}`);
  const site = JSON.parse(readFileSync(path.join(dataDir, 'site.json'), 'utf8')) as { sections?: { slug: string }[] };
  const lists = [
    '/',
    '/?page=2',
    ...(site.sections ?? []).map((s) => `/sections/${s.slug}`),
    ...slugs('authors').map((s) => `/authors/${s}`),
    ...slugs('sources').map((s) => `/sources/${s}`),
    '/feed.xml',
    '/sitemap.xml',
  ];
  const searches = ['harbour', 'ferry', 'council', 'water', 'school', 'flood', 'election', 'market'].map((q) => `/search?q=${q}`);
  const missing = ['/articles/no-such-story', '/nope', '/authors/nobody', '/tags/no-such-tag'];
  const pick = <T>(list: T[], n: number): T[] => Array.from({ length: n }, (_, i) => list[i % list.length] as T);
  return [...pick(articles, 50), ...pick(lists, 25), ...pick(searches, 15), ...pick(missing, 10)];
}

/** wrk's Lua side: random URL from the mix; counts unexpected statuses per thread; prints one JSON line. */
function wrkScript(urls: string[]): string {
  return `
local paths = { ${urls.map((u) => JSON.stringify(u)).join(', ')} }
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0; statuses = {} end
function request() return wrk.format("GET", paths[math.random(#paths)], { ["Accept-Encoding"] = "br, gzip" }) end
function response(status, headers, body)
  if not ((status >= 200 and status < 400) or status == 404) then
    unexpected = unexpected + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format('LOADTEST {"requests":%d,"durationUs":%d,"unexpected":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
`;
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
}

/** Starts the server (TypeScript sources through tsx) and resolves with its port once it listens. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number; output: { reloads: number } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'info', WATCH: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output = { reloads: 0 };
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('"msg":"request"')) {
          if (line.includes('content reloaded')) output.reloads++;
          if (line.includes('"level":50') || line.includes('"level":40')) process.stderr.write(`server: ${line}\n`);
        }
        const listening = /"port":(\d+).*newsreel listening/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve({ child, port: Number(listening[1]), output });
        }
      }
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (spawnSync('wrk', ['--version']).error) {
    console.error('loadtest needs wrk (apt-get install -y wrk)');
    return 2;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsreel-loadtest-'));
  const dataDir = path.join(work, 'data');
  cpSync(path.join(ROOT, 'data'), dataDir, { recursive: true });
  const scriptFile = path.join(work, 'mix.lua');
  writeFileSync(scriptFile, wrkScript(urlMix(dataDir)));

  let child: ChildProcess | undefined;
  try {
    const server = await startServer(dataDir);
    child = server.child;
    const base = `http://127.0.0.1:${server.port}`;
    // Warm up the page cache a little, so "before" is a serving process, not a fresh one.
    for (const url of ['/', '/feed.xml', '/search?q=harbour']) await fetch(base + url).then((r) => r.arrayBuffer());
    const rssBefore = rssKb(child.pid!);

    const wrk = spawn('wrk', ['-t', String(options.threads), '-c', String(options.connections), '-d', `${options.durationS}s`, '--timeout', '10s', '-s', scriptFile, base], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let wrkOut = '';
    wrk.stdout.setEncoding('utf8').on('data', (c: string) => (wrkOut += c));
    const wrkDone = new Promise<number>((resolve) => wrk.once('exit', (code) => resolve(code ?? 1)));

    // Half way: an editor changes an article (watch reload); a little later, SIGHUP.
    const articleFile = readdirSync(path.join(dataDir, 'articles')).filter((f) => f.endsWith('.json')).sort()[0] as string;
    const articlePath = path.join(dataDir, 'articles', articleFile);
    const editedHeadline = `Edited during the load test ${Date.now()}`;
    await sleep((options.durationS * 1000) / 2);
    const record = JSON.parse(readFileSync(articlePath, 'utf8')) as { headline: string; status?: string };
    writeFileSync(articlePath, JSON.stringify({ ...record, headline: editedHeadline }, null, 2));
    const reloadsAtEdit = server.output.reloads;
    await sleep(Math.min(5_000, (options.durationS * 1000) / 10));
    const sawWatchReload = server.output.reloads > reloadsAtEdit;
    child.kill('SIGHUP');

    const wrkCode = await wrkDone;
    const rssAfter = rssKb(child.pid!);
    const summaryLine = /LOADTEST (\{.*\})/.exec(wrkOut)?.[1];
    if (!summaryLine) throw new Error(`wrk printed no summary (exit ${wrkCode}):\n${wrkOut}`);
    const s = JSON.parse(summaryLine) as Record<string, number>;
    const slug = articleFile.slice(0, -5);
    const page = await (await fetch(`${base}/articles/${slug}`)).text();
    const editShown = record.status === 'draft' || page.includes(editedHeadline);

    child.kill('SIGTERM');
    const exitCode = await new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child = undefined;

    const socketErrors = (s.connect ?? 0) + (s.read ?? 0) + (s.write ?? 0) + (s.timeout ?? 0);
    const errors = (s.unexpected ?? 0) + socketErrors;
    const seconds = (s.durationUs ?? 1) / 1e6;
    console.log(`duration        ${seconds.toFixed(1)} s, ${options.connections} connections, ${options.threads} wrk threads`);
    console.log(`requests        ${s.requests} (${Math.round((s.requests ?? 0) / seconds)}/s)`);
    console.log(`errors          ${errors} (unexpected statuses ${s.unexpected}, socket: connect ${s.connect}, read ${s.read}, write ${s.write}, timeout ${s.timeout})`);
    console.log(`latency         p50 ${((s.p50Us ?? 0) / 1000).toFixed(2)} ms, p99 ${((s.p99Us ?? 0) / 1000).toFixed(2)} ms, max ${((s.maxUs ?? 0) / 1000).toFixed(2)} ms`);
    console.log(`server RSS      before ${(rssBefore / 1024).toFixed(1)} MB, after ${(rssAfter / 1024).toFixed(1)} MB`);
    console.log(`reloads         ${server.output.reloads} (watch reload after the edit: ${sawWatchReload ? 'yes' : 'NO'}; edit shown: ${editShown ? 'yes' : 'NO'})`);
    console.log(`server exit     ${exitCode} after SIGTERM`);
    const ok = errors === 0 && sawWatchReload && editShown && exitCode === 0 && wrkCode === 0;
    console.log(ok ? 'loadtest: OK' : 'loadtest: FAILED');
    return ok ? 0 : 1;
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`loadtest: ${(error as Error).message}`);
    process.exit(1);
  },
);
