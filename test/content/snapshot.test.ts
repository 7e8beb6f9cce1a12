/**
 * The catalog snapshot (CATALOG_CACHE_DIR): a restart reads only the files
 * that changed since the last run, serves the same site, and a snapshot that
 * is damaged, cut short, of another folder or missing its body store is
 * ignored (every file read), never trusted.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { LiveContent } from '../../src/content/live';
import { baseRecords, NOW, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';

const cacheDirs: string[] = [];
afterAll(() => {
  removeDataDirs();
  for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
});

function cacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-cache-test-'));
  cacheDirs.push(dir);
  return path.join(dir, 'catalog');
}

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: Json[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Json);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Every file an hour old: older than the racy window, so its stamp is trusted. */
function ageAll(dir: string, files: string[]): void {
  const then = new Date(Date.now() - 3_600_000);
  for (const file of files) utimesSync(path.join(dir, file), then, then);
}

const FILES = ['authors/ada-lane.json', 'authors/ben-okafor.json', 'sources/wire-agency.json', 'sources/city-hall.json', 'pages/about.json', 'articles/first-story.json', 'articles/second-story.json', 'articles/third-story.json'];

async function run(dataDir: string, cache: string) {
  const { logger, lines } = recordingLogger();
  const live = await LiveContent.load(dataDir, { logger, clock: () => NOW, cacheDir: cache });
  await live.settled(); // the snapshot of this load is written
  live.close();
  const catalog = live.store.current();
  const bodyOf = (slug: string) => JSON.stringify(catalog.content.bodies.records(catalog.articleBySlug.get(slug)!.body));
  return { live, lines, catalog, bodyOf, filesRead: live.lastReload.filesRead };
}

async function site() {
  const records = baseRecords();
  const dir = await writeDataDir(records);
  ageAll(dir, FILES);
  return { dir, records };
}

describe('a restart with a catalog snapshot', () => {
  test('reads no file that did not change, and serves the same articles and bodies', async () => {
    const { dir } = await site();
    const cache = cacheDir();
    const first = await run(dir, cache);
    expect(first.filesRead).toBe(FILES.length);
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(0);
    expect(second.lines.some((l) => l.msg === 'catalog snapshot used: only changed files were read')).toBe(true);
    expect(second.catalog.articles.map((a) => [a.slug, a.headline])).toEqual(first.catalog.articles.map((a) => [a.slug, a.headline]));
    expect(second.bodyOf('first-story')).toBe(first.bodyOf('first-story'));
    expect(second.bodyOf('first-story')).toContain('Body text of first-story');
  });

  test('reads what changed, drops what was deleted, and adds what is new', async () => {
    const { dir, records } = await site();
    const cache = cacheDir();
    await run(dir, cache);
    writeFileSync(path.join(dir, 'articles/first-story.json'), JSON.stringify({ ...(records.articles[0] as Json), headline: 'Edited while down', body: [{ type: 'paragraph', text: 'New words.' }] }));
    unlinkSync(path.join(dir, 'articles/third-story.json'));
    writeFileSync(path.join(dir, 'articles/fourth-story.json'), JSON.stringify({ ...(records.articles[0] as Json), slug: 'fourth-story' }));
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(2);
    expect(second.catalog.articleBySlug.get('first-story')!.headline).toBe('Edited while down');
    expect(second.bodyOf('first-story')).toContain('New words.');
    expect(second.catalog.articleBySlug.has('third-story')).toBe(false);
    expect(second.catalog.articleBySlug.has('fourth-story')).toBe(true);
  });

  test('keeps a broken file broken: its problems are reported again without reading it', async () => {
    const { dir } = await site();
    writeFileSync(path.join(dir, 'articles/broken.json'), '{ "slug": ');
    ageAll(dir, ['articles/broken.json']);
    const cache = cacheDir();
    const first = await run(dir, cache);
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(0);
    expect(second.catalog.content.problems).toEqual(first.catalog.content.problems);
    expect(second.catalog.content.problems.map((p) => p.file)).toContain('articles/broken.json');
  });
});

