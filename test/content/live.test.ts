/**
 * Live content: an editor's change to the data folder shows on the site by
 * itself (folder watcher), bursts of edits make one or few reloads, a broken
 * edit keeps the last good version serving and is reported on /readyz, a new
 * broken record is skipped, a deleted record disappears, and a SIGHUP-style
 * reload does the same without the watcher. Waits poll; nothing is timed.
 */
import { copyFileSync, mkdirSync, readdirSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { baseRecords, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';
import { eventually, liveSiteFor, writeRecord } from '../helpers/live-site';
import { LiveContent } from '../../src/content/live';
import { createLogger } from '../../src/log';
import { NOW } from '../helpers/fixture';

afterAll(removeDataDirs);

const sites: { close(): void }[] = [];
afterEach(() => {
  while (sites.length) sites.pop()!.close();
});

async function watchedSite() {
  const records = baseRecords();
  const dir = await writeDataDir(records);
  const site = await liveSiteFor(dir, { watchDebounceMs: 100 });
  sites.push(site);
  return { ...site, dir, records };
}

const headlineOf = async (app: Parameters<typeof request>[0], slug: string) => {
  const res = await request(app).get(`/articles/${slug}`);
  return res.status === 200 ? /<h1[^>]*>([^<]*)<\/h1>/.exec(res.text)?.[1] ?? '' : `status ${res.status}`;
};

describe('the folder watcher', () => {
  test('an edit to an article shows on the site', async () => {
    const { app, dir, records } = await watchedSite();
    expect(await headlineOf(app, 'first-story')).toBe('Headline of first-story'); // now in the page cache
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'Edited headline' });
    await eventually(async () => (await headlineOf(app, 'first-story')) === 'Edited headline', 15_000, 'the edited headline');
  });

  test('a new article appears and a deleted one disappears', async () => {
    const { app, dir, records } = await watchedSite();
    await request(app).get('/articles/fourth-story').expect(404);
    writeRecord(dir, 'articles/fourth-story.json', { ...(records.articles[0] as Json), slug: 'fourth-story', headline: 'A brand new story' });
    await eventually(async () => (await request(app).get('/articles/fourth-story')).status === 200, 15_000, 'the new article');
    expect((await request(app).get('/')).text).toContain('A brand new story');

    unlinkSync(path.join(dir, 'articles/second-story.json'));
    await eventually(async () => (await request(app).get('/articles/second-story')).status === 404, 15_000, 'the deleted article to go');
    expect((await request(app).get('/')).text).not.toContain('/articles/second-story');
  });

  test('a broken edit keeps the last good page and is reported on /readyz', async () => {
    const { app, dir, records, reloads } = await watchedSite();
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'Good edit' });
    await eventually(async () => (await headlineOf(app, 'first-story')) === 'Good edit', 15_000, 'the good edit');

    // Broken JSON, then a schema error: the page keeps its last good version.
    writeRecord(dir, 'articles/first-story.json', '{ "slug": "first-story", "headline": ');
    await eventually(() => reloads.some((r) => r.servingLastGood.includes('articles/first-story.json')), 15_000, 'a reload of the broken file');
    expect(await headlineOf(app, 'first-story')).toBe('Good edit');
    let ready = (await request(app).get('/readyz').expect(200)).body;
    expect(ready.problems).toEqual([expect.objectContaining({ file: 'articles/first-story.json', reason: expect.stringContaining('serving the last good version') })]);
    expect(ready.lastReload).toMatchObject({ ok: true, trigger: 'watch', servingLastGood: ['articles/first-story.json'] });

    const reloadsBefore = reloads.length;
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'Schema-broken edit', publishedAt: 'yesterday' });
    await eventually(() => reloads.length > reloadsBefore, 15_000, 'the next reload');
    await eventually(async () => (await request(app).get('/readyz')).body.problems.some((p: { field: string }) => p.field === 'publishedAt'), 15_000, 'the publishedAt problem');
    expect(await headlineOf(app, 'first-story')).toBe('Good edit');
    ready = (await request(app).get('/readyz').expect(200)).body;
    expect(ready.problems[0]).toMatchObject({ file: 'articles/first-story.json', field: 'publishedAt' });
  });

  test('a new broken record is skipped and reported; the rest keeps serving', async () => {
    const { app, dir, records } = await watchedSite();
    writeRecord(dir, 'articles/broken-new.json', { ...(records.articles[0] as Json), slug: 'broken-new', authors: ['nobody-at-all'] });
    await eventually(async () => (await request(app).get('/readyz')).body.problemCount === 1, 15_000, 'the problem on /readyz');
    const ready = (await request(app).get('/readyz')).body;
    expect(ready.problems[0]).toMatchObject({ file: 'articles/broken-new.json', field: 'authors[0]' });
    expect(ready.problems[0].reason).not.toContain('last good');
    await request(app).get('/articles/broken-new').expect(404);
    await request(app).get('/articles/first-story').expect(200);
    expect(ready.articles).toBe(3);
  });

  test('a burst of edits makes one or a few reloads, ending with the last edit', async () => {
    const { app, dir, records, reloads } = await watchedSite();
    for (let i = 1; i <= 30; i++) writeRecord(dir, 'articles/third-story.json', { ...(records.articles[2] as Json), headline: `Burst edit ${i}` });
    await eventually(async () => (await headlineOf(app, 'third-story')) === 'Burst edit 30', 15_000, 'the last edit of the burst');
    // 30 writes within milliseconds: the debounce folds them (a slow machine may split them in two or three).
    expect(reloads.length).toBeGreaterThanOrEqual(1);
    expect(reloads.length).toBeLessThanOrEqual(3);
  });

  test('after the first reload, an edit the watcher names is the only file read (/readyz says how many)', async () => {
    // Files written just now are "racy" (read again each time, see load.ts): these are set an hour back.
    const records = baseRecords();
    const dir = await writeDataDir(records);
    const age = (file: string) => utimesSync(path.join(dir, file), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    for (const folder of ['articles', 'authors', 'sources', 'pages']) for (const file of readdirSync(path.join(dir, folder))) age(`${folder}/${file}`);
    const site = await liveSiteFor(dir, { watchDebounceMs: 100 });
    sites.push(site);
    const { app, reloads, live } = site;
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'First edit' });
    await eventually(async () => (await headlineOf(app, 'first-story')) === 'First edit', 15_000, 'the first edit');
    age('articles/first-story.json');
    await eventually(() => reloads.length >= 2, 15_000, 'the reload after the time change');
    await live.settled();
    const before = reloads.length;
    writeRecord(dir, 'articles/second-story.json', { ...(records.articles[1] as Json), headline: 'Second edit' });
    await eventually(async () => (await headlineOf(app, 'second-story')) === 'Second edit', 15_000, 'the second edit');
    const later = reloads.slice(before);
    // Read or even stat'ed: only the file named (the other eight are trusted unchanged).
    expect(later.every((r) => r.ok && r.filesRead <= 1 && r.filesChecked <= 1)).toBe(true);
    const { lastReload } = (await request(app).get('/readyz')).body;
    expect([lastReload.filesRead, lastReload.filesChecked]).toEqual([1, 1]);
    // Only an article named: the served content was changed by it alone, nothing resolved or indexed again.
    expect(later.map((r) => r.scope)).toEqual(later.map(() => 'articles'));
    expect(lastReload.scope).toBe('articles');
    expect(await headlineOf(app, 'first-story')).toBe('First edit');
  });

  test('watching from before the first load: even the first reload looks only at the file named, and an edit made while the site starts shows', async () => {
    const records = baseRecords();
    const dir = await writeDataDir(records);
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const folder of ['articles', 'authors', 'sources', 'pages']) for (const file of readdirSync(path.join(dir, folder))) utimesSync(path.join(dir, folder, file), hourAgo, hourAgo);
    const loading = LiveContent.load(dir, { logger: createLogger('silent'), clock: () => NOW, watchDebounceMs: 100 });
    writeRecord(dir, 'articles/third-story.json', { ...(records.articles[2] as Json), headline: 'Edited while starting' });
    const live = await loading;
    sites.push(live);
    const checked: number[] = [];
    live.listeners.push((result) => checked.push(result.filesChecked));
    const headline = () => live.store.current().content.articles.get('third-story')?.headline;
    await eventually(() => headline() === 'Edited while starting', 15_000, 'the edit made during the first load');
    await live.settled();
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'First reload' });
    await eventually(() => live.store.current().content.articles.get('first-story')?.headline === 'First reload', 15_000, 'the edit');
    // Every reload, the first included, stat'ed at most the files named (of nine).
    expect(checked.length).toBeGreaterThan(0);
    expect(Math.max(...checked)).toBeLessThanOrEqual(2);
  });

  test('editor scratch files do not cause reloads', async () => {
    const { dir, reloads, live } = await watchedSite();
    writeRecord(dir, 'articles/.first-story.json.swp', 'x');
    writeRecord(dir, 'articles/first-story.json~', 'x');
    // A real change afterwards: once it is in, any reload the scratch files caused would have happened too.
    writeRecord(dir, 'sources/new-source.json', { slug: 'new-source', name: 'New Source' });
    await eventually(() => live.store.current().sources.has('new-source'), 15_000, 'the new source');
    expect(reloads.length).toBe(1);
  });
});

