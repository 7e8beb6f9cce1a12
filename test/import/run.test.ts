/**
 * The import run: idempotent re-import, --update, never overwriting a record
 * it did not write, dry runs, media, and every outcome in the report.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import sharp from 'sharp';
import { loadContent } from '../../src/content/load';
import { runImport, UsageError, type ImportOptions } from '../../src/import/run';
import { plainInline } from '../../src/text/inline';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';

afterAll(removeImportDirs);

const NOW = new Date('2026-12-01T00:00:00Z');
const opts = (dataDir: string, more: Partial<ImportOptions> = {}): ImportOptions => ({ dataDir, update: false, dryRun: false, download: false, now: NOW, ...more });

function copyFile(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, '..', `${path.basename(dir)}-${name}`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const STORY = ['The ferry runs again after a week. Northwind Press.', 'Boats were back by noon.', 'Source: Northwind Press Agency', '', 'Maren Holt is a reporter who covers the coast.'];

test('importing the same file twice changes nothing the second time', async () => {
  const dir = demoCopy();
  const file = copyFile(dir, 'ferry.txt', STORY);
  const first = await runImport([file], opts(dir));
  expect(first.map((l) => l.status)).toEqual(['written']);
  const before = readFileSync(path.join(dir, 'articles', `${first[0]?.slug}.json`), 'utf8');
  const files = readdirSync(path.join(dir, 'articles')).length;
  const second = await runImport([file], opts(dir, { now: new Date('2026-12-02T00:00:00Z') }));
  expect(second).toEqual([expect.objectContaining({ status: 'unchanged', slug: first[0]?.slug })]);
  expect(readFileSync(path.join(dir, 'articles', `${first[0]?.slug}.json`), 'utf8')).toBe(before);
  expect(readdirSync(path.join(dir, 'articles'))).toHaveLength(files);
});

test('a changed source is skipped with the reason unless --update, which replaces the record it wrote', async () => {
  const dir = demoCopy();
  const file = copyFile(dir, 'ferry.txt', STORY);
  const [first] = await runImport([file], opts(dir));
  writeFileSync(file, [...STORY.slice(0, 2), 'A second paragraph arrived.', ...STORY.slice(2)].join('\n'));
  const skipped = await runImport([file], opts(dir));
  expect(skipped).toEqual([expect.objectContaining({ status: 'skipped', reason: expect.stringMatching(/--update replaces it/) })]);
  const updated = await runImport([file], opts(dir, { update: true }));
  expect(updated).toEqual([expect.objectContaining({ status: 'updated', slug: first?.slug })]);
  const record = JSON.parse(readFileSync(path.join(dir, 'articles', `${first?.slug}.json`), 'utf8'));
  expect(record.body.map((b: { text: string }) => b.text)).toContain('A second paragraph arrived.');
  expect(record.imported).toEqual({ format: 'text', id: `text:${path.basename(file)}` });
});

test('never overwrites a record it did not write: a taken slug gets a new one', async () => {
  const dir = demoCopy();
  const file = copyFile(dir, 'x.txt', ['Harbour ferry goes electric. Northwind Press.', 'Boats were back by noon.']);
  const hand = readFileSync(path.join(dir, 'articles/harbour-ferry-goes-electric.json'), 'utf8');
  const [line] = await runImport([file], opts(dir, { headline: 'Harbour ferry goes electric' }));
  expect(line?.slug).toBe('harbour-ferry-goes-electric-2');
  expect(readFileSync(path.join(dir, 'articles/harbour-ferry-goes-electric.json'), 'utf8')).toBe(hand);
});

test('authors and sources are matched by name (and aliases) or created once, marked as imported', async () => {
  const dir = demoCopy();
  const source = JSON.parse(readFileSync(path.join(dir, 'sources/afp.json'), 'utf8'));
  writeFileSync(path.join(dir, 'sources/afp.json'), JSON.stringify({ ...source, aliases: ['Agence France-Presse'] }));
  const a = copyFile(dir, 'a.txt', ['A first story for the desk.', 'It rained, Agence France-Presse reported.', 'Then Zeta Wire reported more.']);
  const b = copyFile(dir, 'b.txt', ['A second story for the desk.', 'Zeta Wire reported it too.']);
  const lines = await runImport([a, b], opts(dir));
  expect(lines.map((l) => l.status)).toEqual(['written', 'written']);
  const first = JSON.parse(readFileSync(path.join(dir, 'articles', `${lines[0]?.slug}.json`), 'utf8'));
  expect(first.sources).toEqual(['afp', 'zeta-wire']);
  expect(JSON.parse(readFileSync(path.join(dir, 'sources/zeta-wire.json'), 'utf8'))).toEqual({ slug: 'zeta-wire', name: 'Zeta Wire', imported: { format: 'text', id: 'source:Zeta Wire' } });
  expect(lines[0]?.notes.join('\n')).toMatch(/no byline: credited to "247 News Reel Desk"/);
  expect((await loadContent(dir)).problems).toEqual([]);
});

test('--dry-run reports and writes nothing', async () => {
  const dir = demoCopy();
  const file = copyFile(dir, 'ferry.txt', STORY);
  const before = readdirSync(path.join(dir, 'articles')).sort();
  const lines = await runImport([file], opts(dir, { dryRun: true }));
  expect(lines.map((l) => l.status)).toEqual(['written']);
  expect(readdirSync(path.join(dir, 'articles')).sort()).toEqual(before);
  expect(existsSync(path.join(dir, 'authors/maren-holt-2.json'))).toBe(false);
});

test('bad usage and unreadable files are usage errors, before anything is written', async () => {
  const dir = demoCopy();
  await expect(runImport([path.join(dir, 'nope.txt')], opts(dir))).rejects.toThrow(UsageError);
  await expect(runImport([path.join(dir, 'site.json')], opts(dir, { format: 'nosuch' }))).rejects.toThrow(/--format nosuch/);
  await expect(runImport([path.join(dir, 'site.json')], opts(path.join(dir, 'articles')))).rejects.toThrow(/no valid site.json/);
});

describe('media', () => {
  let server: http.Server;
  let base: string;
  let png: Buffer;
  beforeAll(async () => {
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#346' } }).png().toBuffer();
    server = http.createServer((req, res) => {
      if (req.url === '/pic.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
      else if (req.url === '/page.html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>no</p>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const draftWith = (srcs: string[]) => ({
    kind: 'article' as const,
    notes: [],
    draft: { sourceId: 'm1', headline: 'Pictures', standfirst: 'Some pictures.', authors: [], sources: [], tags: [], body: [{ type: 'paragraph' as const, text: 'Words.' }, ...srcs.map((src) => ({ type: 'image' as const, src, alt: 'A picture', caption: 'A caption' }))] },
  });

  test('a URL is downloaded, a file name found in --media, and a missing or non-image one dropped and named', async () => {
    const dir = demoCopy();
    const mediaDir = path.join(dir, 'images');
    const { buildItem, RunState } = await import('../../src/import/records');
    const { indexData } = await import('../../src/import/data-index');
    const { MediaResolver } = await import('../../src/import/media');
    const index = await indexData(dir);
    const media = new MediaResolver({ dataDir: dir, mediaDir: path.join(mediaDir, 'site'), download: true });
    const notes: string[] = [];
    const built = await buildItem(draftWith([`${base}/pic.png`, 'logo.png', `${base}/missing.png`, `${base}/page.html`]).draft, index, new RunState(), media, { format: 'ninjs', now: NOW }, notes);
    if (!('article' in built)) throw new Error(JSON.stringify(built));
    const images = built.article.body.filter((b) => b.type === 'image') as { src?: string; caption?: string }[];
    expect(images[0]?.src).toMatch(/^images\/imported\/pic-[0-9a-f]{10}\.png$/);
    expect(images[1]?.src).toMatch(/^images\/imported\/logo-[0-9a-f]{10}\.png$/);
    // The two that cannot be had keep their captions as text-only figures; the report names each URL.
    expect(images.slice(2).map((i) => i.src)).toEqual([undefined, undefined]);
    expect(notes.join('\n')).toContain(`${base}/missing.png cannot be downloaded (HTTP 404)`);
    expect(notes.join('\n')).toContain(`${base}/page.html is not an image (text/html)`);
    expect(built.images.map((i) => i.path)).toHaveLength(2);
  });
});

test('a story its source withdraws (pubstatus canceled) comes down: --update makes the earlier import a draft', async () => {
  const dir = demoCopy();
  const file = path.join(dir, '..', `${path.basename(dir)}-item.json`);
  const item = { uri: 'urn:test:withdrawn', type: 'text', version: '1', headline: 'A story that is withdrawn', body_text: 'Words of the story.', firstcreated: '2026-05-01T10:00:00Z', pubstatus: 'usable' };
  writeFileSync(file, JSON.stringify(item));
  const [first] = await runImport([file], opts(dir));
  expect(first).toMatchObject({ status: 'written' });
  const record = () => JSON.parse(readFileSync(path.join(dir, 'articles', `${first?.slug}.json`), 'utf8'));
  expect(record().status).toBe('published');
  writeFileSync(file, JSON.stringify({ ...item, pubstatus: 'canceled' }));
  const [warned] = await runImport([file], opts(dir));
  expect(warned).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/still published; --update makes it a draft/) });
  expect(record().status).toBe('published');
  const [withdrawn] = await runImport([file], opts(dir, { update: true }));
  expect(withdrawn).toMatchObject({ status: 'updated', reason: expect.stringMatching(/withdrawn by its source, now a draft/) });
  expect(record().status).toBe('draft');
  expect((await loadContent(dir)).articles.get(first?.slug as string)?.status).toBe('draft');
});

test('a headline is kept as written and a plain standfirst is escaped, so neither loses characters Markdown would take', async () => {
  const dir = demoCopy();
  const item = { uri: 'urn:test:markdown-chars', type: 'text', version: '1', headline: 'Why __init__ runs twice [sic] in C:\\temp', description_text: '5*3 = 15, not 5_3 [see note]', body_html: '<p>Boats were back by noon.</p>', byline: 'By Maren Holt', pubstatus: 'usable', firstcreated: '2026-11-30T10:00:00Z' };
  const file = copyFile(dir, 'chars.json', [JSON.stringify(item)]);
  const [line] = await runImport([file], opts(dir));
  const record = JSON.parse(readFileSync(path.join(dir, 'articles', `${line?.slug}.json`), 'utf8'));
  expect(record.headline).toBe('Why __init__ runs twice [sic] in C:\\temp');
  expect(plainInline(record.standfirst)).toBe('5*3 = 15, not 5_3 [see note]');
  expect((await loadContent(dir)).problems).toEqual([]);
});

test('a story that is only a picture that cannot be had is skipped with the reason, not failed', async () => {
  const dir = demoCopy();
  const item = { uri: 'urn:test:picture-only', type: 'text', version: '1', headline: 'The harbour at dawn', body_html: '<figure><img src="https://photos.example/dawn.jpg" alt="Boats at dawn"></figure>', pubstatus: 'usable' };
  const [line] = await runImport([copyFile(dir, 'picture-only.json', [JSON.stringify(item)])], opts(dir));
  expect(line).toEqual(expect.objectContaining({ status: 'skipped', reason: expect.stringMatching(/^nothing left to show once the pictures that could not be had are dropped/) }));
  expect(line?.notes.join('\n')).toMatch(/dawn\.jpg/);
});
