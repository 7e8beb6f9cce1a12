/**
 * npm run audit: Lighthouse 12 (mobile and desktop presets) on every page type
 * of the demo site, served by the real server on 127.0.0.1, in Debian's
 * Chromium. Prints the four category scores and LCP, CLS and TBT per page and
 * exits 1 when a page misses its target:
 *
 *   accessibility, best practices, SEO   100 (deterministic: any miss is a real fault)
 *   performance                          98 is the target; below 90 fails, 90–97 warns.
 *
 * Why a floor of 90 for performance: this machine is a shared 2-core box, and
 * Lighthouse's simulated throttling multiplies whatever CPU contention there
 * is at the moment into TBT and LCP; the same page moves several points
 * between runs. A page that really regressed (a render-blocking script, an
 * unsized image, a 1 MB picture) lands far below 90. A page under 98 is run
 * once more and the better run counts, again because of noise.
 *
 * Before auditing, every page and every image variant it references is fetched
 * once, as the first visitor would: variants are made on first request, and
 * timing an encode would measure the cold cache, not the page.
 *
 * Each run gets a fresh Chromium profile in a scratch folder; TMPDIR points
 * there too (Chromium leaves folders in it). Reports go to
 * test-artifacts/lighthouse/<page>-<preset>.json.
 *
 * Environment: CHROME_PATH (default /usr/bin/chromium), AUDIT_PAGES (comma
 * separated page names, default all), PERF_FLOOR (default 90).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../bench/free-port';
import { readConfig } from '../src/config';
import { createLogger } from '../src/log';
import { start } from '../src/server';
import { CHROME_FLAGS, CHROME_PATH } from '../test/browser/chromium';

const ROOT = path.resolve(__dirname, '..');
const LIGHTHOUSE = path.join(ROOT, 'node_modules', '.bin', 'lighthouse');
const REPORT_DIR = path.join(ROOT, 'test-artifacts', 'lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const PERF_TARGET = 98;
const PERF_FLOOR = Number(process.env.PERF_FLOOR ?? 90);

/** One page per page type of the demo data. */
const PAGES: Record<string, string> = {
  home: '/',
  article: '/articles/night-train-returns',
  // Every newer block type (table, embed, code, divider, gallery, nested lists, a text-only figure).
  'article-blocks': '/articles/port-alder-punctuality-data',
  // Made by the WordPress importer (demo/imports/port-alder-wordpress.xml): a table and nested lists.
  'article-imported': '/articles/port-alder-winter-ferry-timetable',
  author: '/authors/maren-holt',
  source: '/sources/port-alder-city-council',
  tag: '/tags/port-alder',
  search: '/search?q=harbour',
  // A static page (data/pages/about.json).
  'static-page': '/about',
};
/**
 * Audits left out on purpose, per page. Search result pages are `noindex, follow` by design
 * (docs/seo.md: result lists are not content of their own, and search engines ask sites not to
 * let them index internal search results), which Lighthouse's "is-crawlable" counts against SEO.
 */
const SKIPPED_AUDITS: Record<string, string[]> = { search: ['is-crawlable'] };
const PRESETS = ['mobile', 'desktop'] as const;
type Preset = (typeof PRESETS)[number];

interface Result {
  page: string;
  preset: Preset;
  scores: Record<(typeof CATEGORIES)[number], number>;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  failing: string[];
}

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, { score: number | null; numericValue?: number; title: string; displayValue?: string }>;
  runtimeError?: { message: string };
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

