/// <reference lib="dom" />
/**
 * What a reader's browser sees, in real Chromium (Debian's, driven by
 * playwright-core) against the real server on 127.0.0.1 with the demo data:
 * every page type loads with no console errors or failed requests, ships no
 * JavaScript, has no horizontal scroll at 320 px, the skip link works from
 * the keyboard, and screenshots at phone and desktop width are saved to
 * test-artifacts/screenshots/ for people to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describeBrowser, PAGES, requireChromium, startSite, statusOf, type Site } from './harness';

const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

requireChromium();

describeBrowser('in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await site?.stop();
  });

  async function open(url: string, width: number, height: number, colorScheme: 'light' | 'dark' = 'light') {
    const context = await site.browser.newContext({ viewport: { width, height }, colorScheme });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      // Chromium logs an error page's own status ("…responded with a status of 404"): that one is expected.
      const expected = Object.entries(PAGES).find(([, u]) => u === url)?.[0];
      const status = expected === undefined ? 200 : statusOf(expected);
      if (msg.type() === 'error' && !(status !== 200 && msg.text().includes(String(status)))) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const response = await page.goto(site.base + url, { waitUntil: 'load' });
    return { page, context, response, problems, scripts };
  }

  test.each(Object.entries(PAGES))('%s (%s) loads cleanly, ships no JavaScript and fits a 320 px screen', async (name, url) => {
    const { page, context, response, problems, scripts } = await open(url, 320, 800);
    expect(response?.status()).toBe(statusOf(name));
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

