/**
 * `npm run bench:import [-- --format F] [-- --items N]`: how fast the import
 * command takes its three kinds of large input, and its memory, each against
 * a floor measured in the same run:
 *   - ninjs: N agency items, one file each (default 10,000; targets ≥ 1,000
 *     items/s, peak RSS ≤ 300 MB); the floor reads and JSON.parses every file;
 *   - wordpress: one WXR export of N posts (default 100,000, about 1 GB;
 *     targets ≥ 500 posts/s, ≤ 300 MB); the floor streams the file through
 *     htmlparser2's XML tokenizer and nothing else;
 *   - ghost: one Ghost 5 export of N posts (default 20,000; same targets);
 *     the floor reads the file and JSON.parses it whole.
 * Each command runs in its own process, `node dist/src/cli/import.js` into a
 * fresh copy of the demo data, its peak RSS sampled from /proc. With no
 * --format, all three run, one after another.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeGhostExport } from './import-inputs/ghost';
import { writeNinjsItems } from './import-inputs/ninjs';
import { writeWordpressExport } from './import-inputs/wordpress';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ITEMS = Number(option('--items') ?? '') || undefined;
const FORMAT = option('--format');

/** Runs a command, sampling its peak RSS (VmHWM); wall seconds and MB. */
function measure(command: string, commandArgs: string[]): Promise<{ seconds: number; peakMb: number; code: number | null }> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
    let peak = 0;
    const sample = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch {
        // the process has exited
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(sample);
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peakMb: peak, code });
    });
  });
}

interface Case {
  name: string;
  unit: string;
  count: number;
  target: number;
  /** Writes the input into `folder`; the command-line arguments naming it. */
  write(folder: string): string[];
  /** The floor: a script run with the input's arguments. */
  floor: string;
  floorLabel: string;
  importArgs: string[];
}

const FLOOR_JSON_FILES = "const fs=require('fs');for(const f of process.argv.slice(2))JSON.parse(fs.readFileSync(f,'utf8'))";
const FLOOR_JSON_WHOLE = "const fs=require('fs');JSON.parse(fs.readFileSync(process.argv[2],'utf8'))";
const FLOOR_XML_STREAM = `const {Parser}=require(${JSON.stringify(require.resolve('htmlparser2'))});const p=new Parser({},{xmlMode:true,recognizeCDATA:true});const s=require('fs').createReadStream(process.argv[2],{encoding:'utf8',highWaterMark:1<<20});s.on('data',(c)=>p.write(c));s.on('end',()=>p.end())`;

const CASES: Case[] = [
  {
    name: 'ninjs', unit: 'items', count: ITEMS ?? 10_000, target: 1000, floor: FLOOR_JSON_FILES, floorLabel: 'read + JSON.parse each file', importArgs: ['--status', 'published'],
    write(folder) { return writeNinjsItems(folder, this.count); },
  },
  {
    name: 'wordpress', unit: 'posts', count: ITEMS ?? 100_000, target: 500, floor: FLOOR_XML_STREAM, floorLabel: 'stream through the XML tokenizer', importArgs: [],
    write(folder) {
      const file = path.join(folder, 'export.xml');
      const bytes = writeWordpressExport(file, this.count);
      console.error(`[bench:import] wordpress: ${(bytes / 2 ** 20).toFixed(0)} MiB of WXR`);
      return [file];
    },
  },
  {
    name: 'ghost', unit: 'posts', count: ITEMS ?? 20_000, target: 500, floor: FLOOR_JSON_WHOLE, floorLabel: 'read + JSON.parse whole', importArgs: [],
    write(folder) {
      const file = path.join(folder, 'export.json');
      const bytes = writeGhostExport(file, this.count);
      console.error(`[bench:import] ghost: ${(bytes / 2 ** 20).toFixed(0)} MiB of JSON`);
      return [file];
    },
  },
];

async function runCase(work: string, bench: Case): Promise<void> {
  const inputs = path.join(work, `in-${bench.name}`);
  mkdirSync(inputs);
  const files = bench.write(inputs);
  const floorScript = path.join(work, `floor-${bench.name}.js`);
  writeFileSync(floorScript, bench.floor);
  const data = path.join(work, `data-${bench.name}`);
  cpSync(path.join(ROOT, 'data'), data, { recursive: true });
  const floor = await measure(process.execPath, [floorScript, ...files]);
  const run = await measure(process.execPath, [path.join(ROOT, 'dist/src/cli/import.js'), '--data', data, '--no-download', '--json', '--format', bench.name, ...bench.importArgs, ...files]);
  const rate = bench.count / run.seconds;
  console.log(`## Import: ${bench.count.toLocaleString('en')} ${bench.name} ${bench.unit}\n`);
  console.log(`|  | seconds | ${bench.unit}/s | × floor time | peak RSS MB |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(`| (a) floor: ${bench.floorLabel} | ${floor.seconds.toFixed(2)} | ${Math.round(bench.count / floor.seconds)} | 1.00 | ${floor.peakMb.toFixed(0)} |`);
  console.log(`| (b) npm run import | ${run.seconds.toFixed(2)} | ${Math.round(rate)} | ${(run.seconds / floor.seconds).toFixed(1)} | ${run.peakMb.toFixed(0)} |`);
  console.log(`\nexit status ${run.code}; targets: ≥ ${bench.target.toLocaleString('en')} ${bench.unit}/s: ${rate >= bench.target ? 'met' : '**missed**'}; peak RSS ≤ 300 MB: ${run.peakMb <= 300 ? 'met' : '**missed**'}\n`);
  rmSync(inputs, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const cases = FORMAT ? CASES.filter((c) => c.name === FORMAT) : CASES;
  if (cases.length === 0) throw new Error(`--format ${FORMAT}: one of ${CASES.map((c) => c.name).join(', ')}`);
  console.error('[bench:import] npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsreel-bench-import-'));
  try {
    for (const bench of cases) await runCase(work, bench);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
