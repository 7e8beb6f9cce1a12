/** The URLs the bench times first renders of: real pages of a generated corpus, each requested once. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLD_KINDS, coldUrls, sampleArticles } from '../../bench/corpus-sample';
import { writeCorpus } from '../../src/corpus/generate';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-bench-sample-'));
  await writeCorpus(dir, { articles: 400, seed: 3 });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('samples only published articles that exist, from every year folder', () => {
  const articles = sampleArticles(dir, Date.UTC(2026, 11, 1));
  expect(articles.length).toBeGreaterThan(11);
  expect(new Set(articles.map((a) => a.file.split(path.sep)[1])).size).toBeGreaterThan(2);
  expect(articles.some((a) => a.file.includes(`${path.sep}2031${path.sep}`))).toBe(false);
  for (const a of articles) expect(a.file).toBe(path.join('articles', a.file.split(path.sep)[1] as string, `${a.slug}.json`));
});

test('early and steady URLs are distinct, five per kind (fewer where the corpus has fewer), and the edited article is neither', () => {
  const sample = coldUrls(sampleArticles(dir, Date.UTC(2026, 11, 1)));
  const all = COLD_KINDS.flatMap((kind) => [...sample.early[kind], ...sample.steady[kind]]);
  expect(new Set(all).size).toBe(all.length);
  for (const kind of COLD_KINDS) {
    // A small corpus has five authors: two for each set, one left over.
    const expected = kind === 'author' ? 2 : 5;
    expect(sample.early[kind]).toHaveLength(expected);
    expect(sample.steady[kind]).toHaveLength(expected);
  }
  expect(sample.early['home page']).toEqual(['/?page=2', '/?page=3', '/?page=4', '/?page=5', '/?page=6']);
  expect(sample.early.search.every((url) => /^\/search\?q=[a-z]{5,}$/.test(url))).toBe(true);
  expect(all).not.toContain(`/articles/${sample.editable.slug}`);
});

test('too few articles is an error, not a silent short sample', () => {
  expect(() => coldUrls([])).toThrow(/too few published articles/);
});