describe('folders made while the site runs', () => {
  /** Makes a folder and waits until the reload it causes is over, so what comes next can only be seen through the new folder's own watch. */
  async function makeFolder(site: Awaited<ReturnType<typeof watchedSite>>, folder: string) {
    const before = site.reloads.length;
    mkdirSync(path.join(site.dir, folder));
    await eventually(() => site.live.watchedFolders().includes(folder), 15_000, `a watch on ${folder}`);
    await eventually(() => site.reloads.length > before, 15_000, `the reload after making ${folder}`);
    await site.live.settled();
  }

  test('a picture put in a new images subfolder is picked up', async () => {
    const site = await watchedSite();
    const { app, dir, records } = site;
    // An article whose picture is not there yet: reported and skipped.
    writeRecord(dir, 'articles/fourth-story.json', { ...(records.articles[0] as Json), slug: 'fourth-story', image: { src: 'images/fresh/new-pic.jpg', alt: 'A new picture' } });
    await eventually(async () => (await request(app).get('/readyz')).body.problems.some((p: { file: string }) => p.file === 'articles/fourth-story.json'), 15_000, 'the missing picture on /readyz');
    await request(app).get('/articles/fourth-story').expect(404);

    await makeFolder(site, 'images/fresh');
    copyFileSync(path.join(dir, 'images/pic.jpg'), path.join(dir, 'images/fresh/new-pic.jpg'));
    await eventually(async () => (await request(app).get('/articles/fourth-story')).status === 200, 15_000, 'the article with its picture');
    expect((await request(app).get('/readyz')).body.problemCount).toBe(0);
  });

  test('a new article in a new articles subfolder appears', async () => {
    const site = await watchedSite();
    await makeFolder(site, 'articles/2027');
    writeRecord(site.dir, 'articles/2027/filed-later.json', { ...(site.records.articles[0] as Json), slug: 'filed-later', headline: 'Filed in a new folder' });
    await eventually(async () => (await headlineOf(site.app, 'filed-later')) === 'Filed in a new folder', 15_000, 'the article in the new folder');
  });
});

