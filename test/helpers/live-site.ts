/**
 * The site as the server runs it, with live content: LiveContent over a
 * fixture folder, the page cache, metrics and the front layer, on the fixture
 * clock. Tests drive `app` with supertest and stop the watcher with close().
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { LiveContent, type ReloadResult } from '../../src/content/live';
import { createApp } from '../../src/http/app';
import { createFrontHandler } from '../../src/http/front';
import { SiteMetrics } from '../../src/http/metrics';
import { PageCache } from '../../src/http/page-cache';
import { createLogger } from '../../src/log';
import { NOW } from './fixture';

export async function liveSiteFor(dir: string, options: { watchDebounceMs?: number } = {}) {
  const logger = createLogger('silent');
  const live = await LiveContent.load(dir, { logger, clock: () => NOW });
  const pageCache = new PageCache(8 * 1024 * 1024);
  const metrics = new SiteMetrics({ store: live.store, live, pageCache });
  const express = createApp({ store: live.store, dataDir: dir, logger, pageCache, readiness: () => live.status() });
  const app = createFrontHandler({ app: express, store: live.store, logger, pageCache, metrics });
  const reloads: ReloadResult[] = [];
  live.listeners.push((result) => reloads.push(result));
  if (options.watchDebounceMs !== undefined) live.watch(options.watchDebounceMs);
  return { app, live, metrics, pageCache, reloads, close: () => live.close() };
}

/** Writes a record file the way an editor saves it. */
export function writeRecord(dir: string, file: string, record: unknown): void {
  writeFileSync(path.join(dir, file), typeof record === 'string' ? record : JSON.stringify(record, null, 2));
}

/** Polls `check` until it returns true; fails after `timeoutMs` (generous: machines are shared and noisy). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
