/**
 * Debian's Chromium as every browser run here starts it (the browser suites
 * and `npm run audit`): headless, and no calls to hosts it cannot reach
 * (../shared/notes/browser-and-audits.md). No Jest here, so scripts can use it.
 */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
