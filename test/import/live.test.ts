/** An import into a folder a running server watches: the pages appear, after one reload. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { runImport } from '../../src/import/run';
import { NOW } from '../helpers/fixture';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';
import { eventually, liveSiteFor } from '../helpers/live-site';

afterAll(removeImportDirs);

test('twenty stories imported while the site runs are served after one reload', async () => {
  const dir = demoCopy();
  const site = await liveSiteFor(dir, { watchDebounceMs: 200 });
  try {
    const files = Array.from({ length: 20 }, (_, i) => {
      const file = path.join(dir, '..', `${path.basename(dir)}-story-${i}.txt`);
      writeFileSync(file, [`Story number ${i} reached the desk this morning.`, `The ${i}th paragraph of news, reports Meduza.`].join('\n'));
      return file;
    });
    const lines = await runImport(files, { dataDir: dir, status: 'published', update: false, dryRun: false, download: false, now: new Date(NOW.getTime() - 3600_000) });
    expect(lines.every((l) => l.status === 'written')).toBe(true);
    const slug = lines[7]?.slug as string;
    await eventually(async () => (await request(site.app).get(`/articles/${slug}`)).status === 200, 15_000, 'the imported page');
    const page = await request(site.app).get(`/articles/${slug}`).expect(200);
    expect(page.text).toContain('The 7th paragraph of news, reports Meduza.');
    expect(page.text).toContain('href="/sources/meduza"');
    await new Promise((resolve) => setTimeout(resolve, 600)); // let any straggling events settle
    expect(site.reloads.filter((r) => r.trigger === 'watch')).toHaveLength(1);
    expect(site.live.status().problemCount).toBe(0);
  } finally {
    site.close();
  }
});
