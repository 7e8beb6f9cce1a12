/**
 * A WordPress export imported end to end into a copy of the demo data: the
 * records pass the validator, statuses and pages land where they should,
 * images come from --media (a copy of wp-content/uploads), a second run
 * changes nothing, and --update replaces an edited post.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { loadContent } from '../../src/content/load';
import { runImport, type ImportOptions, type ReportLine } from '../../src/import/run';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';

afterAll(removeImportDirs);

const EXPORT = path.join(__dirname, 'fixtures', 'wordpress', 'export.xml');
const NOW = new Date('2026-12-01T00:00:00Z');
const opts = (dataDir: string, more: Partial<ImportOptions> = {}): ImportOptions => ({ dataDir, update: false, dryRun: false, download: false, now: NOW, format: 'wordpress', ...more });
const record = (dir: string, file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

/** A copy of wp-content/uploads with two of the export's pictures. */
async function uploads(dir: string): Promise<string> {
  const media = path.join(dir, '..', `${path.basename(dir)}-uploads`, '2024', '03');
  mkdirSync(media, { recursive: true });
  for (const name of ['ferry.jpg', 'wall.jpg']) await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } }).jpeg().toFile(path.join(media, name));
  return path.dirname(path.dirname(media));
}

const lineFor = (lines: ReportLine[], id: number) => lines.find((l) => l.item === `https://harbour.example/?p=${id}`);

