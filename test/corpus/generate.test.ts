/** The corpus generator: deterministic, realistic in shape, and loadable with zero problems. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/corpus';
import { loadContent } from '../../src/content/load';
import { articleSchema, authorSchema, siteSchema, sourceSchema } from '../../src/content/schema';
import { articleFile, CORPUS_END, generateCorpus, OutputNotEmptyError, writeCorpus, type Corpus } from '../../src/corpus/generate';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-corpus-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A hash of every file below dir: its relative path and its bytes, in sorted order. */
function hashTree(dir: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  for (const file of files) hash.update(file + '\0').update(readFileSync(path.join(dir, file)));
  return `${files.length}:${hash.digest('hex')}`;
}

const words = (text: string): number => text.split(/\s+/).length;

describe('generateCorpus', () => {
  let big: Corpus;
  beforeAll(() => {
    big = generateCorpus({ articles: 3000, seed: 42 });
  }, 60_000);

  test('the same options give the same records; another seed gives others', () => {
    const a = generateCorpus({ articles: 200, seed: 7 });
    expect(generateCorpus({ articles: 200, seed: 7 })).toEqual(a);
    const b = generateCorpus({ articles: 200, seed: 8 });
    expect(b.articles.map((x) => x.headline)).not.toEqual(a.articles.map((x) => x.headline));
    expect(b.authors.map((x) => x.name)).not.toEqual(a.authors.map((x) => x.name));
  });

  test('a prefix of a corpus does not depend on its size, apart from dates', () => {
    const small = generateCorpus({ articles: 200, seed: 42 });
    expect(small.articles[10]?.headline).toBe(big.articles[10]?.headline);
  });

  test('every record matches the schema', () => {
    expect(siteSchema.safeParse(big.site).success).toBe(true);
    for (const a of big.authors) expect(authorSchema.safeParse(a).error).toBeUndefined();
    for (const s of big.sources) expect(sourceSchema.safeParse(s).error).toBeUndefined();
    for (const a of big.articles) expect(articleSchema.safeParse(a).error).toBeUndefined();
  });

  test('counts and ratios look like a real site', () => {
    const { articles, authors, sources, site } = big;
    expect(articles).toHaveLength(3000);
    expect(authors).toHaveLength(15);
    expect(sources).toHaveLength(10);
    expect(site.sections).toHaveLength(12);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(3000);
    expect(new Set(authors.map((a) => a.slug)).size).toBe(authors.length);
    expect(new Set(sources.map((s) => s.slug)).size).toBe(sources.length);

    const share = (predicate: (a: (typeof articles)[number]) => boolean) => articles.filter(predicate).length / articles.length;
    expect(articles.filter((a) => a.status === 'draft')).toHaveLength(30);
    expect(articles.filter((a) => a.publishedAt >= '2031')).toHaveLength(15);
    expect(share((a) => a.authors.length === 2)).toBeGreaterThan(0.07);
    expect(share((a) => a.authors.length === 2)).toBeLessThan(0.13);
    expect(share((a) => a.origin !== undefined)).toBeGreaterThan(0.25);
    expect(share((a) => a.origin !== undefined)).toBeLessThan(0.35);
    expect(share((a) => (a.sources ?? []).some((s) => typeof s !== 'string' && s.url?.startsWith('https://example.org/')))).toBeGreaterThan(0.2);

    for (const a of articles) {
      expect(a.tags?.length).toBeGreaterThanOrEqual(2);
      expect(a.tags?.length).toBeLessThanOrEqual(6);
      expect((a.sources ?? []).length).toBeLessThanOrEqual(6);
      expect(words(a.headline)).toBeGreaterThanOrEqual(6);
      expect(words(a.headline)).toBeLessThanOrEqual(14);
      expect(words(a.standfirst)).toBeGreaterThanOrEqual(15);
      expect(words(a.standfirst)).toBeLessThanOrEqual(35);
      expect(a.body.length).toBeGreaterThanOrEqual(8);
      expect(a.body.length).toBeLessThanOrEqual(30);
      if (a.status === 'published' && a.publishedAt < '2031') expect(Date.parse(a.publishedAt)).toBeLessThanOrEqual(CORPUS_END);
    }

    const blocks = articles.flatMap((a) => a.body);
    const types = new Set(blocks.map((b) => b.type));
    expect([...types].sort()).toEqual(['heading', 'image', 'list', 'paragraph', 'promo', 'quote']);
    expect(blocks.filter((b) => b.type === 'paragraph').length / blocks.length).toBeGreaterThan(0.6);
    const text = blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toMatch(/\*[^*]+\*/);
    expect(text).toMatch(/\[[^\]]+\]\(https:\/\/example\.org\//);
  });

  test('tag popularity is skewed: a few big tags, many small ones', () => {
    const counts = new Map<string, number>();
    for (const a of big.articles) for (const t of a.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    const sorted = [...counts.values()].sort((x, y) => y - x);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(sorted[0]).toBeGreaterThan(5 * median);
  });

  test('promos link only to earlier articles', () => {
    const indexOf = new Map(big.articles.map((a, i) => [a.slug, i]));
    let linked = 0;
    big.articles.forEach((a, i) => {
      for (const block of a.body) {
        if (block.type !== 'promo' || !block.href) continue;
        linked += 1;
        expect(indexOf.get(block.href.slice('/articles/'.length))).toBeLessThan(i);
      }
    });
    expect(linked).toBeGreaterThan(0);
  });
});

// Generation and writing take seconds on a busy 2-core machine: explicit, generous time limits.
describe('writeCorpus', () => {
  test('writes the same bytes twice, and the folder loads with zero problems', async () => {
    const [a, b] = [tempDir(), tempDir()];
    const stats = await writeCorpus(a, { articles: 300, seed: 3 });
    await writeCorpus(b, { articles: 300, seed: 3 });
    expect(hashTree(a)).toBe(hashTree(b));
    expect(stats).toMatchObject({ articles: 300, drafts: 3, embargoed: 2, authors: 5, sources: 10 });

    const corpus = generateCorpus({ articles: 300, seed: 3 });
    const years = new Set(corpus.articles.map((x) => articleFile(x).split('/')[1]));
    expect(years.size).toBeGreaterThan(3);
    expect(readdirSync(path.join(a, 'articles')).sort()).toEqual([...years].sort());

    const content = await loadContent(a, { now: new Date('2026-11-01T00:00:00Z') });
    expect(content.problems).toEqual([]);
    expect(content.articles.size).toBe(300);
    expect(content.authors.size).toBe(5);
    expect(content.sources.size).toBe(10);
    const all = [...content.articles.values()];
    expect(all.filter((x) => x.status === 'draft')).toHaveLength(3);
    expect(all.filter((x) => x.publishedAt.getUTCFullYear() === 2031)).toHaveLength(2);
  }, 60_000);

  test('refuses a non-empty folder unless forced, and forcing replaces the corpus', async () => {
    const dir = tempDir();
    await writeCorpus(dir, { articles: 30, seed: 1 });
    await expect(writeCorpus(dir, { articles: 30, seed: 2 })).rejects.toBeInstanceOf(OutputNotEmptyError);
    await writeCorpus(dir, { articles: 20, seed: 5 }, { force: true });
    const fresh = tempDir();
    await writeCorpus(fresh, { articles: 20, seed: 5 });
    expect(hashTree(dir)).toBe(hashTree(fresh));
  }, 60_000);
});

describe('parseArgs', () => {
  test('reads flags in both spellings, with a default seed', () => {
    expect(parseArgs(['--articles', '100', '--out', '/tmp/x'])).toEqual({ articles: 100, out: '/tmp/x', seed: 1, force: false });
    expect(parseArgs(['--articles=5', '--out=d', '--seed=9', '--force'])).toEqual({ articles: 5, out: 'd', seed: 9, force: true });
    expect(parseArgs(['--help'])).toBeUndefined();
  });

  test.each([
    [[], /--articles is required/],
    [['--articles', '10'], /--out is required/],
    [['--articles', '0', '--out', 'd'], /from 1/],
    [['--articles', '1.5', '--out', 'd'], /integer/],
    [['--articles', '--out', 'd'], /--articles needs a value/],
    [['--articles', '3', '--out', 'd', '--seed', '-1'], /--seed needs a value|integer/],
    [['--articles', '3', '--out', 'd', '--verbose'], /unknown argument "--verbose"/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
