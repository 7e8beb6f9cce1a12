/** Data folders for import tests: a copy of the demo data (its site, authors and sources) to import into. */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DATA_DIR } from './fixture';

const made: string[] = [];

/** A fresh copy of data/ (or of `from`), removed by removeImportDirs. */
export function demoCopy(from = DEMO_DATA_DIR): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-import-'));
  made.push(dir);
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** Removes every folder made here, and the input files tests wrote beside one ("<folder>-edited.xml"). */
export function removeImportDirs(): void {
  for (const dir of made.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    const parent = path.dirname(dir);
    for (const name of readdirSync(parent)) if (name.startsWith(`${path.basename(dir)}-`)) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

export const SEED_FILE = path.resolve(__dirname, '../../../shared/seed/article-247newsreel.txt');
