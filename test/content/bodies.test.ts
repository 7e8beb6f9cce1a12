/**
 * Article bodies live in the body store, not on the heap: what a page gets
 * back is the body as written (canonical form) resolved against the load's
 * images; an article object holds only where its body is; a reload reads
 * only the files that changed and stores only their bodies.
 */
import { existsSync, fstatSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { blockTexts, canonicalBlock, recordTexts, type BlockRecord } from '../../src/blocks/registry';
import { BodyStore, readSharedBody } from '../../src/content/body-store';
import { bodyNeeds, storeBody } from '../../src/content/bodies';
import { loadContent, namedIn, readRecords } from '../../src/content/load';
import { loadContentKeepingLastGood } from '../../src/content/reload';
import { baseRecords, NOW, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

const RICH_BODY: BlockRecord[] = [
  { type: 'heading', text: 'A heading' },
  { type: 'paragraph', text: 'A paragraph with *emphasis*.' },
  { type: 'image', src: 'images/pic.jpg', alt: 'Inline', caption: 'Cap', credit: 'Cred' },
  { type: 'list', items: ['one', 'two'] },
  { type: 'quote', text: 'Said.', attribution: 'Someone' },
  { type: 'promo', label: 'Read', text: 'More', href: '/articles/second-story' },
  { type: 'gallery', images: [{ src: 'images/pic.jpg', alt: 'One' }, { src: 'images/avatar.jpg', alt: 'Two' }] },
  { type: 'code', text: 'const x = 1;' },
  { type: 'divider' },
] as BlockRecord[];

/** Sets a file's times an hour back: older than the racy window, so its stamp is trusted. */
function age(file: string): void {
  const then = new Date(Date.now() - 3_600_000);
  utimesSync(file, then, then);
}

describe('the body store', () => {
  test('gives back what was appended, before and after it reaches the file, and bodies larger than its buffer', () => {
    const store = BodyStore.private();
    const small = store.append('["small"]');
    const big = store.append(JSON.stringify(['x'.repeat(3 << 20)]));
    const after = store.append('["after"]');
    expect(store.read(small)).toBe('["small"]');
    expect(store.read(after)).toBe('["after"]');
    store.flush();
    expect(store.read(small)).toBe('["small"]');
    expect(JSON.parse(store.read(big))[0]).toHaveLength(3 << 20);
    expect(store.read(after)).toBe('["after"]');
    expect(small.hash).not.toBe(after.hash);
    store.close();
  });

  test('a private store leaves nothing on disk, even while it is open', () => {
    const store = BodyStore.private();
    store.append('["x"]');
    store.flush();
    expect(existsSync(store.file)).toBe(false);
    expect(existsSync(path.dirname(store.file))).toBe(false);
    store.close();
  });

  test('a body past the end of the store is refused with the store named, not read as garbage', () => {
    const store = BodyStore.private();
    expect(() => store.read({ at: 10, bytes: 5, hash: 'x' })).toThrow(/past the end/);
    store.close();
  });

  test('shared with another thread, its descriptor reads every body stored so far and stays open until the last share is released, even once the store is closed', () => {
    const store = BodyStore.private();
    const first = store.append('["first"]'); // still in the write buffer: sharing writes it out
    const one = store.share();
    const two = store.share();
    const later = store.append('["later"]');
    expect(readSharedBody(one.file, first)).toBe('["first"]');
    expect(() => readSharedBody(one.file, later)).toThrow(/not yet written/);
    store.close();
    expect(readSharedBody(two.file, first)).toBe('["first"]');
    one.release();
    one.release(); // once is counted once
    expect(readSharedBody(two.file, first)).toBe('["first"]');
    two.release();
    expect(() => fstatSync(two.file.fd)).toThrow(/EBADF/);
    expect(() => store.share()).toThrow(/closed/);
  });
});

describe('stored bodies', () => {
  test('notes the images and the linked articles a body needs', () => {
    expect(bodyNeeds(RICH_BODY)).toEqual({ images: ['images/pic.jpg', 'images/avatar.jpg'], links: ['second-story'] });
  });

  test('come back as the canonical record and resolve to pictures of the load', async () => {
    const records = baseRecords();
    records.articles[0] = { ...(records.articles[0] as Json), body: RICH_BODY };
    const dir = await writeDataDir(records);
    const content = await loadContent(dir, { now: NOW });
    expect(content.problems).toEqual([]);
    const article = content.articles.get('first-story')!;
    expect(content.bodies.records(article.body)).toEqual(RICH_BODY.map(canonicalBlock));
    const blocks = content.bodies.blocks(article.body);
    expect(blocks.map((block) => block.type)).toEqual(RICH_BODY.map((block) => block.type));
    const image = blocks[2] as { picture: { asset: { path: string; width: number }; caption: string } };
    expect(image.picture.asset).toMatchObject({ path: 'images/pic.jpg', width: 64 });
    expect(image.picture.caption).toBe('Cap');
    // Its words need no image probes: a record's texts are those of the block it resolves to.
    const recordWords: string[] = [];
    for (const record of content.bodies.records(article.body)) recordTexts(record, recordWords);
    const blockWords: string[] = [];
    for (const block of blocks) blockTexts(block, blockWords);
    expect(recordWords).toEqual(blockWords);
    expect(recordWords).toContain('Cap');
    // The article itself holds no word of its body.
    expect(JSON.stringify(article)).not.toContain('A paragraph with');
  });

  test('a promo to a missing article is still reported at its field, with the body read back to find it', async () => {
    const records = baseRecords();
    records.articles[0] = { ...(records.articles[0] as Json), body: [{ type: 'paragraph', text: 'x' }, { type: 'promo', text: 'Gone', href: '/articles/no-such-story' }] };
    const content = await loadContent(await writeDataDir(records), { now: NOW });
    expect(content.articles.has('first-story')).toBe(false);
    expect(content.problems).toContainEqual({ file: 'articles/first-story.json', field: 'body[1].href', message: 'links to article "no-such-story", which does not exist or has errors' });
  });
});

describe('reading again', () => {
  async function agedDir() {
    const dir = await writeDataDir(baseRecords());
    for (const file of ['authors/ada-lane.json', 'authors/ben-okafor.json', 'sources/wire-agency.json', 'sources/city-hall.json', 'pages/about.json']) age(path.join(dir, file));
    for (const slug of ['first-story', 'second-story', 'third-story']) age(path.join(dir, 'articles', `${slug}.json`));
    return dir;
  }

  test('reads only the files that changed, and stores only their bodies', async () => {
    const dir = await agedDir();
    const store = BodyStore.private();
    const first = await loadContentKeepingLastGood(dir, undefined, store, { now: NOW });
    const sizeAfterFirst = store.size;
    const again = await readRecords(dir, store, (await import('../../src/content/reload')).earlierReads(first.good));
    expect(again.filesRead).toBe(0);
    expect(store.size).toBe(sizeAfterFirst);

    const record = { ...(baseRecords().articles[1] as Json), body: [{ type: 'paragraph', text: 'A new body.' }] };
    writeFileSync(path.join(dir, 'articles/second-story.json'), JSON.stringify(record));
    age(path.join(dir, 'articles/second-story.json'));
    const second = await loadContentKeepingLastGood(dir, first.good, store, { now: NOW });
    const article = second.content.articles.get('second-story')!;
    expect(second.content.bodies.records(article.body)).toEqual([{ type: 'paragraph', text: 'A new body.' }]);
    expect(store.size - sizeAfterFirst).toBe(Buffer.byteLength(JSON.stringify([{ type: 'paragraph', text: 'A new body.' }])));
    // The unchanged ones are the same stored bodies.
    expect(second.content.articles.get('first-story')!.body).toBe(first.content.articles.get('first-story')!.body);
  });

  test('an edit that keeps the size but not the time is read', async () => {
    const dir = await agedDir();
    const store = BodyStore.private();
    const first = await loadContentKeepingLastGood(dir, undefined, store, { now: NOW });
    const file = path.join(dir, 'articles/first-story.json');
    const record = baseRecords().articles[0] as Json;
    writeFileSync(file, JSON.stringify({ ...record, headline: (record.headline as string).replace('Headline', 'Headlinf') }, null, 2));
    const second = await loadContentKeepingLastGood(dir, first.good, store, { now: NOW });
    expect(second.content.articles.get('first-story')!.headline).toBe('Headlinf of first-story');
  });

  test('a broken file served as its last good version is read again each time, so fixing it shows', async () => {
    const dir = await agedDir();
    const store = BodyStore.private();
    const first = await loadContentKeepingLastGood(dir, undefined, store, { now: NOW });
    const file = path.join(dir, 'articles/first-story.json');
    writeFileSync(file, '{ "slug": "first-story", ');
    age(file);
    const broken = await loadContentKeepingLastGood(dir, first.good, store, { now: NOW });
    expect(broken.servingLastGood).toEqual(['articles/first-story.json']);
    // Same stamp, still broken: still its last good version, still reported.
    const still = await loadContentKeepingLastGood(dir, broken.good, store, { now: NOW });
    expect(still.servingLastGood).toEqual(['articles/first-story.json']);
    expect(still.content.problems.some((p) => p.file === 'articles/first-story.json')).toBe(true);
    writeFileSync(file, JSON.stringify({ ...(baseRecords().articles[0] as Json), headline: 'Fixed' }));
    age(file);
    const fixed = await loadContentKeepingLastGood(dir, still.good, store, { now: NOW });
    expect(fixed.servingLastGood).toEqual([]);
    expect(fixed.content.articles.get('first-story')!.headline).toBe('Fixed');
  });

  test('with the names the watcher gave, only those files (or folders) are looked at', async () => {
    const dir = await agedDir();
    const store = BodyStore.private();
    const first = await loadContentKeepingLastGood(dir, undefined, store, { now: NOW });
    const records = baseRecords().articles as Json[];
    // Two edits on disk, the watcher named one: the other is not even stat'ed, so it keeps its record.
    writeFileSync(path.join(dir, 'articles/first-story.json'), JSON.stringify({ ...records[0], headline: 'Named edit' }));
    writeFileSync(path.join(dir, 'articles/second-story.json'), JSON.stringify({ ...records[1], headline: 'Unnamed edit' }));
    const named = await loadContentKeepingLastGood(dir, first.good, store, { now: NOW, changed: new Set(['articles/first-story.json']) });
    expect(named.filesRead).toBe(1);
    expect(named.content.articles.get('first-story')!.headline).toBe('Named edit');
    expect(named.content.articles.get('second-story')!.headline).toBe('Headline of second-story');
    // A folder's name covers the files in it; without names every file is stat'ed.
    const folder = await loadContentKeepingLastGood(dir, named.good, store, { now: NOW, changed: new Set(['articles']) });
    expect(folder.content.articles.get('second-story')!.headline).toBe('Unnamed edit');
    writeFileSync(path.join(dir, 'articles/third-story.json'), JSON.stringify({ ...records[2], headline: 'Seen by a full look' }));
    const all = await loadContentKeepingLastGood(dir, folder.good, store, { now: NOW });
    expect(all.content.articles.get('third-story')!.headline).toBe('Seen by a full look');
  });

  test('a file the watcher names that is gone takes its article with it', async () => {
    const dir = await agedDir();
    const store = BodyStore.private();
    const first = await loadContentKeepingLastGood(dir, undefined, store, { now: NOW });
    unlinkSync(path.join(dir, 'articles/third-story.json'));
    const gone = await loadContentKeepingLastGood(dir, first.good, store, { now: NOW, changed: new Set(['articles/third-story.json']) });
    expect(gone.content.articles.has('third-story')).toBe(false);
    expect(gone.content.articles.has('first-story')).toBe(true);
  });
});

describe('namedIn', () => {
  test('matches the file itself and the folders it is in, not names that only start alike', () => {
    const changed = new Set(['articles/2026', 'authors/ada-lane.json']);
    expect(namedIn(changed, 'articles/2026/a.json')).toBe(true);
    expect(namedIn(changed, 'authors/ada-lane.json')).toBe(true);
    expect(namedIn(changed, 'articles/20261/a.json')).toBe(false);
    expect(namedIn(changed, 'authors/ada-lane.json.bak')).toBe(false);
    expect(namedIn(new Set(['articles']), 'articles/2026/a.json')).toBe(true);
  });
});
