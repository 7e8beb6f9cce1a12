/**
 * Last good versions of articles are kept as the served articles and turned
 * back into records when a reload needs one: that record must be the one the
 * article came from, up to spelling (canonicalArticle), and resolve to the
 * same article again.
 */
import { BodyStore } from '../../src/content/body-store';
import { readRecords } from '../../src/content/load';
import { articleRecordOf, canonicalArticle } from '../../src/content/record-forms';
import { resolveContent } from '../../src/content/resolve';
import { baseRecords, DEMO_DATA_DIR, removeDataDirs, writeDataDir, NOW, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

async function roundTrip(dir: string) {
  const store = BodyStore.private();
  const read = await readRecords(dir, store);
  const content = await resolveContent(dir, read.site!, read.records, [...read.problems], NOW, store);
  expect(content.articles.size).toBeGreaterThan(0);
  for (const { file, record } of read.records.articles) {
    const article = content.articles.get(record.slug);
    if (!article) continue;
    expect({ file, record: articleRecordOf(article) }).toEqual({ file, record: canonicalArticle(record) });
    expect(JSON.stringify(articleRecordOf(article))).toBe(JSON.stringify(canonicalArticle(record)));
  }
  // The records given back resolve to the same articles.
  const again = await resolveContent(dir, read.site!, { ...read.records, articles: [...content.articles.values()].map((a) => ({ file: a.file, record: articleRecordOf(a) })) }, [], NOW, store);
  expect([...again.articles.values()]).toEqual([...content.articles.values()]);
  return content;
}

describe('articleRecordOf', () => {
  test('gives back every demo article as its record', async () => {
    await roundTrip(DEMO_DATA_DIR);
  });

  test('covers every block type and every way of writing a field', async () => {
    const records = baseRecords();
    const first = records.articles[0] as Json;
    records.articles[0] = {
      ...first,
      tags: ['harbours', 'ferries', 'harbours'],
      origin: 'wire-agency',
      sources: ['city-hall', { source: 'wire-agency' }],
      publishedAt: '2026-05-01T11:00:00+02:00',
      updatedAt: '2026-05-01T12:30:00.500Z',
      language: 'en-GB',
      image: { src: 'images/pic.jpg', alt: 'A picture' },
      body: [
        { type: 'heading', text: 'A heading' },
        { type: 'paragraph', text: 'A paragraph.' },
        { type: 'image', src: 'images/pic.jpg', alt: 'Inline', caption: 'Cap', credit: 'Cred' },
        { type: 'list', items: ['one', 'two'] },
        { type: 'list', items: ['three'], ordered: true },
        { type: 'quote', text: 'Said.' },
        { type: 'quote', text: 'Said again.', attribution: 'Someone' },
        { type: 'promo', text: 'Elsewhere' },
        { type: 'promo', label: 'Read', text: 'More', href: '/articles/second-story' },
      ],
    };
    const content = await roundTrip(await writeDataDir(records));
    expect(content.articles.has('first-story')).toBe(true);
  });
});
