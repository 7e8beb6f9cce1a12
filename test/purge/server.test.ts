/**
 * The whole server with PURGE_URLS: an edit saved and reloaded is purged at
 * the cache, after the new content is what the replica serves; a cache that
 * refuses purges is logged and counted while readers are served as before.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../src/config';
import { start, type RunningSite } from '../../src/server';
import { baseRecords, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';
import { eventually } from '../helpers/live-site';
import { keysOfCall, purgeRecorder, recordingLogger, type RecordedCall } from '../helpers/purge-recorder';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  removeDataDirs();
});

async function siteWithPurges(env: Record<string, string>) {
  const records = baseRecords();
  const dir = await writeDataDir(records);
  const { logger, lines } = recordingLogger();
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, WATCH: '0', METRICS_PORT: '0', NODE_ENV: 'test', ...env });
  const site: RunningSite = await start(config, logger, { processMetrics: false });
  cleanups.push(() => site.stop());
  const editHeadline = async (slug: string, headline: string) => {
    const record = records.articles.find((a) => a.slug === slug) as Json;
    writeFileSync(path.join(dir, 'articles', `${slug}.json`), JSON.stringify({ ...record, headline }));
    await site.live.reload('manual');
  };
  const get = (url: string) => fetch(`http://127.0.0.1:${site.port}${url}`);
  const metrics = async () => (await fetch(`http://127.0.0.1:${site.metricsPort}/metrics`)).text();
  return { site, lines, editHeadline, get, metrics };
}

test('an edited headline is purged at the cache, after the replica serves it', async () => {
  let site: RunningSite | undefined;
  const servedWhenPurged: (string | undefined)[] = [];
  const recorder = await purgeRecorder(() => {
    // What this replica serves at the moment the purge arrives: the edit, or the cache would refetch the old page.
    servedWhenPurged.push(site?.store.current().articleBySlug.get('first-story')?.headline);
    return { status: 200 };
  });
  cleanups.push(recorder.close);
  const running = await siteWithPurges({ PURGE_URLS: recorder.url });
  site = running.site;
  await running.editHeadline('first-story', 'A corrected headline');
  await eventually(() => recorder.calls.length > 0, 10_000, 'a purge');
  expect(servedWhenPurged).toEqual(['A corrected headline']);
  expect(recorder.calls[0]).toMatchObject({ method: 'PURGE', url: '/' });
  const keys = keysOfCall(recorder.calls[0] as RecordedCall);
  expect(keys).toEqual(expect.arrayContaining(['a:first-story', 'articles', 'search']));
  expect(keys).not.toContain('a:second-story');
  await eventually(async () => (await running.metrics()).includes('newsreel_purges_sent_total{endpoint="varnish"} 1'), 5_000, 'the purge counted');
});

test('a cache refusing purges is logged and counted; readers are served as before', async () => {
  const refusing = await purgeRecorder(() => ({ status: 403, body: 'not in the purge ACL' }));
  cleanups.push(refusing.close);
  const { editHeadline, get, lines, metrics } = await siteWithPurges({ PURGE_URLS: refusing.url });
  await editHeadline('second-story', 'Another headline');
  await eventually(() => lines.some((l) => l.msg === 'purge failed; those pages stay cached until their TTL'), 10_000, 'the failure logged');
  expect(lines.find((l) => l.msg === 'purge failed; those pages stay cached until their TTL')).toMatchObject({ reason: expect.stringContaining('403') });
  expect(await metrics()).toContain('newsreel_purges_failed_total{endpoint="varnish"} 1');
  const page = await get('/articles/second-story');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Another headline');
});

test('a Fastly entry without its token stops the start, naming the variable', () => {
  expect(() => readConfig({ PURGE_URLS: 'fastly:svc' })).toThrow('PURGE_URLS entry "fastly:svc" needs FASTLY_API_TOKEN');
  expect(() => readConfig({ PURGE_SOFT: 'maybe' })).toThrow('PURGE_SOFT must be 1 or 0, got "maybe"');
});
