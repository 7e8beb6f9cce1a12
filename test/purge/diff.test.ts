/**
 * What a new catalog purges: the keys whose content changed, and only those.
 * Each case changes one record and compares the two catalogs; the keys an
 * answer carries are read from the site itself, so "an unrelated page keeps
 * its cached copy" is checked against the header that page really sends.
 */
import request from 'supertest';
import { buildCatalog, CatalogStore, type Catalog } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { changedKeys } from '../../src/purge/diff';
import { purgeOnCatalogChange } from '../../src/purge/follow';
import { createLogger } from '../../src/log';
import { appFor, baseRecords, NOW, removeDataDirs, writeDataDir, type FixtureRecords, type Json } from '../helpers/fixture';
import { eventually } from '../helpers/live-site';

afterAll(removeDataDirs);

/** The fixture plus a story that shares nothing with the others: no tag, section, author or source in common. */
function records(): FixtureRecords {
  const base = baseRecords();
  base.authors.push({ slug: 'cy-moreau', name: 'Cy Moreau', bio: 'Cy writes about music.' });
  base.articles.push({ ...(base.articles[0] as Json), slug: 'lone-story', headline: 'A story alone', section: 'culture', tags: ['music'], authors: ['cy-moreau'], sources: [], publishedAt: '2026-04-20T09:00:00Z' });
  return base;
}

async function catalogOf(recs: FixtureRecords, now = NOW, version = 1): Promise<Catalog> {
  const dir = await writeDataDir(recs);
  return buildCatalog(await loadContent(dir, { now }), version, now);
}

function edit(recs: FixtureRecords, slug: string, change: Json): FixtureRecords {
  recs.articles = recs.articles.map((a) => (a.slug === slug ? { ...a, ...change } : a));
  return recs;
}

async function keysOfPage(recs: FixtureRecords, url: string): Promise<string[]> {
  const { app } = await appFor(await writeDataDir(recs));
  const res = await request(app).get(url);
  expect(res.status).toBe(200);
  return (res.headers.xkey as string).split(' ');
}

let before: Catalog;
beforeAll(async () => {
  before = await catalogOf(records());
});

describe('what changed', () => {
  test('nothing changed: nothing to purge', async () => {
    expect((await changedKeys(before, await catalogOf(records(), NOW, 2))).keys).toEqual([]);
  });

  test('an edited headline purges the article (its page and every list showing its card), not an unrelated article', async () => {
    const after = await catalogOf(edit(records(), 'first-story', { headline: 'A corrected headline' }), NOW, 2);
    const purged = (await changedKeys(before, after)).keys;
    expect(purged.sort()).toEqual(['a:first-story', 'articles', 'search']);
    // Pages showing its card carry a:first-story, so they are purged with it …
    for (const url of ['/', '/tags/harbours', '/authors/ada-lane', '/sections/world', '/articles/third-story']) {
      expect(await keysOfPage(records(), url)).toContain('a:first-story');
    }
    // … and the unrelated story's page carries none of the purged keys: its cached copy stays.
    const lone = await keysOfPage(records(), '/articles/lone-story');
    expect(lone.filter((key) => purged.includes(key))).toEqual([]);
  });

  test('a new article purges home, its lists, 404s, the sitemaps, and the pages whose related stories it joins', async () => {
    const recs = records();
    recs.articles.push({ ...(recs.articles[0] as Json), slug: 'fresh-story', publishedAt: '2026-05-10T09:00:00Z', tags: ['ferries'] });
    const purged = (await changedKeys(before, await catalogOf(recs, NOW, 2))).keys;
    expect(purged).toEqual(expect.arrayContaining(['a:fresh-story', 'home', 'tl:ferries', 'aul:ada-lane', 'cl:world', 'sl:wire-agency', 'missing', 'sitemaps', 'search']));
    // It shares a tag with third-story, so it is among third-story's related stories now.
    expect(purged).toContain('r:third-story');
    // Nothing of the unrelated story changed.
    expect(purged.filter((key) => key.endsWith(':lone-story') || key.endsWith(':cy-moreau') || key.endsWith(':music') || key.endsWith(':culture'))).toEqual([]);
  });

  test('a deleted article purges its page, the lists it was in and the sitemaps', async () => {
    const recs = records();
    recs.articles = recs.articles.filter((a) => a.slug !== 'third-story');
    const purged = (await changedKeys(before, await catalogOf(recs, NOW, 2))).keys;
    expect(purged).toEqual(expect.arrayContaining(['a:third-story', 'home', 'tl:harbours', 'tl:ferries', 'cl:business', 'c:business', 'aul:ada-lane', 'sitemaps', 'r:first-story']));
    expect(purged).not.toContain('missing');
  });

  test('an author bio edit purges that author only; a site.json nav edit purges `site`', async () => {
    const bio = records();
    bio.authors = bio.authors.map((a) => (a.slug === 'ada-lane' ? { ...a, bio: 'Ada now writes about ferries.' } : a));
    expect((await changedKeys(before, await catalogOf(bio, NOW, 2))).keys.sort()).toEqual(['au:ada-lane', 'authors', 'search']);
    const nav = records();
    nav.site = { ...nav.site, nav: [...(nav.site.nav as Json[]), { label: 'Culture', href: '/sections/culture' }] };
    expect((await changedKeys(before, await catalogOf(nav, NOW, 2))).keys.sort()).toEqual(['search', 'site']);
  });

  test('an update date purges the article and the sitemaps (their lastmod); a footer page’s title purges it and `site`', async () => {
    const updated = edit(records(), 'second-story', { updatedAt: '2026-05-20T09:00:00Z' });
    expect((await changedKeys(before, await catalogOf(updated, NOW, 2))).keys.sort()).toEqual(['a:second-story', 'articles', 'search', 'sitemaps']);
    const page = records();
    page.pages = (page.pages ?? []).map((p) => ({ ...p, title: 'About us' }));
    expect((await changedKeys(before, await catalogOf(page, NOW, 2))).keys.sort()).toEqual(['pages', 'pg:about', 'search', 'site']);
  });

  test('a promo linked once its target is visible purges the page showing it', async () => {
    const recs = records();
    recs.articles.push({ ...(recs.articles[0] as Json), slug: 'later-story', publishedAt: '2026-06-01T13:00:00Z', tags: ['music'] });
    recs.articles = recs.articles.map((a) => (a.slug === 'lone-story' ? { ...a, body: [...(a.body as Json[]), { type: 'promo', text: 'Read the next one', href: '/articles/later-story' }] } : a));
    const dir = await writeDataDir(recs);
    const content = await loadContent(dir, { now: NOW });
    const embargoed = buildCatalog(content, 1, NOW);
    const lifted = buildCatalog(content, 1, new Date('2026-06-01T13:00:00Z'));
    expect((await changedKeys(embargoed, lifted)).keys).toEqual(expect.arrayContaining(['a:later-story', 'a:lone-story', 'home', 'missing']));
  });
});

