/**
 * npm run test:cluster [-- --no-build --down-seconds 60 --keep --soft --server-js FILE]
 *
 * The reference deployment, for real: three replicas of the built server on
 * loopback ports over one copy of the demo data, and Varnish in front with
 * the shipped deploy/varnish/newsreel.vcl (only its backends file is written
 * here). Under a steady load of GETs through Varnish it checks that
 *
 *   - the VCL's purge protocol and request rules hold (403 on the public
 *     listener, 400 without a key header, 405 for other methods, cookies
 *     ignored, health never cached, keys not shown to readers);
 *   - a second request for a page is a cache hit;
 *   - an embargoed story (added before the start) is on home within 2 s of its time;
 *   - an edited headline shows through Varnish within 2 s on the article, home,
 *     its author, source and tag pages, while an unrelated article stays a hit;
 *   - a replica killed with SIGKILL costs no failed request;
 *   - a rolling restart of all three costs no failed request;
 *   - with all three stopped, pages already cached are still served (200) for
 *     a minute (--down-seconds; CI runs the full minute), past their TTL.
 *
 * Replicas get a 60 s TTL (HTML_CACHE_CONTROL) so that minute outlives it:
 * what serves them then is grace, not freshness; the edit and embargo checks
 * first make sure no copy they watch can expire while they watch it. Every process started here
 * is stopped by its PID, on success, failure, timeout or Ctrl-C; the work
 * folder is removed unless the run failed or --keep was given.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../bench/free-port';
import { ECHO_DELAY_MS } from '../src/purge/follow';
import { httpGet, sleep } from '../bench/procs';
import { roundRobin, SteadyLoad, type Failure } from './cluster/load';
import { copyData, editHeadline, pagesShowing, pickArticles, readArticles, writeEmbargoed } from './cluster/fixtures';
import { logTail, ROOT, startReplica, stopReplica, type Replica, type ReplicaSpec } from './cluster/replicas';
import { findVarnishd, startVarnish, stopVarnish, waitForHealth, type RunningVarnish } from './cluster/varnish';

const WITHIN_MS = 2_000;
/** How long a check polls before it gives up (the figure is still reported). */
const GIVE_UP_MS = 10_000;
/**
 * The TTL replicas give pages here (HTML_CACHE_CONTROL). Shorter than the
 * minute without replicas, so grace is what serves pages then; long enough
 * that the edit and embargo checks can make sure no copy they watch expires
 * during them (a change they see is a purge, not an expiry).
 */
const TTL_S = 60;
/** Seconds of TTL each watched copy must have left when an edit or embargo check begins. */
const MIN_LEFT_S = Math.ceil(GIVE_UP_MS / 1000) + 3;
/** The embargoed story's time, after the start: replicas, Varnish and the first checks fit well within it. */
const EMBARGO_LEAD_MS = 40_000;
const WATCHDOG_MS = 12 * 60_000;

interface Options {
  build: boolean;
  downSeconds: number;
  keep: boolean;
  /** Replicas send soft purges (PURGE_SOFT=1: xkey-softpurge). */
  soft: boolean;
  /** Another build's dist/src/server.js to run as the replicas (implies --no-build). */
  serverJs?: string;
}

function readOptions(argv: readonly string[]): Options {
  const options: Options = { build: true, downSeconds: Number(process.env.CLUSTER_DOWN_SECONDS ?? 60), keep: false, soft: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--soft') options.soft = true;
    else if (arg === '--down-seconds') options.downSeconds = Number(argv[++i]);
    else if (arg === '--server-js') {
      options.serverJs = path.resolve(argv[++i] ?? '');
      options.build = false;
    } else throw new Error(`unknown argument "${arg}" (--no-build, --down-seconds N, --keep, --soft, --server-js FILE)`);
  }
  if (!Number.isInteger(options.downSeconds) || options.downSeconds < 1) throw new Error('--down-seconds needs a whole number of seconds');
  return options;
}

interface Result {
  name: string;
  ok: boolean;
  figure: string;
}

const results: Result[] = [];
const say = (text: string): void => console.log(`[cluster] ${text}`);

async function check(name: string, body: () => Promise<string>): Promise<boolean> {
  say(`${name}…`);
  try {
    const figure = await body();
    results.push({ name, ok: true, figure });
    say(`  ok: ${figure}`);
    return true;
  } catch (error) {
    const figure = (error as Error).message;
    results.push({ name, ok: false, figure });
    say(`  FAILED: ${figure}`);
    return false;
  }
}

