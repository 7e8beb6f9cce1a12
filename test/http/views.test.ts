/**
 * Views: includes resolve to templates compiled once, and the HTML is exactly
 * what EJS's own include() makes of the same templates, for every page type.
 */
import ejs from 'ejs';
import fs, { readFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { AssetManifest } from '../../src/http/assets';
import { Views } from '../../src/http/views';
import type { PageContext } from '../../src/pages/context';
import { STATIC_DIR, VIEWS_DIR } from '../../src/paths';
import { jobsFor, PAGE_TYPES } from '../../bench/render';
import { baseRecords, DEMO_DATA_DIR, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

/** Rendering as EJS does it by itself: its include() finds each partial on disk at render time. */
function renderWithEjsIncludes(view: string, model: object): string {
  const filename = path.join(VIEWS_DIR, 'pages', `${view}.ejs`);
  return ejs.compile(readFileSync(filename, 'utf8'), { filename, strict: true, localsName: 'm' })(model);
}

async function contextFor(dir: string): Promise<PageContext> {
  const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
  return { catalog: store.current(), assets: new AssetManifest(STATIC_DIR).pageUrls() };
}

test.each([
  ['the fixture data', async () => writeDataDir(baseRecords())],
  ['the demo data', async () => DEMO_DATA_DIR],
])('every page type renders exactly as with EJS’s own includes: %s', async (_name, dir) => {
  const ctx = await contextFor(await dir());
  const views = new Views();
  let pages = 0;
  for (const type of PAGE_TYPES) {
    for (const job of jobsFor(ctx, type, 40)) {
      const result = job();
      if (result.kind !== 'page') continue;
      expect(views.render(result.view, result.model)).toBe(renderWithEjsIncludes(result.view, result.model));
      pages += 1;
    }
  }
  expect(pages).toBeGreaterThan(10);
});

test('after the first render, rendering looks nothing up on disk', async () => {
  const ctx = await contextFor(DEMO_DATA_DIR);
  const views = new Views();
  const jobs = PAGE_TYPES.flatMap((type) => jobsFor(ctx, type, 20));
  const render = () => {
    for (const job of jobs) {
      const result = job();
      if (result.kind === 'page') views.render(result.view, result.model);
    }
  };
  render();
  const exists = jest.spyOn(fs, 'existsSync');
  const read = jest.spyOn(fs, 'readFileSync');
  try {
    render();
    expect(exists).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
  } finally {
    exists.mockRestore();
    read.mockRestore();
  }
});

test('an include’s locals are the includer’s with its own object on top, and do not leak back', () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'views-'));
  fs.mkdirSync(path.join(dir, 'pages'));
  fs.mkdirSync(path.join(dir, 'partials'));
  fs.writeFileSync(path.join(dir, 'pages', 'p.ejs'), "<%= m.a %>|<%- include('../partials/x', { b: 2 }) %>|<%= m.b %>|<%- include('../partials/x') %>");
  fs.writeFileSync(path.join(dir, 'partials', 'x.ejs'), '<% m.a = "changed"; %>[<%= m.a %>,<%= m.b %>]');
  try {
    expect(new Views(dir).render('p', { a: '<1>' })).toBe('&lt;1&gt;|[changed,2]||[changed,]');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
