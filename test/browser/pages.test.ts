/// <reference lib="dom" />
/**
 * What a reader's browser sees, in real Chromium (Debian's, driven by
 * playwright-core) against the real server on 127.0.0.1 with the demo data:
 * every page type loads with no console errors or failed requests, ships no
 * JavaScript, has no horizontal scroll at 320 px, the skip link works from
 * the keyboard, and screenshots at phone and desktop width are saved to
 * test-artifacts/screenshots/ for people to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { start } from '../../src/server';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const SKIP = process.env.SKIP_BROWSER === '1';
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const PAGES: Record<string, string> = {
  home: '/',
  article: '/articles/unfit-conscripts-sent-home',
  'article-all-blocks': '/articles/night-train-returns',
  author: '/authors/maren-holt',
  source: '/sources/al-jazeera',
  tag: '/tags/climate',
  section: '/sections/business',
  search: '/search?q=harbour',
  'not-found': '/no-such-page',
};

if (!SKIP && !existsSync(CHROME_PATH)) {
  throw new Error(
    `Chromium not found at ${CHROME_PATH}. Install Debian's chromium (apt-get update && apt-get install -y chromium), ` +
      'set CHROME_PATH to another Chromium, or set SKIP_BROWSER=1 to skip the browser tests explicitly.',
  );
}

const describeBrowser = SKIP ? describe.skip : describe;

describeBrowser('in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let base: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'newsreel-browser-'));
    process.env.TMPDIR = tmp; // Chromium leaves profile folders in TMPDIR
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.resolve(__dirname, '../../data'), NODE_ENV: 'test' });
    ({ server } = await start(config, createLogger('silent')));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROME_PATH, args: FLAGS });
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function open(url: string, width: number, height: number, colorScheme: 'light' | 'dark' = 'light') {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !(url === PAGES['not-found'] && /404/.test(msg.text()))) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const response = await page.goto(base + url, { waitUntil: 'load' });
    return { page, context, response, problems, scripts };
  }

  test.each(Object.entries(PAGES))('%s (%s) loads cleanly, ships no JavaScript and fits a 320 px screen', async (name, url) => {
    const { page, context, response, problems, scripts } = await open(url, 320, 800);
    expect(response?.status()).toBe(name === 'not-found' ? 404 : 200);
    expect(problems).toEqual([]);
    expect(scripts).toEqual([]);
    expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // Every image has loaded (no broken image) and declares its size.
    const images = await page.evaluate(() => Array.from(document.images).map((img) => ({ src: img.currentSrc, w: img.getAttribute('width'), h: img.getAttribute('height') })));
    for (const image of images) expect(image.w && image.h).toBeTruthy();
    await context.close();
  });

  test('the skip link is the first stop for the keyboard and moves focus to the main content', async () => {
    const { page, context } = await open(PAGES.article as string, 390, 844);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, visible: (document.activeElement as HTMLElement | null)?.getBoundingClientRect().height ?? 0 }));
    expect(focused.text).toBe('Skip to main content');
    expect(focused.visible).toBeGreaterThan(0);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  test('screenshots of every page type at phone and desktop width, light and dark', async () => {
    const sizes: Array<[string, number, number]> = [
      ['phone', 390, 844],
      ['desktop', 1366, 900],
    ];
    for (const [name, url] of Object.entries(PAGES)) {
      for (const [label, width, height] of sizes) {
        for (const scheme of ['light', 'dark'] as const) {
          const { page, context } = await open(url, width, height, scheme);
          // Full-page shots: load the lazy images below the fold too, so the picture is the whole page.
          await page.evaluate(async () => {
            const images = Array.from(document.images);
            images.forEach((img) => (img.loading = 'eager'));
            await Promise.all(images.map((img) => (img.complete ? undefined : new Promise((done) => img.addEventListener('load', done, { once: true })))));
          });
          const file = path.join(SHOTS, `${name}-${label}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(existsSync(file)).toBe(true);
          await context.close();
        }
      }
    }
  }, 300_000); // 40 full-page screenshots: generous on a shared 2-core machine
});

