/**
 * The run's writes (src/import/writes.ts) are made while it goes on and put
 * in place at the end: a run that stops at a bad file leaves the data folder
 * exactly as it was (no temporary file, no folder made for a picture), and
 * one that finishes leaves no temporary file.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { runImport, UsageError, type ImportOptions } from '../../src/import/run';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';

afterAll(removeImportDirs);

const NOW = new Date('2026-12-01T00:00:00Z');
const opts = (dataDir: string, more: Partial<ImportOptions> = {}): ImportOptions => ({ dataDir, update: false, dryRun: false, download: false, now: NOW, ...more });

/** Every file and folder below `dir` (hidden ones too), files with their bytes. */
function tree(dir: string, at = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, at))) {
    const rel = path.join(at, name);
    if (!statSync(path.join(dir, rel)).isDirectory()) entries.set(rel, readFileSync(path.join(dir, rel), 'latin1'));
    else {
      entries.set(`${rel}/`, '');
      for (const [file, text] of tree(dir, rel)) entries.set(file, text);
    }
  }
  return entries;
}

/** Thirty ninjs stories, the first with a picture found in `mediaDir` (its file goes to a folder the import makes). */
async function stories(dir: string, mediaDir: string): Promise<string[]> {
  mkdirSync(mediaDir, { recursive: true });
  writeFileSync(path.join(mediaDir, 'harbour.png'), await sharp({ create: { width: 40, height: 30, channels: 3, background: '#346' } }).png().toBuffer());
  return Array.from({ length: 30 }, (_, i) => {
    const file = path.join(dir, '..', `${path.basename(dir)}-story-${i}.json`);
    const picture = i === 0 ? { associations: [{ type: 'picture', name: 'The harbour', renditions: [{ href: 'harbour.png', contenttype: 'image/png', width: 40, height: 30 }] }] } : {};
    writeFileSync(file, JSON.stringify({ uri: `urn:staged:${i}`, type: 'text', headline: `Story number ${i}`, body_html: `<p>The body of story ${i}.</p>`, byline: 'By Maren Holt', firstcreated: '2026-11-30T10:00:00Z', ...picture }));
    return file;
  });
}

test('a run that stops at a file of no known format leaves the data folder as it was', async () => {
  const dir = demoCopy();
  const files = await stories(dir, path.join(dir, '..', `${path.basename(dir)}-media`));
  const before = tree(dir);
  const unknown = path.join(dir, '..', `${path.basename(dir)}-unknown.xml`);
  writeFileSync(unknown, '<not-news/>');
  files.splice(20, 0, unknown);
  await expect(runImport(files, opts(dir, { mediaDir: path.join(dir, '..', `${path.basename(dir)}-media`) }))).rejects.toThrow(new UsageError(`${unknown}: not a format the importer knows; name one with --format`));
  expect(tree(dir)).toEqual(before);
});

test('a run that finishes leaves its files and no temporary one', async () => {
  const dir = demoCopy();
  const mediaDir = path.join(dir, '..', `${path.basename(dir)}-media`);
  const lines = await runImport(await stories(dir, mediaDir), opts(dir, { mediaDir }));
  expect(lines.map((line) => line.status)).toEqual(Array(30).fill('written'));
  const files = [...tree(dir).keys()];
  expect(files.filter((file) => path.basename(file).startsWith('.'))).toEqual([]);
  expect(files.filter((file) => file.startsWith('images/imported/') && file.endsWith('.png'))).toHaveLength(1);
  expect(files.filter((file) => file.startsWith('articles/story-number-'))).toHaveLength(30);
});
