/**
 * Benchmark corpora from `npm run corpus`, kept under the bench's temp folder
 * and reused by later runs when they were made with the same arguments by the
 * same generator (a marker next to each corpus records both).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { track } from './procs';
import { ROOT } from './server';

function generatorHash(): string {
  const hash = createHash('sha256');
  // Every module of src/corpus, in a fixed order, and the CLI: a change to any of them may change the corpus.
  const modules = readdirSync(path.join(ROOT, 'src/corpus')).filter((file) => file.endsWith('.ts')).sort();
  for (const file of [...modules.map((file) => `src/corpus/${file}`), 'src/cli/corpus.ts']) hash.update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 16);
}

export interface CorpusDir {
  articles: number;
  dir: string;
  /** Seconds spent generating it in this run (0 when reused). */
  generatedSec: number;
}

export async function ensureCorpus(baseDir: string, articles: number, seed = 1): Promise<CorpusDir> {
  const dir = path.join(baseDir, `corpus-${articles}-seed${seed}`);
  const marker = `${dir}.json`;
  const want = JSON.stringify({ articles, seed, generator: generatorHash() });
  if (existsSync(marker) && existsSync(path.join(dir, 'site.json')) && readFileSync(marker, 'utf8') === want) return { articles, dir, generatedSec: 0 };
  rmSync(marker, { force: true });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = track(
      spawn('npm', ['run', '-s', 'corpus', '--', '--articles', String(articles), '--out', dir, '--seed', String(seed), ...(existsSync(dir) ? ['--force'] : [])], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      }),
    );
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run corpus exited with ${code}`))));
  });
  writeFileSync(marker, want);
  return { articles, dir, generatedSec: (performance.now() - started) / 1000 };
}

export function removeCorpus(corpus: CorpusDir): void {
  rmSync(corpus.dir, { recursive: true, force: true });
  rmSync(`${corpus.dir}.json`, { force: true });
}
