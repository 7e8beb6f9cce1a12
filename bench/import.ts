/**
 * `npm run bench:import [-- --items N]`: how fast the import command takes a
 * large agency delivery, and its memory. Writes N generated ninjs 2.x items
 * (headline, bylines, subjects, an HTML body of a dozen paragraphs, a list
 * and a quote) into a scratch folder, then runs, each in its own process:
 *   (a) the floor: read and JSON.parse every file, nothing else;
 *   (b) `node dist/src/cli/import.js` into a copy of the demo data.
 * Prints items/s, the ratio of (b) to (a), and the peak RSS of (b) against
 * the targets (≥ 1,000 items/s, RSS ≤ 300 MB at 10,000 items).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../src/corpus/generate';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const ITEMS = Number(args[args.indexOf('--items') + 1] ?? '') || 10_000;
const WORDS = 'harbour council ferry storm budget vote energy rail school hospital river market port bridge weather report minister strike court'.split(' ');

function item(i: number, rng: () => number): object {
  const word = () => WORDS[Math.floor(rng() * WORDS.length)] as string;
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const paragraphs = Array.from({ length: 12 }, () => `<p>${sentence(30)}, <em>${word()}</em> and <a href="https://example.org/${word()}">${word()}</a>.</p>`).join('');
  return {
    uri: `urn:bench:item:${i}`,
    type: 'text',
    version: '1',
    headline: `${sentence(6)} ${i}`,
    description_text: `${sentence(18)}.`,
    body_html: `${paragraphs}<ul><li>${sentence(5)}</li><li>${sentence(5)}</li></ul><blockquote><p>${sentence(12)}</p><footer>— ${word()}</footer></blockquote>`,
    byline: `By Reporter ${i % 40} and Editor ${i % 7}`,
    subject: [{ name: word() }, { name: word() }],
    firstcreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    pubstatus: 'usable',
    language: 'en',
  };
}

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

async function main(): Promise<void> {
  console.error('[bench:import] npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsreel-bench-import-'));
  try {
    const inputs = path.join(work, 'in');
    mkdirSync(inputs);
    const rng = mulberry32(7);
    const files = Array.from({ length: ITEMS }, (_, i) => {
      const file = path.join(inputs, `item-${i}.json`);
      writeFileSync(file, JSON.stringify(item(i, rng)));
      return file;
    });
    const floorScript = path.join(work, 'floor.js');
    writeFileSync(floorScript, "const fs=require('fs');let n=0;for(const f of process.argv.slice(2)){JSON.parse(fs.readFileSync(f,'utf8'));n++}");
    const data = path.join(work, 'data');
    cpSync(path.join(ROOT, 'data'), data, { recursive: true });
    const floor = await measure(process.execPath, [floorScript, ...files]);
    const run = await measure(process.execPath, [path.join(ROOT, 'dist/src/cli/import.js'), '--data', data, '--status', 'published', '--no-download', '--json', ...files]);
    const rate = ITEMS / run.seconds;
    console.log(`## Import: ${ITEMS} ninjs items\n`);
    console.log('|  | seconds | items/s | × floor time | peak RSS MB |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(`| (a) floor: read + JSON.parse | ${floor.seconds.toFixed(2)} | ${Math.round(ITEMS / floor.seconds)} | 1.00 | ${floor.peakMb.toFixed(0)} |`);
    console.log(`| (b) npm run import | ${run.seconds.toFixed(2)} | ${Math.round(rate)} | ${(run.seconds / floor.seconds).toFixed(1)} | ${run.peakMb.toFixed(0)} |`);
    console.log(`\nexit status ${run.code}; targets: ≥ 1,000 items/s: ${rate >= 1000 ? 'met' : '**missed**'}; peak RSS ≤ 300 MB: ${run.peakMb <= 300 ? 'met' : '**missed**'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
