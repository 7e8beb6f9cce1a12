/**
 * Plain-text wire copy: every line kind, and the seed story importing to the
 * structure of the hand-made demo record (same blocks in the same order, the
 * same origin and the same cited sources).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { text } from '../../src/import/formats/text';
import { citedSources } from '../../src/import/cited-sources';
import { runImport } from '../../src/import/run';
import { loadContent } from '../../src/content/load';
import { DEMO_DATA_DIR } from '../helpers/fixture';
import { demoCopy, removeImportDirs, SEED_FILE } from '../helpers/import-dir';

afterAll(removeImportDirs);

const COPY = [
  'The harbour reopened on Monday after the storm. Northwind Press.',
  'Boats were back by noon, reports the Coastal Ledger.',
  'h2. What comes next',
  'The council met at six',
  'A ferry leaves the harbour at dawn. Photo: A. Photographer / Agency',
  '- VIDEO The first crossing',
  '- Exclusive: Inside the repair yard',
  'Prices of 5*3 [sic] stay as written, according to the port authority Harbourmaster Office.',
  'Source: Northwind Press Agency',
  '',
  'Maren Holt is a reporter who covers the coast for the paper.',
].join('\n');

describe('the plain-text reader', () => {
  const [item] = text.read(COPY, { file: 'copy.txt' });
  if (item?.kind !== 'article') throw new Error('expected an article');
  const { draft, notes } = item;

  test('first line is the standfirst; a short closing name on it is the first cited source', () => {
    expect(draft.standfirst).toBe('The harbour reopened on Monday after the storm.');
    expect(draft.sources[0]).toEqual({ name: 'Northwind Press' });
  });

  test('each line kind becomes its block, in order', () => {
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'Boats were back by noon, reports the Coastal Ledger.' },
      { type: 'heading', text: 'What comes next' },
      { type: 'heading', text: 'The council met at six' },
      { type: 'image', caption: 'A ferry leaves the harbour at dawn.', credit: 'Photo: A. Photographer / Agency' },
      { type: 'promo', label: 'VIDEO', text: 'The first crossing' },
      { type: 'promo', label: 'Exclusive', text: 'Inside the repair yard' },
      { type: 'paragraph', text: 'Prices of 5\\*3 \\[sic\\] stay as written, according to the port authority Harbourmaster Office.' },
    ]);
  });

  test('Source: is the origin, the closing paragraph the writer and their bio', () => {
    expect(draft.origin).toEqual({ name: 'Northwind Press Agency' });
    expect(draft.authors).toEqual([{ name: 'Maren Holt', bio: 'Maren Holt is a reporter who covers the coast for the paper.' }]);
  });

  test('outlets the text cites are sources, in the order they appear', () => {
    expect(draft.sources.map((s) => s.name)).toEqual(['Northwind Press', 'Coastal Ledger', 'Harbourmaster Office']);
  });

  test('no headline in the copy: a draft one from the standfirst, and the report says so', () => {
    expect(draft.headline).toBe('The harbour reopened on Monday after the storm');
    expect(notes.join('\n')).toMatch(/headline made from the standfirst/);
    const [named] = text.read(COPY, { file: 'copy.txt', headline: 'Harbour open again' });
    expect(named?.kind === 'article' && named.draft.headline).toBe('Harbour open again');
  });

  test('a file with no story in it fails with a reason', () => {
    expect(text.read('\n\n', { file: 'empty.txt' })).toEqual([{ kind: 'fail', sourceId: 'text:empty.txt', reason: expect.stringMatching(/no story/) }]);
  });
});

describe('cited-source cues', () => {
  test.each([
    ['Numbers fell, reports Meduza.', ['Meduza']],
    ['The vote was close, AFP reported.', ['AFP']],
    ['He told the TASS agency that it was over.', ['TASS']],
    ['It grew, according to state news agency Kazinform.', ['Kazinform']],
    ['According to the specialized organization OVD-Info, 2,400 were held.', ['OVD-Info']],
    ['Putin said so on Monday.', []],
    ['According to data released on Tuesday by officials.', []],
  ])('%s', (sentence, expected) => {
    expect(citedSources(sentence)).toEqual(expected);
  });
});

const describeIfSeed = existsSync(SEED_FILE) || !process.env.NEWSREEL_ALLOW_NO_SEED ? describe : describe.skip;

describeIfSeed('the seed story imports to the demo record’s structure', () => {
  const demo = JSON.parse(readFileSync(path.join(DEMO_DATA_DIR, 'articles/unfit-conscripts-sent-home.json'), 'utf8'));
  let record: Record<string, any>;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(SEED_FILE)) throw new Error(`the seed story is missing: ${SEED_FILE} (../shared beside the checkout)`);
    dir = demoCopy();
    const lines = await runImport([SEED_FILE], { dataDir: dir, headline: demo.headline, update: false, dryRun: false, download: false, now: new Date('2026-12-01T00:00:00Z') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 'written' });
    record = JSON.parse(readFileSync(path.join(dir, 'articles', `${lines[0]?.slug}.json`), 'utf8'));
  });

  test('the same blocks in the same order', () => {
    const shape = (b: Record<string, unknown>) => (b.type === 'image' ? { type: 'image', caption: b.caption, credit: b.credit } : b);
    expect(record.body.map(shape)).toEqual(demo.body.map(shape));
  });

  test('the same standfirst, origin and cited sources, and the writer matched by name', () => {
    expect(record.standfirst).toBe(demo.standfirst);
    expect(record.origin).toBe(demo.origin);
    expect(record.sources).toEqual(demo.sources);
    expect(record.authors).toEqual(demo.authors);
  });

  test('what it wrote loads with no problems, as a draft', async () => {
    const content = await loadContent(dir);
    expect(content.problems).toEqual([]);
    expect(content.articles.get(record.slug)?.status).toBe('draft');
  });
});

describe('a file that is not text', () => {
  const gzip = String.fromCharCode(0x1f, 0xfffd, 8, 8) + '\ufffd\ufffd\u0003valid-wxr.xml\u0000\ufffd]\ufffdr\ufffd8\u0010';
  test('is not sniffed as plain text, so the run refuses it (no story of its bytes)', () => {
    expect(text.sniff(gzip, 'export.xml.gz')).toBe(false);
    expect(text.sniff(gzip, 'export.txt')).toBe(false);
    expect(text.sniff('Plain copy.\n\nWith\ttabs and a form feed\f.', 'copy.txt')).toBe(true);
  });
  test('named with --format text, it is one failed item with the reason', () => {
    expect(text.read(gzip, { file: 'export.xml.gz' })).toEqual([{ kind: 'fail', sourceId: 'text:export.xml.gz', reason: expect.stringMatching(/^not text: the file holds binary data/) }]);
  });
});