describe('a snapshot that cannot be trusted is ignored', () => {
  const damages: [string, (cache: string) => void, RegExp][] = [
    ['cut short', (cache) => writeFileSync(path.join(cache, 'catalog.snapshot'), readFileSync(path.join(cache, 'catalog.snapshot'), 'utf8').split('\n').slice(0, 4).join('\n') + '\n'), /ends before its end/],
    [
      'a changed line',
      (cache) => {
        const file = path.join(cache, 'catalog.snapshot');
        writeFileSync(file, readFileSync(file, 'utf8').replace('Headline of second-story', 'Headline of forged-story'));
      },
      /do not match its checksum/,
    ],
    ['garbage after its end', (cache) => appendFileSync(path.join(cache, 'catalog.snapshot'), '["articles"]\n'), /goes on after its end/],
    ['not JSON', (cache) => writeFileSync(path.join(cache, 'catalog.snapshot'), 'not json\n'), /not JSON/],
    ['its body store gone', (cache) => unlinkSync(path.join(cache, 'bodies.bin')), /bodies.bin is missing/],
    ['another body store', (cache) => writeFileSync(path.join(cache, 'bodies.bin'), '{"store":"00000000-0000-0000-0000-000000000000"}\n'), /not the body store/],
  ];

  test.each(damages)('%s: every file is read, and the site is right', async (_name, damage, reason) => {
    const { dir } = await site();
    const cache = cacheDir();
    const first = await run(dir, cache);
    const firstBody = first.bodyOf('second-story');
    damage(cache);
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(FILES.length);
    const warning = second.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('catalog snapshot not used'));
    expect(String(warning?.reason)).toMatch(reason);
    expect(second.catalog.articles.map((a) => a.headline)).toEqual(first.catalog.articles.map((a) => a.headline));
    expect(second.bodyOf('second-story')).toBe(firstBody);
    // And the next start trusts the snapshot this one wrote.
    expect((await run(dir, cache)).filesRead).toBe(0);
  });

  test('of another data folder', async () => {
    const one = await site();
    const two = await site();
    const cache = cacheDir();
    await run(one.dir, cache);
    const second = await run(two.dir, cache);
    expect(second.filesRead).toBe(FILES.length);
    expect(String(second.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('catalog snapshot not used'))?.reason)).toMatch(/of the data folder/);
  });

  test('a damaged body is refused when read, never shown as the story', async () => {
    const { dir } = await site();
    const cache = cacheDir();
    await run(dir, cache);
    const bodies = path.join(cache, 'bodies.bin');
    writeFileSync(bodies, readFileSync(bodies, 'utf8').replace('Body text of first-story', 'Body text of fake1-story')); // same length: only that body changes
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(0);
    expect(() => second.bodyOf('first-story')).toThrow(/does not match its hash/);
    expect(second.bodyOf('second-story')).toContain('Body text of second-story');
  });

  test('deleting the folder is always safe', async () => {
    const { dir } = await site();
    const cache = cacheDir();
    await run(dir, cache);
    rmSync(cache, { recursive: true });
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(FILES.length);
    expect(second.bodyOf('first-story')).toContain('Body text of first-story');
  });
});

describe('one process at a time in the cache folder', () => {
  const warned = (lines: Json[]) => lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('catalog cache folder not used'));

  test('a second site on a folder in use reads every file and writes nothing there; once the first closes, the folder is used again', async () => {
    const { dir } = await site();
    const cache = cacheDir();
    const { logger } = recordingLogger();
    const holder = await LiveContent.load(dir, { logger, clock: () => NOW, cacheDir: cache });
    await holder.settled();
    const bodiesBefore = readFileSync(path.join(cache, 'bodies.bin'));
    const snapshotBefore = readFileSync(path.join(cache, 'catalog.snapshot'));
    const second = await run(dir, cache);
    expect(second.filesRead).toBe(FILES.length);
    expect(warned(second.lines)?.reason).toMatch(/already uses it/);
    expect(second.bodyOf('first-story')).toContain('Body text of first-story');
    expect(readFileSync(path.join(cache, 'bodies.bin'))).toEqual(bodiesBefore);
    expect(readFileSync(path.join(cache, 'catalog.snapshot'))).toEqual(snapshotBefore);
    holder.close();
    await holder.settled();
    await new Promise((resolve) => setImmediate(resolve));
    const third = await run(dir, cache);
    expect(warned(third.lines)).toBeUndefined();
    expect(third.filesRead).toBe(0);
  });

  test("another live process's lock is respected; a dead process's lock is taken over", async () => {
    const { dir } = await site();
    const cache = cacheDir();
    await run(dir, cache);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(cache, 'lock'), JSON.stringify({ pid: sleeper.pid, host: os.hostname() }));
      const blocked = await run(dir, cache);
      expect(warned(blocked.lines)?.reason).toBe(`process ${sleeper.pid} uses it`);
      expect(blocked.filesRead).toBe(FILES.length);
    } finally {
      sleeper.kill();
    }
    await new Promise((resolve) => sleeper.once('exit', resolve));
    const takenOver = await run(dir, cache);
    expect(warned(takenOver.lines)).toBeUndefined();
    expect(takenOver.filesRead).toBe(0);
  });

  test('a lock from another host is respected, and the warning says which file to delete', async () => {
    const { dir } = await site();
    const cache = cacheDir();
    await run(dir, cache);
    writeFileSync(path.join(cache, 'lock'), JSON.stringify({ pid: 1, host: 'another-host' }));
    const blocked = await run(dir, cache);
    expect(warned(blocked.lines)?.reason).toContain(`delete ${path.join(cache, 'lock')} if no process uses the folder`);
    rmSync(path.join(cache, 'lock'));
    expect((await run(dir, cache)).filesRead).toBe(0);
  });
});
