/** Corrections on an article: dated between publication and now, kept oldest first; anything else is a problem naming the field. */
import { baseRecords, loadFixture, removeDataDirs, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

async function loadWithCorrections(corrections: unknown) {
  const records = baseRecords();
  records.articles[0] = { ...(records.articles[0] as Json), corrections };
  return (await loadFixture(records)).content;
}

const FILE = 'articles/first-story.json';

describe('article corrections', () => {
  test('valid corrections load, oldest first, with the dates as dates', async () => {
    const content = await loadWithCorrections([
      { at: '2026-05-20T10:00:00+02:00', text: 'A *later* fix.' },
      { at: '2026-05-02T08:00:00Z', text: 'The harbour is in the north.' },
    ]);
    expect(content.problems).toEqual([]);
    const corrections = content.articles.get('first-story')?.corrections;
    expect(corrections?.map((c) => [c.at.toISOString(), c.text])).toEqual([
      ['2026-05-02T08:00:00.000Z', 'The harbour is in the north.'],
      ['2026-05-20T08:00:00.000Z', 'A *later* fix.'],
    ]);
  });

  test('a correction dated after now is a problem naming corrections[i].at, and the article is skipped', async () => {
    const content = await loadWithCorrections([
      { at: '2026-05-02T08:00:00Z', text: 'Fine.' },
      { at: '2026-06-01T12:00:01Z', text: 'Not yet made.' },
    ]);
    expect(content.problems).toEqual([expect.objectContaining({ file: FILE, field: 'corrections[1].at', message: expect.stringMatching(/in the future/) })]);
    expect(content.articles.has('first-story')).toBe(false);
    expect(content.articles.has('second-story')).toBe(true);
  });

  test('a correction dated before publishedAt is a problem naming corrections[i].at', async () => {
    const content = await loadWithCorrections([{ at: '2026-05-01T08:59:59Z', text: 'Too early.' }]);
    expect(content.problems).toEqual([expect.objectContaining({ file: FILE, field: 'corrections[0].at', message: expect.stringMatching(/earlier than publishedAt/) })]);
  });

  test.each([
    [[{ at: '2026-05-02', text: 'No time.' }], 'corrections[0].at'],
    [[{ at: '2026-05-02T08:00:00Z', text: '   ' }], 'corrections[0].text'],
    [[{ at: '2026-05-02T08:00:00Z' }], 'corrections[0].text'],
    [[{ at: '2026-05-02T08:00:00Z', text: 'Fine.', by: 'someone' }], 'corrections[0].by'],
    ['not a list', 'corrections'],
  ])('a malformed correction (%j) is a problem at %s', async (corrections, field) => {
    const content = await loadWithCorrections(corrections);
    expect(content.problems.filter((p) => p.file === FILE).map((p) => p.field)).toContain(field);
  });
});
