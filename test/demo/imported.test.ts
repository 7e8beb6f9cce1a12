/**
 * The demo site's imported story (data/articles/port-alder-winter-ferry-timetable.json) is
 * exactly what the WordPress importer makes of demo/imports/port-alder-wordpress.xml: importing
 * the export again into a copy of the demo data changes nothing. So the page the browser audits
 * check (test/browser/, scripts/audit.ts) is the importer's own output, table and nested lists included.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImport } from '../../src/import/run';
import { DEMO_DATA_DIR } from '../helpers/fixture';

const EXPORT = path.resolve(__dirname, '../../demo/imports/port-alder-wordpress.xml');
const SLUG = 'port-alder-winter-ferry-timetable';

test('importing the demo WordPress export again leaves the demo story as it is', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-demo-import-'));
  try {
    cpSync(DEMO_DATA_DIR, dir, { recursive: true });
    const lines = await runImport([EXPORT], { dataDir: dir, update: false, dryRun: false, download: false, now: new Date() });
    expect(lines.map((line) => [line.status, line.record])).toEqual([['unchanged', `articles/${SLUG}.json`]]);
    const record = JSON.parse(readFileSync(path.join(dir, 'articles', `${SLUG}.json`), 'utf8'));
    expect(record.imported).toEqual({ format: 'wordpress', id: 'https://harbour-notes.example.org/?p=418' });
    expect(record.body.map((block: { type: string }) => block.type)).toEqual(expect.arrayContaining(['table', 'list']));
    const nested = record.body.find((block: { type: string }) => block.type === 'list');
    expect(nested.items[0]).toEqual(expect.objectContaining({ text: 'Tickets', ordered: true }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
