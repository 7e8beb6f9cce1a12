/**
 * A reload of only the article files the watcher named (article-reload.ts)
 * must serve exactly what the full reload serves for the same folder: the
 * same articles, problems, last good versions and redirects, and a catalog
 * equal to a full build's. Where it cannot know that from the named files,
 * it declines and the full reload runs.
 */
import { mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reloadNamedArticles, type ArticleReload } from '../../src/content/article-reload';
import { BodyStore } from '../../src/content/body-store';
import { buildCatalog, withArticlesReplaced } from '../../src/content/catalog';
import type { Content } from '../../src/content/model';
import { formatProblem } from '../../src/content/problems';
import { articleRecordOf } from '../../src/content/record-forms';
import { loadContentKeepingLastGood, type LoadedContent } from '../../src/content/reload';
import { shown, sitemaps } from '../helpers/catalog-shapes';
import { baseRecords, NOW, removeDataDirs, writeDataDir, type FixtureRecords, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

const LATER = new Date(NOW.getTime() + 60_000);

/** What readers and editors get from a content version, as plain data. */
function served(content: Content) {
  return {
    articles: [...content.articles.values()].map((a) => ({ file: a.file, record: { ...articleRecordOf(a), body: a.body.hash } })).sort((a, b) => (a.file < b.file ? -1 : 1)),
    problems: content.problems.map(formatProblem).sort(),
    redirects: content.redirects.map((r) => `${r.from} ${r.to ?? ''} ${r.status} ${r.waitsFor ?? ''} ${r.file} ${r.field}`).sort(),
  };
}

interface Edits {
  write?: Record<string, Json | string>;
  remove?: string[];
  move?: [string, string][];
  /** Names the watcher reports besides the files written, removed and moved. */
  alsoNamed?: string[];
}

/** Loads the folder, applies the edits, and reloads both ways: the named files only, and in full. */
async function bothWays(records: FixtureRecords, edits: Edits, raw: Record<string, string> = {}, first?: Edits) {
  const dir = await writeDataDir(records, raw);
  const store = BodyStore.private();
  let before: LoadedContent = await loadContentKeepingLastGood(dir, undefined, store, { now: NOW });
  const apply = (e: Edits): Set<string> => {
    const named = new Set(e.alsoNamed ?? []);
    for (const [file, value] of Object.entries(e.write ?? {})) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      named.add(file);
    }
    for (const file of e.remove ?? []) {
      unlinkSync(path.join(dir, file));
      named.add(file);
    }
    for (const [from, to] of e.move ?? []) {
      renameSync(path.join(dir, from), path.join(dir, to));
      named.add(from).add(to);
    }
    return named;
  };
  if (first) before = await loadContentKeepingLastGood(dir, before.good, store, { now: NOW, changed: apply(first) });
  const changed = apply(edits);
  const servedNow = { good: before.good, content: before.content, servingLastGood: before.servingLastGood };
  const named = await reloadNamedArticles(dir, servedNow, changed, store, LATER);
  const full = await loadContentKeepingLastGood(dir, before.good, store, { now: LATER, changed });
  return { before, named, full };
}

/** The named reload took the change, and serves what the full one does, catalog included. */
function expectSame(before: LoadedContent, named: ArticleReload | undefined, full: LoadedContent): ArticleReload {
  expect(named).toBeDefined();
  const reload = named as ArticleReload;
  expect(served(reload.content)).toEqual(served(full.content));
  expect(reload.servingLastGood).toEqual(full.servingLastGood);
  expect([...reload.good.articles.keys()].sort()).toEqual([...full.good.articles.keys()].sort());
  expect([...reload.good.failed.keys()].sort()).toEqual([...full.good.failed.keys()].sort());
  const catalog = buildCatalog(before.content, 1, NOW);
  const changed = withArticlesReplaced(catalog, reload.content, reload.change, 2, LATER);
  const built = buildCatalog(full.content, 2, LATER);
  expect(shown(changed, reload.content)).toEqual(shown(built, full.content));
  expect(sitemaps(changed, LATER)).toEqual(sitemaps(built, LATER));
  return reload;
}