describe('an embargo lifting with no request', () => {
  test('the catalog swaps at the embargo by its own timer, and the story is purged', async () => {
    const recs = records();
    const liftAt = new Date(Date.now() + 400);
    recs.articles.push({ ...(recs.articles[0] as Json), slug: 'embargoed-story', publishedAt: liftAt.toISOString() });
    const dir = await writeDataDir(recs);
    const store = new CatalogStore(await loadContent(dir, { now: new Date() }));
    expect(store.current().articleBySlug.has('embargoed-story')).toBe(false);
    const purged: string[][] = [];
    purgeOnCatalogChange(store, { purge: (keys) => purged.push([...keys]) }, createLogger('silent'));
    store.keepCurrent();
    try {
      // No call to store.current() from here on: only the timer can swap the catalog.
      await eventually(() => purged.length > 0, 10_000, 'a purge after the embargo');
      expect(purged[0]).toEqual(expect.arrayContaining(['a:embargoed-story', 'home', 'missing']));
    } finally {
      store.stopKeepingCurrent();
    }
  });

  test('redirect and 410 answers carry `redirects`; a new redirect purges it and `missing` (the 404 it replaces), an unchanged file purges nothing', async () => {
    const redirects = (entries: Json[]) => ({ 'redirects.json': JSON.stringify(entries) });
    const before = [{ from: '/old-story', to: '/articles/lone-story' }, { from: '/retired', status: 410 }];
    const dir = await writeDataDir(records(), redirects(before));
    const { app } = await appFor(dir);
    for (const [url, status] of [['/old-story', 301], ['/retired', 410]] as const) {
      const res = await request(app).get(url);
      expect(res.status).toBe(status);
      expect((res.headers.xkey as string).split(' ')).toEqual(['site', 'redirects']);
    }
    const catalogWith = async (entries: Json[], version: number) => buildCatalog(await loadContent(await writeDataDir(records(), redirects(entries)), { now: NOW }), version, NOW);
    const first = await catalogWith(before, 1);
    expect((await changedKeys(first, await catalogWith(before, 2))).keys).toEqual([]);
    const purged = (await changedKeys(first, await catalogWith([...before, { from: '/older-story', to: '/articles/lone-story' }], 2))).keys;
    expect(purged).toEqual(expect.arrayContaining(['redirects', 'missing']));
    expect(purged).not.toContain('a:lone-story');
  });

  test('the keys are purged again a moment later, for an answer rendered before the swap that reached the cache after the first purge', async () => {
    const recs = records();
    const dir = await writeDataDir(recs);
    const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
    const purged: { keys: string[]; at: number }[] = [];
    purgeOnCatalogChange(store, { purge: (keys) => purged.push({ keys: [...keys], at: Date.now() }) }, createLogger('silent'), () => NOW, 200);
    store.replace(await loadContent(await writeDataDir(edit(records(), 'lone-story', { headline: 'A story, edited' })), { now: NOW }));
    await eventually(() => purged.length >= 2, 10_000, 'the purge and its echo');
    expect(purged[0]!.keys).toContain('a:lone-story');
    expect(purged[1]!.keys).toEqual(purged[0]!.keys);
    expect(purged[1]!.at - purged[0]!.at).toBeGreaterThanOrEqual(150);
  });
});