describe('reload without the watcher (what SIGHUP does)', () => {
  test('reload("signal") picks up every change, and /readyz tells the last result', async () => {
    const records = baseRecords();
    const dir = await writeDataDir(records);
    const site = await liveSiteFor(dir);
    sites.push(site);
    const before = (await request(site.app).get('/readyz').expect(200)).body;
    expect(before).toMatchObject({ ready: true, articles: 3, authors: 2, sources: 2, problemCount: 0, lastReload: { trigger: 'start', ok: true } });
    expect(typeof before.loadedAt).toBe('string');

    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'Changed while unwatched' });
    const result = await site.live.reload('signal');
    expect(result).toMatchObject({ ok: true, trigger: 'signal', problems: 0 });
    expect(await headlineOf(site.app, 'first-story')).toBe('Changed while unwatched');
    const after = (await request(site.app).get('/readyz').expect(200)).body;
    expect(after.version).not.toBe(before.version);
    expect(after.lastReload).toMatchObject({ trigger: 'signal', ok: true, scope: 'all' });
  });

  test('a data folder that vanished fails the reload and the site keeps serving', async () => {
    const dir = await writeDataDir(baseRecords());
    const site = await liveSiteFor(dir);
    sites.push(site);
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
    const result = await site.live.reload('signal');
    expect(result.ok).toBe(false);
    expect(result.error).toContain('cannot be read');
    await request(site.app).get('/articles/first-story').expect(200);
    expect((await request(site.app).get('/readyz').expect(200)).body.lastReload).toMatchObject({ ok: false, trigger: 'signal' });
  });

  test('concurrent reloads never overlap and the last one sees the final state', async () => {
    const records = baseRecords();
    const dir = await writeDataDir(records);
    const site = await liveSiteFor(dir);
    sites.push(site);
    const runs = [site.live.reload('manual'), site.live.reload('manual'), site.live.reload('manual')];
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'After the first reload started' });
    const last = site.live.reload('manual');
    await Promise.all([...runs, last]);
    await site.live.settled();
    expect(site.reloads.length).toBeLessThanOrEqual(2);
    expect(await headlineOf(site.app, 'first-story')).toBe('After the first reload started');
  });
});