const article = (records: FixtureRecords, i: number, extra: Json = {}): Json => ({ ...(records.articles[i] as Json), ...extra });

describe('a reload of the named article files', () => {
  test('an edited headline: one article out, its new version in, nothing else read', async () => {
    const records = baseRecords();
    const { before, named, full } = await bothWays(records, { write: { 'articles/first-story.json': article(records, 0, { headline: 'Edited' }) } });
    const reload = expectSame(before, named, full);
    expect(reload.filesRead).toBe(1);
    expect(reload.change.removed.map((a) => a.headline)).toEqual(['Headline of first-story']);
    expect(reload.change.added.map((a) => a.headline)).toEqual(['Edited']);
    // Everything else is the very same objects.
    expect(reload.content.authors).toBe(before.content.authors);
    expect(reload.content.articles.get('second-story')).toBe(before.content.articles.get('second-story'));
  });

  test('a new article, and a deleted one', async () => {
    const records = baseRecords();
    const added = await bothWays(records, { write: { 'articles/fourth-story.json': article(records, 0, { slug: 'fourth-story', headline: 'New' }) } });
    expect(expectSame(added.before, added.named, added.full).content.articles.size).toBe(4);
    const removed = await bothWays(records, { remove: ['articles/second-story.json'] });
    expect(expectSame(removed.before, removed.named, removed.full).content.articles.has('second-story')).toBe(false);
  });

  test('broken JSON, a schema error, a slug that is not the file name: the last good version is served and the problem says so', async () => {
    const records = baseRecords();
    for (const broken of ['{ "slug": "first-story", "headline": ', article(records, 0, { headline: 42 }), article(records, 0, { slug: 'other-name' })]) {
      const { before, named, full } = await bothWays(records, { write: { 'articles/first-story.json': broken } });
      const reload = expectSame(before, named, full);
      expect(reload.servingLastGood).toEqual(['articles/first-story.json']);
      expect(reload.content.problems[0]?.message).toContain('serving the last good version');
    }
  });

  test('a reference that no longer resolves keeps the last good version; a new file with one is left out', async () => {
    const records = baseRecords();
    const edited = await bothWays(records, { write: { 'articles/first-story.json': article(records, 0, { authors: ['nobody'] }) } });
    expect(expectSame(edited.before, edited.named, edited.full).servingLastGood).toEqual(['articles/first-story.json']);
    const added = await bothWays(records, { write: { 'articles/new-story.json': article(records, 0, { slug: 'new-story', authors: ['nobody'] }) } });
    const reload = expectSame(added.before, added.named, added.full);
    expect(reload.content.articles.has('new-story')).toBe(false);
    expect(reload.content.problems.map((p) => p.file)).toEqual(['articles/new-story.json']);
  });

  test('two new articles, one promoting the other, which fails: both are left out', async () => {
    const records = baseRecords();
    const promo = article(records, 0, { slug: 'promoting', body: [{ type: 'promo', label: 'Read', text: 'More', href: '/articles/promoted' }] });
    const { before, named, full } = await bothWays(records, {
      write: { 'articles/promoting.json': promo, 'articles/promoted.json': article(records, 0, { slug: 'promoted', sources: ['nowhere'] }) },
    });
    const reload = expectSame(before, named, full);
    expect(reload.content.articles.has('promoting')).toBe(false);
    expect(reload.content.articles.has('promoted')).toBe(false);
  });

  test('an embargo set, an article made a draft, a correction added: lists and embargoes as a full build', async () => {
    const records = baseRecords();
    const { before, named, full } = await bothWays(records, {
      write: {
        'articles/first-story.json': article(records, 0, { publishedAt: '2026-06-01T12:30:00Z' }),
        'articles/second-story.json': article(records, 1, { status: 'draft' }),
        'articles/third-story.json': article(records, 2, { corrections: [{ at: '2026-05-04T09:00:00Z', text: 'A figure was wrong.' }] }),
      },
    });
    const reload = expectSame(before, named, full);
    expect(buildCatalog(reload.content, 2, LATER).articles.map((a) => a.slug)).toEqual(['third-story']);
  });

  test('previousSlugs changed: the redirects are checked again', async () => {
    const records = baseRecords();
    records.articles[2] = article(records, 2, { previousSlugs: ['old-third'] });
    const { before, named, full } = await bothWays(records, { write: { 'articles/third-story.json': article(records, 2, { previousSlugs: ['older-third'] }) } });
    const reload = expectSame(before, named, full);
    expect(reload.content.redirects.map((r) => r.from)).toEqual(['/articles/older-third']);
  });

  test('a file moved to another folder keeps its slug', async () => {
    const records = baseRecords();
    const { before, named, full } = await bothWays(records, { move: [['articles/first-story.json', 'articles/2026/first-story.json']] }, { 'articles/2026/other.json': JSON.stringify(article(records, 0, { slug: 'other' })) });
    expect(expectSame(before, named, full).content.articles.get('first-story')?.file).toBe('articles/2026/first-story.json');
  });

  test('a data folder that is a symbolic link to one (a mounted volume) is reloaded the same way', async () => {
    const records = baseRecords();
    const dir = await writeDataDir(records);
    const link = path.join(os.tmpdir(), `newsreel-linked-${process.pid}`);
    rmSync(link, { force: true });
    symlinkSync(dir, link);
    try {
      const store = BodyStore.private();
      const before = await loadContentKeepingLastGood(link, undefined, store, { now: NOW });
      writeFileSync(path.join(dir, 'articles/first-story.json'), JSON.stringify(article(records, 0, { headline: 'Through the link' })));
      const changed = new Set(['articles/first-story.json']);
      const named = await reloadNamedArticles(link, { good: before.good, content: before.content, servingLastGood: [] }, changed, store, LATER);
      const full = await loadContentKeepingLastGood(link, before.good, store, { now: LATER, changed });
      expect(expectSame(before, named, full).content.articles.get('first-story')?.headline).toBe('Through the link');
    } finally {
      rmSync(link, { force: true });
    }
  });

  test("editors' swap files and other names that are no record are passed over", async () => {
    const records = baseRecords();
    const { before, named, full } = await bothWays(records, { write: { 'articles/.first-story.json.swp': 'x', 'articles/first-story.json': article(records, 0, { headline: 'Saved' }) }, alsoNamed: ['articles/4913'] });
    expect(expectSame(before, named, full).content.articles.get('first-story')?.headline).toBe('Saved');
  });

  test('problems elsewhere do not stop an edit that keeps every slug; a fixed file is served again', async () => {
    const records = baseRecords();
    const broken = { 'authors/broken.json': '{ nope' };
    const edited = await bothWays(records, { write: { 'articles/first-story.json': article(records, 0, { headline: 'Edited' }) } }, broken);
    expectSame(edited.before, edited.named, edited.full);
    const fixed = await bothWays(records, { write: { 'articles/first-story.json': article(records, 0) } }, {}, { write: { 'articles/first-story.json': '{ broken' } });
    expect(expectSame(fixed.before, fixed.named, fixed.full).servingLastGood).toEqual([]);
  });

  test('a tag added where redirects.json sends that tag elsewhere: the redirects are checked again', async () => {
    const records = baseRecords();
    const raw = { 'redirects.json': JSON.stringify([{ from: '/tags/elections-2024', to: '/tags/harbours' }]) };
    const { before, named, full } = await bothWays(records, { write: { 'articles/first-story.json': article(records, 0, { tags: ['harbours', 'elections-2024'] }) } }, raw);
    expect(before.content.redirects.map((r) => r.from)).toEqual(['/tags/elections-2024']);
    const reload = expectSame(before, named, full);
    expect(reload.content.redirects).toEqual([]);
    expect(reload.content.problems.map((p) => p.file)).toEqual(['redirects.json']);
  });

  test('a promo to a slug that a file not named serves, while a duplicate of it is deleted', async () => {
    const records = baseRecords();
    const foo = JSON.stringify(article(records, 0, { slug: 'foo', headline: 'Foo' }));
    const raw = { 'articles/a/foo.json': foo, 'articles/b/foo.json': foo };
    const promo = article(records, 0, { body: [{ type: 'promo', label: 'Read', text: 'More', href: '/articles/foo' }] });
    const { before, named, full } = await bothWays(records, { remove: ['articles/b/foo.json'], write: { 'articles/first-story.json': promo } }, raw);
    expect(before.content.problems.map((p) => p.file)).toEqual(['articles/b/foo.json']);
    expect(expectSame(before, named, full).servingLastGood).toEqual([]);
  });

  test('a broken file whose slug a new file in another folder now serves is not put back', async () => {
    const records = baseRecords();
    const raw = { 'articles/x/foo.json': JSON.stringify(article(records, 0, { slug: 'foo', headline: 'Old foo' })) };
    const { before, named, full } = await bothWays(records, { write: { 'articles/x/foo.json': '{ broken', 'articles/y/foo.json': article(records, 0, { slug: 'foo', headline: 'New foo' }) } }, raw);
    const reload = expectSame(before, named, full);
    expect(reload.servingLastGood).toEqual([]);
    expect(reload.content.articles.get('foo')?.headline).toBe('New foo');
  });

  test('declines what only a full read can settle, and the full reload runs', async () => {
    const records = baseRecords();
    const promo = article(records, 0, { body: [{ type: 'promo', label: 'Read', text: 'More', href: '/articles/second-story' }] });
    const declined = async (edits: Edits, raw: Record<string, string> = {}, recs = records) => (await bothWays(recs, edits, raw)).named;
    // A problem that time clears (a correction dated just ahead of the first load) elsewhere.
    const ahead = new Date(NOW.getTime() + 30_000).toISOString();
    const corrected = { ...records, articles: [records.articles[0] as Json, article(records, 1, { corrections: [{ at: ahead, text: 'Fixed.' }] }), records.articles[2] as Json] };
    const timed = await bothWays(corrected, { write: { 'articles/first-story.json': article(records, 0, { headline: 'Edited' }) } });
    expect(timed.named).toBeUndefined();
    expect(timed.full.content.articles.has('second-story')).toBe(true);
    // A name outside articles/.
    expect(await declined({ write: { 'authors/ada-lane.json': records.authors[0] as Json } })).toBeUndefined();
    // A new folder (its files were not named one by one).
    expect(await declined({ write: { 'articles/2027/x.json': article(records, 0, { slug: 'x' }) }, alsoNamed: ['articles/2027'] })).toBeUndefined();
    // The data folder gone: the full reload reports it and keeps serving.
    const gone = await bothWays(records, {}, {});
    expect(await reloadNamedArticles(path.join(os.tmpdir(), `newsreel-no-such-folder-${process.pid}`), { good: gone.before.good, content: gone.before.content, servingLastGood: [] }, new Set(['articles/first-story.json']), BodyStore.private(), LATER)).toBeUndefined();
    // A promo's target deleted.
    expect(await declined({ remove: ['articles/second-story.json'] }, {}, { ...records, articles: [promo, ...records.articles.slice(1)] })).toBeUndefined();
    // A slug another file holds.
    expect(await declined({ write: { 'articles/2026/first-story.json': article(records, 0) } })).toBeUndefined();
    // A new slug while another file has problems (it may resolve now).
    expect(await declined({ write: { 'articles/new-story.json': article(records, 0, { slug: 'new-story' }) } }, { 'authors/broken.json': '{ nope' })).toBeUndefined();
  });
});