/** Fetches a page and every same-site image it references (src and srcset), so the variants exist. */
async function warm(base: string, url: string): Promise<void> {
  const html = await (await fetch(base + url)).text();
  const urls = new Set<string>();
  for (const m of html.matchAll(/\s(?:src|srcset)="([^"]+)"/g)) {
    for (const candidate of (m[1] as string).split(',')) {
      const u = candidate.trim().split(/\s+/)[0];
      if (u?.startsWith('/')) urls.add(u);
    }
  }
  for (const m of html.matchAll(/<link rel="(?:stylesheet|icon)" href="([^"]+)"/g)) urls.add(m[1] as string);
  // Two at a time: the encoder is the bottleneck and the box is shared.
  const list = [...urls];
  for (let i = 0; i < list.length; i += 2) {
    await Promise.all(list.slice(i, i + 2).map(async (u) => {
      const res = await fetch(base + u);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${u} (referenced by ${url}) answered ${res.status}`);
    }));
  }
}

/** Lighthouse now and then loses its trace (NO_NAVSTART, NO_FCP) on a busy machine: try up to three times. */
async function lighthouse(scratch: string, base: string, name: string, url: string, preset: Preset): Promise<LighthouseReport> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(scratch, base, name, url, preset, attempt);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.warn(`(retrying: ${(error as Error).message.split('\n')[0]})`);
    }
  }
}

async function lighthouseOnce(scratch: string, base: string, name: string, url: string, preset: Preset, attempt: number): Promise<LighthouseReport> {
  const profile = mkdtempSync(path.join(scratch, `profile-${name}-${preset}-`));
  const output = path.join(REPORT_DIR, `${name}-${preset}.json`);
  const args = [
    base + url,
    `--chrome-flags=${[...CHROME_FLAGS, `--user-data-dir=${profile}`].join(' ')}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    '--output=json',
    `--output-path=${output}`,
    '--quiet',
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ...(SKIPPED_AUDITS[name] ? [`--skip-audits=${SKIPPED_AUDITS[name].join(',')}`] : []),
  ];
  const { code, stderr } = await run(LIGHTHOUSE, args, { ...process.env, CHROME_PATH, TMPDIR: scratch });
  rmSync(profile, { recursive: true, force: true });
  if (code !== 0) throw new Error(`lighthouse failed on ${name} (${preset}, attempt ${attempt}): ${stderr.slice(-2000)}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as LighthouseReport;
  if (report.runtimeError) throw new Error(`lighthouse could not audit ${name} (${preset}): ${report.runtimeError.message}`);
  return report;
}

function summarise(name: string, preset: Preset, report: LighthouseReport): Result {
  const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])) as Result['scores'];
  // The audits behind a category below 100, so a failure says what to fix.
  const failing: string[] = [];
  for (const id of CATEGORIES.filter((c) => c !== 'performance' && scores[c] < 100)) {
    for (const ref of report.categories[id]?.auditRefs ?? []) {
      const audit = report.audits[ref.id];
      if (audit && audit.score !== null && audit.score < 1 && ref.weight > 0) failing.push(`${id}: ${ref.id} (${audit.title})`);
    }
  }
  if (scores.performance < PERF_TARGET) {
    for (const ref of report.categories.performance?.auditRefs ?? []) {
      const audit = report.audits[ref.id];
      if (audit && audit.score !== null && audit.score < 0.9 && ref.weight > 0) failing.push(`performance: ${ref.id} ${audit.displayValue ?? ''}`.trim());
    }
  }
  return {
    page: name,
    preset,
    scores,
    lcpMs: report.audits['largest-contentful-paint']?.numericValue ?? NaN,
    cls: report.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    tbtMs: report.audits['total-blocking-time']?.numericValue ?? NaN,
    failing,
  };
}

async function main(): Promise<void> {
  const wanted = process.env.AUDIT_PAGES?.split(',').map((s) => s.trim()).filter(Boolean);
  const pages = Object.entries(PAGES).filter(([name]) => !wanted || wanted.includes(name));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'newsreel-audit-'));
  mkdirSync(REPORT_DIR, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Production settings, with canonical URLs on the address Lighthouse visits (its SEO audit checks them).
  process.env.IMAGE_CACHE_DIR = path.join(scratch, 'images');
  const config = readConfig({ ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(ROOT, 'data'), NODE_ENV: 'production', BASE_URL: base, LOG_LEVEL: 'warn' });
  const site = await start(config, createLogger('warn'));
  const results: Result[] = [];
  try {
    for (const [, url] of pages) await warm(base, url);
    for (const [name, url] of pages) {
      for (const preset of PRESETS) {
        let result = summarise(name, preset, await lighthouse(scratch, base, name, url, preset));
        if (result.scores.performance < PERF_TARGET) {
          // Performance is noisy here: one more run, the better one counts.
          const again = summarise(name, preset, await lighthouse(scratch, base, name, url, preset));
          if (again.scores.performance > result.scores.performance) result = again;
        }
        results.push(result);
        const s = result.scores;
        const skipped = SKIPPED_AUDITS[name] ? `  (skipped by design: ${SKIPPED_AUDITS[name].join(', ')})` : '';
        console.log(
          `${name.padEnd(8)} ${preset.padEnd(7)}  perf ${String(s.performance).padStart(3)}  a11y ${String(s.accessibility).padStart(3)}  best ${String(s['best-practices']).padStart(3)}  seo ${String(s.seo).padStart(3)}` +
            `   LCP ${(result.lcpMs / 1000).toFixed(2)} s  CLS ${result.cls.toFixed(3)}  TBT ${Math.round(result.tbtMs)} ms${skipped}`,
        );
        for (const line of result.failing) console.log(`    ${line}`);
      }
    }
  } finally {
    await site.stop();
    rmSync(scratch, { recursive: true, force: true });
  }

  const failures: string[] = [];
  const warnings: string[] = [];
  for (const r of results) {
    for (const c of ['accessibility', 'best-practices', 'seo'] as const) if (r.scores[c] < 100) failures.push(`${r.page} ${r.preset}: ${c} ${r.scores[c]} < 100`);
    if (r.scores.performance < PERF_FLOOR) failures.push(`${r.page} ${r.preset}: performance ${r.scores.performance} < ${PERF_FLOOR}`);
    else if (r.scores.performance < PERF_TARGET) warnings.push(`${r.page} ${r.preset}: performance ${r.scores.performance} is under the target of ${PERF_TARGET} (machine noise, or a real slowdown: compare with another run)`);
  }
  for (const w of warnings) console.warn(`warning: ${w}`);
  if (failures.length) {
    console.error(`\nLighthouse targets missed:\n  ${failures.join('\n  ')}\nReports: ${path.relative(ROOT, REPORT_DIR)}/`);
    process.exitCode = 1;
  } else {
    console.log(`\nAll ${results.length} audits meet their targets. Reports: ${path.relative(ROOT, REPORT_DIR)}/`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