describe('an import of the export', () => {
  let dir: string;
  let lines: ReportLine[];
  beforeAll(async () => {
    dir = demoCopy();
    lines = await runImport([EXPORT], opts(dir, { mediaDir: await uploads(dir) }));
  });

  test('writes records that pass the validator', async () => {
    expect(lines.filter((l) => l.status === 'failed')).toEqual([]);
    expect((await loadContent(dir)).problems).toEqual([]);
  });

  test('maps statuses: published, draft, future (an embargo); skips the rest with reasons', () => {
    expect(record(dir, 'articles/harbour-ferry-back.json').status).toBe('published');
    expect(record(dir, 'articles/council-backs-sea-wall.json').status).toBe('draft');
    expect(record(dir, 'articles/storm-outlook.json')).toEqual(expect.objectContaining({ status: 'published', publishedAt: '2030-01-01T08:00:00.000Z' }));
    expect(lineFor(lines, 15)).toEqual(expect.objectContaining({ status: 'skipped', reason: 'password-protected' }));
  });

  test('the article has its section, tags, authors (matched or made from the channel), main image from --media and its WordPress id', () => {
    const ferry = record(dir, 'articles/harbour-ferry-back.json');
    expect(ferry).toEqual(expect.objectContaining({ headline: 'Harbour ferry & the tide: back in service', section: 'world', tags: ['climate', 'world', 'harbour', 'ferries'], authors: ['maren-holt'], imported: { format: 'wordpress', id: 'https://harbour.example/?p=10' } }));
    expect(ferry.image).toEqual(expect.objectContaining({ alt: 'The ferry at the quay', src: expect.stringMatching(/^images\//) }));
    expect(record(dir, 'articles/council-backs-sea-wall.json').authors).toEqual(['tlund']);
    expect(record(dir, 'authors/tlund.json').name).toBe('Tove Lund');
  });

  test('a duplicate slug is made unique and said; a Cyrillic slug is transliterated, an Arabic one falls back to a stable slug', () => {
    expect(lineFor(lines, 24)).toEqual(expect.objectContaining({ slug: 'same-slug-2', notes: expect.arrayContaining(['slug "same-slug" is taken: the article is same-slug-2']) }));
    expect(lineFor(lines, 28)?.slug).toBe('novosti-gavani');
    // An Arabic slug and headline make no Latin slug: the fallback is stable (a hash of the guid), not "story-2".
    expect(lineFor(lines, 29)?.slug).toMatch(/^story-[0-9a-f]{8}$/);
  });

  test('pages become static pages, the one in the menu in the navigation; a slug the data folder has already is made unique and said', () => {
    // The demo data has its own About and Contact pages, which the import leaves alone.
    expect(record(dir, 'pages/about-2.json')).toEqual(expect.objectContaining({ title: 'About us', nav: true, imported: { format: 'wordpress', id: 'https://harbour.example/?p=40' } }));
    expect(lineFor(lines, 40)?.notes).toContain('slug "about" is taken: the page is /about-2');
    expect(record(dir, 'pages/about.json').imported).toBeUndefined();
    expect(record(dir, 'pages/contact-2.json').nav).toBeUndefined();
  });

  test('importing it again changes nothing; an edited post is skipped unless --update, which replaces it', async () => {
    const again = await runImport([EXPORT], opts(dir, { mediaDir: await uploads(dir) }));
    expect(new Set(again.filter((l) => l.status !== 'skipped').map((l) => l.status))).toEqual(new Set(['unchanged']));
    const edited = path.join(dir, '..', `${path.basename(dir)}-edited.xml`);
    writeFileSync(edited, readFileSync(EXPORT, 'utf8').replace('Passengers said what they saw:', 'Passengers told us what they saw:'));
    expect(lineFor(await runImport([edited], opts(dir, { mediaDir: await uploads(dir) })), 10)).toEqual(expect.objectContaining({ status: 'skipped', reason: expect.stringMatching(/--update replaces it/) }));
    const updated = await runImport([edited], opts(dir, { update: true, mediaDir: await uploads(dir) }));
    expect(lineFor(updated, 10)).toEqual(expect.objectContaining({ status: 'updated', slug: 'harbour-ferry-back' }));
    expect(updated.filter((l) => l.status === 'updated')).toHaveLength(1);
    expect(JSON.stringify(record(dir, 'articles/harbour-ferry-back.json').body)).toContain('Passengers told us what they saw:');
    expect((await loadContent(dir)).problems).toEqual([]);
  });
});

test('a file cut short: the posts before the cut are imported, the file is one failed line with the reason', async () => {
  const dir = demoCopy();
  const whole = readFileSync(EXPORT, 'utf8');
  const cut = path.join(dir, '..', `${path.basename(dir)}-cut.xml`);
  writeFileSync(cut, whole.slice(0, whole.indexOf('<wp:post_id>12</wp:post_id>')));
  const lines = await runImport([cut], opts(dir));
  expect(lines.map((l) => l.status)).toEqual(['written', 'written', 'failed']);
  expect(lines[2]?.reason).toMatch(/^not readable as wordpress: the file ends inside an <item>: cut short/);
  expect((await loadContent(dir)).problems).toEqual([]);
});

test('two posts with one guid (a copied post) become two records, and a second run changes nothing', async () => {
  const dir = demoCopy();
  const twice = path.join(dir, '..', `${path.basename(dir)}-same-guid.xml`);
  // Posts 10 and 11 both say ?p=10, as a copy made by a duplicating plugin does.
  writeFileSync(twice, readFileSync(EXPORT, 'utf8').replace('<guid isPermaLink="false">https://harbour.example/?p=11</guid>', '<guid isPermaLink="false">https://harbour.example/?p=10</guid>'));
  const first = await runImport([twice], opts(dir));
  const both = first.filter((l) => l.item.startsWith('https://harbour.example/?p=10'));
  expect(both.map((l) => [l.item, l.status])).toEqual([
    ['https://harbour.example/?p=10', 'written'],
    ['https://harbour.example/?p=10#wp-post-11', 'written'],
  ]);
  expect(both[1]?.notes).toContain('its guid is another item\'s too in this export: imported as https://harbour.example/?p=10#wp-post-11');
  expect(new Set(both.map((l) => l.slug)).size).toBe(2);
  const again = await runImport([twice], opts(dir));
  expect(again.filter((l) => l.item.startsWith('https://harbour.example/?p=10')).map((l) => l.status)).toEqual(['unchanged', 'unchanged']);
  expect(again.filter((l) => l.status === 'written' || l.status === 'updated' || l.status === 'failed' || /changed since/.test(l.reason ?? ''))).toEqual([]);
});
