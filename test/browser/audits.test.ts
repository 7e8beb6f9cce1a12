/// <reference lib="dom" />
/**
 * Audits of every page type on the demo site, in real Chromium against the
 * real server:
 * - axe-core (WCAG 2.0/2.1/2.2 A and AA plus best practice) finds nothing,
 *   light and dark colour scheme, at 390 px and 1366 px;
 * - the Nu Html Checker (vnu-jar, one JVM for all pages) reports no errors;
 * - keyboard: the first focus stops each show a visible focus indicator;
 * - at 320 px wide no page scrolls sideways;
 * - a right-to-left article reads right to left;
 * - the article with the newer block types shows each of them, loads nothing
 *   from another site, and its wide tables and code scroll in their own
 *   boxes, which the keyboard reaches and scrolls.
 */
import type { Page } from 'playwright-core';
import { axeEverywhere, nuErrors } from './checks';
import { describeBrowser, PAGES, requireChromium, startSite, statusOf, type Site } from './harness';

requireChromium();

const RTL_ARTICLE = PAGES['article-rtl'] as string;
/** How many Tab stops per page are checked for a visible focus indicator. */
const TAB_STOPS = 15;

describeBrowser('audits in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
  }, 60_000);

  afterAll(async () => {
    await site?.stop();
  });

  describe('axe-core finds no WCAG 2.2 A/AA or best-practice violations', () => {
    test.each(Object.entries(PAGES))('%s (%s), light and dark, 390 and 1366 px', async (name, url) => {
      expect(await axeEverywhere(site, url, statusOf(name), name)).toEqual([]);
    }, 60_000);
  });

  test('the Nu Html Checker reports no errors on any page type', async () => {
    expect(await nuErrors(site, PAGES, statusOf)).toEqual([]);
  }, 60_000);

  describe('keyboard: every early Tab stop shows a visible focus indicator', () => {
    async function focusReport(page: Page) {
      return page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
        return {
          what: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} "${(el.textContent ?? el.getAttribute('value') ?? '').trim().slice(0, 40)}"`,
          indicated: outline || shadow,
          visible: rect.width > 0 && rect.height > 0,
        };
      });
    }

    test.each(Object.entries(PAGES))('%s (%s)', async (name, url) => {
      const context = await site.browser.newContext({ viewport: { width: 1366, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(site.base + url, { waitUntil: 'load' });
        const bad: string[] = [];
        let stops = 0;
        for (let i = 0; i < TAB_STOPS; i++) {
          await page.keyboard.press('Tab');
          const focus = await focusReport(page);
          if (!focus) break; // focus left the document: fewer stops than TAB_STOPS
          stops++;
          if (!focus.indicated || !focus.visible) bad.push(`stop ${i + 1}: ${focus.what} (${focus.indicated ? 'indicated' : 'no outline or box-shadow'}, ${focus.visible ? 'visible' : 'not visible'})`);
        }
        expect(stops).toBeGreaterThan(3);
        expect(bad).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe('at 320 px wide nothing scrolls sideways (WCAG 1.4.10 reflow)', () => {
    test.each(Object.entries(PAGES))('%s (%s)', async (_name, url) => {
      const context = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
      try {
        const page = await context.newPage();
        await page.goto(site.base + url, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => {
          const root = document.documentElement;
          // Name the elements that stick out, so a failure says where to look. Content of a strip
          // that scrolls on its own (the section nav on phones) is not the page scrolling sideways.
          const inScroller = (el: HTMLElement) => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
            return false;
          };
          const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
            .filter((el) => { const r = el.getBoundingClientRect(); return (r.right > root.clientWidth + 1 || r.left < -1) && !inScroller(el); })
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')}`);
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
        });
        expect(overflow).toEqual({ scrollWidth: overflow.clientWidth, clientWidth: 320, wide: [] });
      } finally {
        await context.close();
      }
    });
  });

  describe('the article with every newer block type', () => {
    const url = PAGES['article-new-blocks'] as string;

    test('shows each of them, and loads nothing from another site', async () => {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const page = await context.newPage();
        const elsewhere: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(site.base)) elsewhere.push(request.url());
        });
        await page.goto(site.base + url, { waitUntil: 'load' });
        const found = await page.evaluate(() => {
          const body = document.querySelector('.article__body') as HTMLElement;
          const has = (selector: string) => body.querySelector(selector) !== null;
          return {
            table: has('.scroll-box > table > caption + thead th[scope="col"]'),
            embed: has('.embed a[rel="noopener noreferrer"] img'),
            code: has('.scroll-box > pre > code'),
            divider: has(':scope > hr'),
            gallery: body.querySelectorAll('.gallery img[loading="lazy"]').length >= 2,
            nestedList: has('.article__list li > .article__list li > .article__list'),
            textOnlyFigure: has('.figure--text-only figcaption'),
            frames: document.querySelectorAll('iframe, object, embed').length,
          };
        });
        expect(found).toEqual({ table: true, embed: true, code: true, divider: true, gallery: true, nestedList: true, textOnlyFigure: true, frames: 0 });
        expect(elsewhere).toEqual([]);
      } finally {
        await context.close();
      }
    });

    test('at 320 px its tables and code scroll inside their own boxes, which the keyboard reaches, shows focus on and scrolls', async () => {
      const context = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
      try {
        const page = await context.newPage();
        await page.goto(site.base + url, { waitUntil: 'load' });
        const boxes = await page.locator('.scroll-box').count();
        expect(boxes).toBeGreaterThanOrEqual(2);
        const reached: Array<{ label: string | null; overflows: boolean; indicated: boolean; scrolled: boolean }> = [];
        for (let i = 0; i < 200 && reached.length < boxes; i++) {
          await page.keyboard.press('Tab');
          const box = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el?.classList.contains('scroll-box')) return null;
            const style = getComputedStyle(el);
            return { label: el.getAttribute('aria-label'), overflows: el.scrollWidth > el.clientWidth, indicated: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
          });
          if (!box) continue;
          await page.keyboard.press('ArrowRight');
          // Keyboard scrolling may be animated: wait for it to move, a moment at most.
          const scrolled = await page
            .waitForFunction(() => Math.abs((document.activeElement as HTMLElement).scrollLeft) > 0, undefined, { timeout: 2000 })
            .then(() => true, () => false);
          reached.push({ ...box, scrolled });
        }
        expect(reached).toEqual([
          { label: 'Departures in 2024, by route', overflows: true, indicated: true, scrolled: true },
          { label: 'Code (csv)', overflows: true, indicated: true, scrolled: true },
        ]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
      } finally {
        await context.close();
      }
    });
  });

  test('a right-to-left article reads right to left', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      const response = await page.goto(site.base + RTL_ARTICLE, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const found = await page.evaluate(() => {
        const article = document.querySelector('article.article') as HTMLElement;
        const body = article.querySelector('.article__body') as HTMLElement;
        const paragraph = body.querySelector('p') as HTMLElement;
        return {
          lang: article.getAttribute('lang'),
          dir: article.getAttribute('dir'),
          direction: getComputedStyle(body).direction,
          textAlign: getComputedStyle(paragraph).textAlign,
          // The masthead stays left to right: only the article is mirrored.
          mastheadDirection: getComputedStyle(document.querySelector('.masthead') as HTMLElement).direction,
        };
      });
      expect(found).toEqual({ lang: 'ar', dir: 'rtl', direction: 'rtl', textAlign: expect.stringMatching(/^(start|right)$/), mastheadDirection: 'ltr' });
    } finally {
      await context.close();
    }
  });

});