interface Answer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** One GET (or another method), no Accept-Encoding: Varnish unzips for us; headers by lower-case name. */
async function ask(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const res = method === 'GET' ? await httpGet(url, headers, 5_000) : await request(url, method, headers);
  const map = new Map<string, string>();
  for (let i = 0; i < res.rawHeaders.length; i += 2) map.set((res.rawHeaders[i] as string).toLowerCase(), res.rawHeaders[i + 1] as string);
  return { status: res.status, headers: map, body: res.body.toString('utf8') };
}

async function request(url: string, method: string, headers: Record<string, string>): Promise<{ status: number; rawHeaders: string[]; body: Buffer }> {
  const response = await fetch(url, { method, headers });
  const rawHeaders: string[] = [];
  response.headers.forEach((value, name) => rawHeaders.push(name, value));
  return { status: response.status, rawHeaders, body: Buffer.from(await response.arrayBuffer()) };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const describeFailures = (failures: readonly Failure[]): string =>
  failures
    .slice(0, 5)
    .map((f) => `${f.url} → ${f.what} at ${seconds(f.atMs)}`)
    .join('; ');

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * Polls each path through Varnish (one loop per path, every 50 ms) until it
 * shows `text` and keeps showing it for `settleMs` (a replica that had not
 * reloaded yet may answer once after the first purge; its own purge follows).
 * Returns, per path, when the first answer after the last one without the
 * text arrived, measured from `sinceMs`.
 */
async function waitUntilShown(base: string, paths: readonly string[], text: string, sinceMs: number, settleMs = 1_000): Promise<Map<string, number>> {
  const shownAt = new Map<string, number>();
  const deadline = sinceMs + GIVE_UP_MS;
  await Promise.all(
    paths.map(async (p) => {
      for (;;) {
        const answer = await ask(`${base}${p}`).catch(() => undefined);
        const now = performance.now();
        if (answer?.status === 200 && answer.body.includes(text)) {
          if (!shownAt.has(p)) shownAt.set(p, now - sinceMs);
          if (now - sinceMs - (shownAt.get(p) as number) >= settleMs) return;
        } else shownAt.delete(p);
        if (now > deadline) return;
        await sleep(50);
      }
    }),
  );
  const missing = paths.filter((p) => !shownAt.has(p));
  if (missing.length > 0) throw new Error(`after ${seconds(GIVE_UP_MS)} still without "${text}": ${missing.join(', ')}`);
  return shownAt;
}

/** Seconds of TTL left of the copy Varnish serves for a path (its Age against TTL_S). */
async function ttlLeft(base: string, p: string): Promise<number> {
  const answer = await ask(`${base}${p}`);
  return answer.headers.get('x-cache') === 'HIT' ? TTL_S - Number(answer.headers.get('age') ?? TTL_S) : TTL_S;
}

/**
 * Waits until Varnish's copy of every path has at least MIN_LEFT_S of its TTL
 * left (the steady load refreshes copies as they expire), so that a check
 * watching them for GIVE_UP_MS can only see a change a purge made.
 */
async function waitForFreshCopies(base: string, paths: readonly string[]): Promise<void> {
  const deadline = performance.now() + (TTL_S + 10) * 1000;
  for (;;) {
    const left = await Promise.all(paths.map((p) => ttlLeft(base, p)));
    if (left.every((l) => l >= MIN_LEFT_S)) return;
    if (performance.now() > deadline) throw new Error(`copies not refreshed: ${paths.map((p, i) => `${p} ${left[i]} s left`).join(', ')}`);
    await sleep(250);
  }
}

async function main(options: Options): Promise<boolean> {
  if (!findVarnishd()) throw new Error('varnishd is not installed: apt-get install -y varnish varnish-modules');
  if (options.build) {
    say('npm run build');
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsreel-cluster-'));
  chmodSync(work, 0o755); // Varnish's own users read the VCL folder inside it
  const dataDir = path.join(work, 'data');
  copyData(path.join(ROOT, 'data'), dataDir);
  const token = Math.random().toString(36).slice(2, 8);
  const { edited, unrelated } = pickArticles(readArticles(dataDir));
  const embargoAt = new Date(Date.now() + EMBARGO_LEAD_MS);
  const embargoHeadline = `Cluster check embargoed story ${token}`;
  writeEmbargoed(dataDir, unrelated, `cluster-embargo-${token}`, embargoHeadline, embargoAt);
  say(`work folder ${work}; editing ${edited.slug}, unrelated ${unrelated.slug}, embargo lifts at ${embargoAt.toISOString()}`);

  const [httpPort, purgePort, ...replicaPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const specs: ReplicaSpec[] = (replicaPorts as number[]).map((port, i) => ({
    name: `app${i + 1}`,
    port,
    dataDir,
    logFile: path.join(work, `app${i + 1}.log`),
    ...(options.serverJs && { serverJs: options.serverJs }),
    env: {
      PURGE_URLS: `http://127.0.0.1:${purgePort}`,
      ...(options.soft && { PURGE_SOFT: '1' }),
      HTML_CACHE_CONTROL: `public, max-age=10, s-maxage=${TTL_S}, stale-while-revalidate=600, stale-if-error=86400`,
    },
  }));
  const replicas: (Replica | undefined)[] = [];
  let varnish: RunningVarnish | undefined;
  const loads: SteadyLoad[] = [];
  let ok = false;
  try {
    // Every replica that did start is kept (and so stopped below), even when another failed to.
    const started = await Promise.allSettled(specs.map(startReplica));
    for (const r of started) if (r.status === 'fulfilled') replicas.push(r.value);
    const notStarted = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (notStarted) throw notStarted.reason;
    varnish = await startVarnish({
      workDir: path.join(work, 'varnish'),
      backends: specs.map((s) => ({ name: s.name, host: '127.0.0.1', port: s.port })),
      httpPort: httpPort as number,
      purgePort: purgePort as number,
    });
    const allHealthy = Object.fromEntries(specs.map((s) => [s.name, true]));
    await waitForHealth(varnish, allHealthy);
    const base = varnish.base;
    say(`varnish ${base} (purge ${varnish.purgeBase}), replicas ${specs.map((s) => s.port).join(', ')}: all healthy`);

    await check('VCL rules: purge listener and ACL, methods, cookies, health, keys', async () => {
      const publicPurge = await ask(`${base}/`, { 'xkey-purge': 'site' }, 'PURGE');
      assert(publicPurge.status === 403, `PURGE on the public listener answered ${publicPurge.status}, not 403`);
      const bare = await ask(`${varnish!.purgeBase}/`, {}, 'PURGE');
      assert(bare.status === 400, `PURGE without a key header answered ${bare.status}, not 400`);
      const none = await ask(`${varnish!.purgeBase}/`, { 'xkey-purge': `no-such-key-${token}` }, 'PURGE');
      assert(none.status === 200 && none.headers.get('x-purged') === '0', `PURGE of an unknown key answered ${none.status} X-Purged ${none.headers.get('x-purged')}`);
      const post = await ask(`${base}/`, {}, 'POST');
      assert(post.status === 405 && post.headers.get('allow') === 'GET, HEAD', `POST answered ${post.status} Allow ${post.headers.get('allow')}`);
      await ask(`${base}/corrections`);
      const withCookie = await ask(`${base}/corrections`, { Cookie: 'session=abc' });
      assert(withCookie.headers.get('x-cache') === 'HIT', `a request with a cookie was ${withCookie.headers.get('x-cache')}, not a hit`);
      assert(!withCookie.headers.has('xkey'), 'readers see the xkey header');
      const direct = await ask(`${replicas[0]!.base}/corrections`);
      await ask(`${base}/readyz`);
      const ready = await ask(`${base}/readyz`);
      assert(ready.headers.get('x-cache') === 'MISS', '/readyz came from the cache');
      return `PURGE public 403, no key 400, unknown key 200 (0 purged), POST 405; cookie ignored (HIT); /readyz never cached; xkey hidden (a replica sends ${direct.headers.has('xkey') ? `"xkey: ${direct.headers.get('xkey')?.slice(0, 60)}…"` : 'none yet'})`;
    });

    // The pages the steady load asks for: what the edit touches, the unrelated article's neighbours, lists.
    const hitPaths = [...new Set([...pagesShowing(edited), ...pagesShowing(unrelated).slice(1), '/sections/world', '/feed.xml', '/sitemap.xml', '/about'])];
    for (const p of hitPaths) {
      const answer = await ask(`${base}${p}`);
      assert(answer.status === 200, `warm-up: ${p} answered ${answer.status}`);
    }
    // Small on purpose: the 2 cores are shared with the replicas, whose reload time is what the edit check measures.
    const hits = new SteadyLoad(base, { nextPath: roundRobin(hitPaths), workers: 2, pauseMs: 10 });
    loads.push(hits);
    // Misses too, so replicas are really asked while they die: a new query string each time.
    let missCounter = 0;
    const misses = new SteadyLoad(base, { nextPath: () => `/articles/${edited.slug}?cluster-miss=${(missCounter += 1)}`, workers: 1, pauseMs: 50 });
    loads.push(misses);
    const window = () => {
      const at = hits.elapsedMs();
      const h0 = hits.snapshot();
      const m0 = misses.snapshot();
      return () => {
        const h1 = hits.snapshot();
        const m1 = misses.snapshot();
        const requests = h1.requests - h0.requests + (m1.requests - m0.requests);
        const failed = [...hits.failuresSince(at), ...misses.failuresSince(at)];
        return { requests, fetches: m1.misses - m0.misses + (h1.misses - h0.misses), failed };
      };
    };

    await check('a second request is a cache hit', async () => {
      const first = await ask(`${base}/articles/${unrelated.slug}`);
      const second = await ask(`${base}/articles/${unrelated.slug}`);
      assert(first.status === 200 && second.status === 200, `answered ${first.status}, ${second.status}`);
      assert(first.headers.get('x-cache') === 'MISS', `first request was ${first.headers.get('x-cache')}`);
      assert(second.headers.get('x-cache') === 'HIT', `second request was ${second.headers.get('x-cache')}`);
      return `/articles/${unrelated.slug}: MISS then HIT (X-Varnish ${second.headers.get('x-varnish')}, Age ${second.headers.get('age')})`;
    });

    await check('an embargo lifts: home shows the story within 2 s', async () => {
      const wait = embargoAt.getTime() - Date.now();
      assert(wait > 1_000, `the embargo (${embargoAt.toISOString()}) passed before this check began: the start took too long`);
      const home = await ask(`${base}/`);
      assert(!home.body.includes(embargoHeadline), 'home shows the story before its time');
      await sleep(wait - 500);
      // Home's copy must outlive the check, or an expiry could pass for a purge.
      const left = await ttlLeft(base, '/');
      assert(left >= MIN_LEFT_S, `inconclusive: home's cached copy expires ${left} s after the lift (was it purged after the edit?)`);
      const liftAt = performance.now() + (embargoAt.getTime() - Date.now());
      const shown = await waitUntilShown(base, ['/'], embargoHeadline, liftAt, 500);
      const after = shown.get('/') as number;
      assert(after <= WITHIN_MS, `home showed the story ${seconds(after)} after its time`);
      return `home shows it ${seconds(Math.max(0, after))} after publishedAt`;
    });

    await check('an edit shows through Varnish within 2 s; an unrelated article stays a hit', async () => {
      const pages = pagesShowing(edited);
      for (const p of pages) {
        const direct = await ask(`${replicas[0]!.base}${p}`);
        assert(direct.body.includes(`/articles/${edited.slug}`) || p === pages[0], `precondition: ${p} does not show ${edited.slug}`);
      }
      // The embargo's purges (its related boxes, weighed after the direct keys, and each purge's echo a
      // second later) must all have landed first: the story shares the unrelated article's tags.
      await sleep(ECHO_DELAY_MS + 2_000);
      // Cached again if the embargo's purge took it, and fresh enough to outlive the check.
      await ask(`${base}/articles/${unrelated.slug}`);
      await waitForFreshCopies(base, [...pages, `/articles/${unrelated.slug}`]);
      const before = await ask(`${base}/articles/${unrelated.slug}`);
      assert(before.headers.get('x-cache') === 'HIT', `the unrelated article was not cached (${before.headers.get('x-cache')})`);
      assert(!before.body.includes(`/articles/${edited.slug}"`), `precondition: the unrelated article links ${edited.slug}`);
      const measure = window();
      const headline = `Cluster check edit ${token}`;
      const editedAt = performance.now();
      editHeadline(edited, headline);
      const shown = await waitUntilShown(base, pages, headline, editedAt);
      const after = await ask(`${base}/articles/${unrelated.slug}`);
      const { failed } = measure();
      const slowest = Math.max(...shown.values());
      const figures = pages.map((p) => `${p} ${seconds(shown.get(p) ?? NaN)}`).join(', ');
      assert(slowest <= WITHIN_MS, `edit visible after ${seconds(slowest)} (over 2 s): ${figures}`);
      assert(after.headers.get('x-cache') === 'HIT' && after.headers.get('x-varnish')?.split(' ')[1] === before.headers.get('x-varnish')?.split(' ')[1], `the unrelated article was refetched (${after.headers.get('x-cache')}, X-Varnish ${after.headers.get('x-varnish')} vs ${before.headers.get('x-varnish')})`);
      assert(failed.length === 0, `${failed.length} failed requests: ${describeFailures(failed)}`);
      return `edit visible after ${seconds(slowest)} on all ${pages.length} pages (${figures}); /articles/${unrelated.slug} still the same cached copy (Age ${before.headers.get('age')} → ${after.headers.get('age')})`;
    });

    await check('one replica killed with SIGKILL: no failed request', async () => {
      const measure = window();
      const victim = replicas[1] as Replica;
      await stopReplica(victim, 'SIGKILL');
      const sickMs = await waitForHealth(varnish!, { [victim.spec.name]: false });
      await sleep(3_000);
      replicas[1] = await startReplica(victim.spec);
      const backMs = await waitForHealth(varnish!, allHealthy);
      const { requests, fetches, failed } = measure();
      assert(failed.length === 0, `${failed.length} of ${requests} requests failed: ${describeFailures(failed)}`);
      return `0 failed of ${requests} requests (${fetches} went to replicas); Varnish saw ${victim.spec.name} sick after ${seconds(sickMs)}, healthy again ${seconds(backMs)} after its restart`;
    });

    await check('a rolling restart of all three: no failed request', async () => {
      const measure = window();
      const started = performance.now();
      for (const [i, replica] of replicas.entries()) {
        await stopReplica(replica as Replica, 'SIGTERM');
        replicas[i] = undefined;
        replicas[i] = await startReplica((replica as Replica).spec);
        await waitForHealth(varnish!, allHealthy);
      }
      const { requests, fetches, failed } = measure();
      assert(failed.length === 0, `${failed.length} of ${requests} requests failed: ${describeFailures(failed)}`);
      return `0 failed of ${requests} requests (${fetches} went to replicas) over ${seconds(performance.now() - started)}`;
    });

    await check(`all three stopped: cached pages still served for ${options.downSeconds} s`, async () => {
      await misses.stop();
      loads.splice(loads.indexOf(misses), 1);
      const measure = window();
      hits.maxAgeByPath.clear();
      await Promise.all(replicas.map((r) => stopReplica(r as Replica, 'SIGTERM')));
      replicas.length = 0;
      const sickMs = await waitForHealth(varnish!, Object.fromEntries(specs.map((s) => [s.name, false])));
      await sleep(options.downSeconds * 1000 - sickMs);
      const { requests, failed } = measure();
      const uncached = await ask(`${base}/articles/${edited.slug}?cluster-never-cached=${token}`);
      assert(uncached.status === 503, `an uncached page answered ${uncached.status}: the replicas are not really down`);
      assert(failed.length === 0, `${failed.length} of ${requests} requests failed: ${describeFailures(failed)}`);
      const oldest = Math.max(...hits.maxAgeByPath.values());
      assert(options.downSeconds < TTL_S || oldest > TTL_S, `no copy outlived its ${TTL_S} s TTL (oldest Age ${oldest} s)`);
      return `${requests} requests over ${options.downSeconds} s, all 200 (all replicas sick after ${seconds(sickMs)}); oldest copy served at Age ${oldest} s, past its ${TTL_S} s TTL (grace); an uncached page 503`;
    });
    ok = results.every((r) => r.ok);
  } finally {
    await Promise.all(loads.map((l) => l.stop()));
    await Promise.all(replicas.filter((r): r is Replica => r !== undefined).map((r) => stopReplica(r, 'SIGTERM')));
    if (varnish) await stopVarnish(varnish);
    if (!ok) {
      for (const s of specs) say(`--- ${s.name} log ---\n${logTail(s.logFile)}`);
      if (varnish) say(`--- varnishd log ---\n${logTail(varnish.logFile)}`);
    }
    if (ok && !options.keep) rmSync(work, { recursive: true, force: true });
    else say(`work folder kept: ${work}`);
  }
  return ok;
}

if (require.main === module) {
  const watchdog = setTimeout(() => {
    say(`FAILED: still running after ${WATCHDOG_MS / 60_000} minutes; every process started is killed on exit`);
    process.exit(1); // bench/procs.ts kills every tracked child on exit
  }, WATCHDOG_MS);
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`test:cluster: ${(error as Error).message}`);
    process.exit(2);
  }
  main(options).then(
    (ok) => {
      clearTimeout(watchdog);
      say(`summary (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
      for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name}: ${r.figure}`);
      console.log(ok ? 'CLUSTER CHECKS PASSED' : 'CLUSTER CHECKS FAILED');
      process.exit(ok ? 0 : 1);
    },
    (error: unknown) => {
      console.error(`[cluster] FAILED: ${(error as Error).stack ?? error}`);
      for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name}: ${r.figure}`);
      process.exit(1);
    },
  );
}
