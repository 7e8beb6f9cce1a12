/**
 * Ghost exports imported end to end into a copy of the demo data: the output
 * passes the validator, a re-import changes nothing, --update replaces an
 * edited post, and the report says what was skipped and why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/load';
import { runImport, type ImportOptions } from '../../src/import/run';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';

afterAll(removeImportDirs);

const NOW = new Date('2026-12-01T00:00:00Z');
const opts = (dataDir: string, more: Partial<ImportOptions> = {}): ImportOptions => ({ dataDir, update: false, dryRun: false, download: false, now: NOW, ...more });
const FIXTURES = ['ghost-5.json', 'ghost-4.json', 'ghost-3.json', 'ghost-edge.json'].map((name) => path.join(__dirname, 'fixtures', 'ghost', name));

test('every fixture imports into records the validator accepts; skips and drops are said', async () => {
  const dir = demoCopy();
  const lines = await runImport(FIXTURES, opts(dir));
  expect(lines.filter((l) => l.status === 'failed')).toEqual([]);
  expect(lines.filter((l) => l.status === 'skipped').map((l) => [l.item, l.reason])).toEqual([
    ['ghost:uuid-p5', 'an email-only newsletter (status sent): never on the site'],
    ['ghost:uuid-e5', 'an empty post (nothing in its body)'],
  ]);
  expect((await loadContent(dir)).problems).toEqual([]);
  const byItem = new Map(lines.map((l) => [l.item, l]));
  // The demo data has an About page of its own: the imported one takes another slug, and says so.
  expect(byItem.get('ghost:uuid-p2')).toMatchObject({ status: 'written', record: 'pages/about-2.json', notes: expect.arrayContaining(['slug "about" is taken: the page is /about-2']) });
  expect(byItem.get('ghost:uuid-e7')?.slug).toBe('same-slug-2');
  const ferry = byItem.get('ghost:uuid-p1');
  // The demo data has a story of that slug already: ours gets another, and no image file was there to copy.
  expect(ferry?.slug).toBe('harbour-ferry-goes-electric-2');
  expect(ferry?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/dropped the main image: \/content\/images\/2024\/01\/ferry.jpg is not in the data folder/)]));
  const record = JSON.parse(readFileSync(path.join(dir, 'articles', `${ferry?.slug}.json`), 'utf8'));
  expect(record).toMatchObject({ section: 'transport', tags: ['transport', 'ferries'], authors: ['ben-quay', 'ada'], status: 'published', imported: { format: 'ghost', id: 'ghost:uuid-p1' } });
  expect(JSON.parse(readFileSync(path.join(dir, 'authors', 'ada.json'), 'utf8'))).toMatchObject({ name: 'Ada Harbour', bio: 'Ada covers transport.' });
  // A user who wrote none of the imported posts is not made an author.
  expect(lines.flatMap((l) => l.notes).join()).not.toMatch(/Never Wrote/);
});

test('a re-import is all unchanged; --update replaces an edited post', async () => {
  const dir = demoCopy();
  const first = await runImport(FIXTURES, opts(dir));
  const again = await runImport(FIXTURES, opts(dir));
  expect(again.filter((l) => l.status !== 'skipped').map((l) => l.status)).toEqual(first.filter((l) => l.status !== 'skipped').map(() => 'unchanged'));

  const edited = path.join(dir, '..', `${path.basename(dir)}-ghost-3.json`);
  writeFileSync(edited, readFileSync(FIXTURES[2] as string, 'utf8').replace('Only <strong>HTML</strong> here.', 'Edited in Ghost.'));
  const skipped = await runImport([edited], opts(dir));
  expect(skipped.find((l) => l.item === 'ghost:uuid-o3')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/--update replaces it/) });
  const updated = await runImport([edited], opts(dir, { update: true }));
  const line = updated.find((l) => l.item === 'ghost:uuid-o3');
  expect(line).toMatchObject({ status: 'updated', slug: 'html-only' });
  expect(readFileSync(path.join(dir, 'articles', 'html-only.json'), 'utf8')).toContain('Edited in Ghost.');
  expect((await loadContent(dir)).problems).toEqual([]);
});
