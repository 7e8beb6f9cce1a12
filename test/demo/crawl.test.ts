/**
 * The demo site end to end: starting at the front page, every internal link
 * answers 200, every page type is reached, and the demo data has no problems.
 */
import request from 'supertest';
import { appFor, DEMO_DATA_DIR } from '../helpers/fixture';

test('every internal link on the demo site works', async () => {
  const { app, content } = await appFor(DEMO_DATA_DIR, { now: new Date() });
  expect(content.problems).toEqual([]);
  const seen = new Set<string>();
  const queue = ['/'];
  const broken: string[] = [];
  while (queue.length) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await request(app).get(url);
    if (res.status !== 200) {
      broken.push(`${url} → ${res.status}`);
      continue;
    }
    if (!String(res.headers['content-type']).startsWith('text/html')) continue;
    for (const match of res.text.matchAll(/(?:href|src)="(\/[^"#]*)"/g)) {
      const link = (match[1] as string).replace(/&amp;/g, '&');
      if (!seen.has(link)) queue.push(link);
    }
  }
  expect(broken).toEqual([]);
  for (const prefix of ['/articles/', '/authors/', '/sources/', '/tags/', '/sections/', '/images/', '/static/']) {
    expect([...seen].some((u) => u.startsWith(prefix))).toBe(true);
  }
  // Paging shows on the demo data (more than one page of stories somewhere).
  expect([...seen].some((u) => u.includes('?page=2'))).toBe(true);
  // Drafts and embargoed demo articles are never linked.
  expect(seen.has('/articles/market-hall-plans')).toBe(false);
  expect(seen.has('/articles/new-year-drone-show')).toBe(false);
});