describe('what a reload keeps (loadContentKeepingLastGood through LiveContent)', () => {
  test('an edit whose reference no longer resolves keeps the last good version; a broken site.json keeps the site', async () => {
    const records = baseRecords();
    const dir = await writeDataDir(records);
    const site = await liveSiteFor(dir);
    sites.push(site);
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'Points at a ghost', authors: ['ghost-writer'] });
    writeRecord(dir, 'site.json', '{ "name": ');
    const result = await site.live.reload('manual');
    expect(result.servingLastGood).toEqual(['articles/first-story.json', 'site.json']);
    expect(await headlineOf(site.app, 'first-story')).toBe('Headline of first-story');
    const ready = (await request(site.app).get('/readyz').expect(200)).body;
    expect(ready.problems.map((p: { file: string }) => p.file).sort()).toEqual(['articles/first-story.json', 'site.json']);
    expect((await request(site.app).get('/').expect(200)).text).toContain('Test Gazette');

    // Fixed again: the new version is served and the problems are gone.
    writeRecord(dir, 'articles/first-story.json', { ...(records.articles[0] as Json), headline: 'Fixed' });
    writeRecord(dir, 'site.json', records.site);
    expect((await site.live.reload('manual')).servingLastGood).toEqual([]);
    expect(await headlineOf(site.app, 'first-story')).toBe('Fixed');
    expect((await request(site.app).get('/readyz')).body.problemCount).toBe(0);
  });

  test('an unchanged image is not probed again on reload; a replaced one is', async () => {
    const dir = await writeDataDir(baseRecords());
    const site = await liveSiteFor(dir);
    sites.push(site);
    const asset = () => site.live.store.current().content.articles.get('first-story')!.image!.asset;
    const before = asset();
    expect(before).toMatchObject({ width: 64, height: 36 });
    await site.live.reload('manual');
    expect(asset()).toBe(before); // the same probe, reused

    const sharp = (await import('sharp')).default;
    writeFileSync(path.join(dir, 'images/pic.jpg'), await sharp({ create: { width: 40, height: 30, channels: 3, background: '#335577' } }).jpeg().toBuffer());
    await site.live.reload('manual');
    expect(asset()).toMatchObject({ width: 40, height: 30 });
    expect(asset().hash).not.toBe(before.hash);
  });

  test('deleting an author takes it away; its articles are reported, not served with a dangling byline', async () => {
    const dir = await writeDataDir(baseRecords());
    const site = await liveSiteFor(dir);
    sites.push(site);
    unlinkSync(path.join(dir, 'authors/ben-okafor.json'));
    await site.live.reload('manual');
    await request(site.app).get('/authors/ben-okafor').expect(404);
    const ready = (await request(site.app).get('/readyz')).body;
    expect(ready.problems).toEqual([expect.objectContaining({ file: 'articles/second-story.json' })]);
  });
});
