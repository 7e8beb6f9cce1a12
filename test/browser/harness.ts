/**
 * What every browser suite shares: the real server on 127.0.0.1 (any free
 * port) over the demo data, Debian's Chromium driven by playwright-core with
 * the flags that keep it offline and quiet, a scratch TMPDIR for its profile
 * folders, and the list of page types. A missing Chromium fails loudly unless
 * SKIP_BROWSER=1 says to skip on purpose.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { previewExpiry, previewPath } from '../../src/routes/preview-signature';
import { start } from '../../src/server';
import { CHROME_FLAGS, CHROME_PATH } from './chromium';

const SKIP = process.env.SKIP_BROWSER === '1';
export const DATA_DIR = path.resolve(__dirname, '../../data');
/** The server below runs with this PREVIEW_SECRET, so the suites can open a signed preview. */
const PREVIEW_SECRET = 'browser-suite-preview-secret-0123456789';

/** One URL per page type on the demo data. */
export const PAGES: Record<string, string> = {
  home: '/',
  article: '/articles/unfit-conscripts-sent-home',
  'article-all-blocks': '/articles/night-train-returns',
  /** Tables, embeds, code, dividers, galleries, nested lists and a text-only figure. */
  'article-new-blocks': '/articles/port-alder-punctuality-data',
  'article-rtl': '/articles/port-alder-library-arabic-reading-week',
  /** Made by the WordPress importer from demo/imports/port-alder-wordpress.xml: a table and nested lists. */
  'article-imported': '/articles/port-alder-winter-ferry-timetable',
  author: '/authors/maren-holt',
  source: '/sources/al-jazeera',
  tag: '/tags/climate',
  section: '/sections/business',
  search: '/search?q=harbour',
  /** Every correction, newest first (demo: one, on port-alder-punctuality-data). */
  corrections: '/corrections',
  'search-none': '/search?q=zzxqv',
  /** A static page (data/pages/about.json): heading, paragraphs, a list, the footer's page links. */
  'static-page': '/about',
  /** A signed preview of the demo draft (data/articles/market-hall-plans.json): the banner above the article. */
  preview: previewPath(PREVIEW_SECRET, 'market-hall-plans', previewExpiry(Date.now(), 24)),
  'not-found': '/no-such-page',
  /** A retired address (data/redirects.json: "/newsletter", status 410): the "page removed" page. */
  gone: '/newsletter',
};

/** The status each page type answers with: 200 but for the error pages. */
export function statusOf(name: string): number {
  return name === 'not-found' ? 404 : name === 'gone' ? 410 : 200;
}

/** Throws (at import time of a suite) when Chromium is missing and skipping was not asked for. */
export function requireChromium(): void {
  if (!SKIP && !existsSync(CHROME_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROME_PATH}. Install Debian's chromium (apt-get update && apt-get install -y chromium), ` +
        'set CHROME_PATH to another Chromium, or set SKIP_BROWSER=1 to skip the browser tests explicitly.',
    );
  }
}

export const describeBrowser: jest.Describe = SKIP ? describe.skip : describe;

export interface Site {
  base: string;
  browser: Browser;
  tmp: string;
  stop(): Promise<void>;
}

/**
 * Starts the server on the demo data (or a copy of it the suite changed, `dataDir`) and launches
 * Chromium; `stop()` undoes both and removes the scratch folder.
 */
export async function startSite(dataDir = DATA_DIR): Promise<Site> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsreel-browser-'));
  process.env.TMPDIR = tmp; // Chromium leaves profile folders in TMPDIR
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'test', PREVIEW_SECRET });
  const site = await start(config, createLogger('silent'));
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
  } catch (error) {
    await site.stop();
    throw error;
  }
  return {
    base: `http://127.0.0.1:${site.port}`,
    browser,
    tmp,
    async stop() {
      await browser.close();
      await site.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
