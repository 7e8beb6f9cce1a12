/** A failing page gets the site's own 500 page, never a stack trace; other pages keep working. */
import request from 'supertest';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createApp } from '../../src/http/app';
import { Views } from '../../src/http/views';
import { createLogger } from '../../src/log';
import { baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

class ArticleViewsThatThrow extends Views {
  override render(view: string, model: object): string {
    if (view === 'article') throw new Error('secret internal detail at /srv/app/file.js:12');
    return super.render(view, model);
  }
}

test('an error while rendering gives the 500 page in the site design and leaves other pages up', async () => {
  const dir = await writeDataDir(baseRecords());
  const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
  const app = createApp({ store, dataDir: dir, logger: createLogger('silent'), views: new ArticleViewsThatThrow() });
  const res = await request(app).get('/articles/first-story').expect(500);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.text).toContain('Something went wrong on our side');
  expect(res.text).toContain('Test Gazette');
  expect(res.text).not.toContain('secret internal detail');
  expect(res.text).not.toMatch(/\.js:\d+/);
  await request(app).get('/').expect(200);
});
