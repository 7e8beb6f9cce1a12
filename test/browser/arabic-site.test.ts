/// <reference lib="dom" />
/**
 * The demo site with site.json's language set to Arabic: the chrome reads
 * right to left (dir="rtl" on <html>, the masthead, navigation and footer laid
 * out from the right), its words are Arabic, and axe-core and the Nu Html
 * Checker stay clean on several page types (light and dark, 390 and 1366 px).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeEverywhere, nuErrors } from './checks';
import { DATA_DIR, describeBrowser, PAGES, requireChromium, startSite, statusOf, type Site } from './harness';

requireChromium();

/** The page types audited in Arabic: the frame on each, the article's labels, lists, search and the error page. */
const AR_PAGES: Record<string, string> = Object.fromEntries(
  ['home', 'article', 'article-new-blocks', 'article-rtl', 'author', 'source', 'section', 'search', 'search-none', 'corrections', 'static-page', 'not-found', 'gone'].map((name) => [name, PAGES[name] as string]),
);

describeBrowser('the demo site in Arabic', () => {
  let site: Site;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-demo-ar-'));
    cpSync(DATA_DIR, dataDir, { recursive: true });
    const sitePath = path.join(dataDir, 'site.json');
    writeFileSync(sitePath, JSON.stringify({ ...JSON.parse(readFileSync(sitePath, 'utf8')), language: 'ar', locale: 'ar' }));
    site = await startSite(dataDir);
  }, 60_000);

  afterAll(async () => {
    await site?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the chrome is right to left and in Arabic', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(site.base + '/', { waitUntil: 'load' });
      const layout = await page.evaluate(() => {
        const brand = document.querySelector('.masthead__brand')!.getBoundingClientRect();
        const search = document.querySelector('.site-search')!.getBoundingClientRect();
        return {
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          direction: getComputedStyle(document.querySelector('.masthead')!).direction,
          brandRightOfSearch: brand.left > search.left,
          skip: document.querySelector('.skip-link')!.textContent,
          footerNav: document.querySelector('.site-footer__nav')!.getAttribute('aria-label'),
        };
      });
      expect(layout).toEqual({ lang: 'ar', dir: 'rtl', direction: 'rtl', brandRightOfSearch: true, skip: 'انتقل إلى المحتوى الرئيسي', footerNav: 'عن هذا الموقع' });
    } finally {
      await context.close();
    }
  });

  describe('axe-core finds no WCAG 2.2 A/AA or best-practice violations', () => {
    test.each(Object.entries(AR_PAGES))('%s (%s), light and dark, 390 and 1366 px', async (name, url) => {
      expect(await axeEverywhere(site, url, statusOf(name), `ar ${name}`)).toEqual([]);
    }, 60_000);
  });

  test('the Nu Html Checker reports no errors', async () => {
    expect(await nuErrors(site, AR_PAGES, statusOf)).toEqual([]);
  }, 60_000);
});
