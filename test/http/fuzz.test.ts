/**
 * Property-based fuzzing (fast-check): arbitrary URLs, query strings, headers
 * and JSON records never produce a 5xx or a crash, and text a request carries
 * never comes back unescaped.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loadContent } from '../../src/content/load';
import { appFor, baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

const MARKER = '<fz"x>';
const PREFIXES = ['/', '/articles/', '/authors/', '/sources/', '/tags/', '/sections/', '/search?q=', '/images/', '/static/', '/page/', '/feed.xml?', '/authors/ada-lane/', '/sitemaps/'];

/** Any string, as a browser or a client would put it on the request line (percent-encoded where it must be). */
const pathPart = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
  // Any code points, sometimes with the last percent escape cut short (malformed encoding).
  fc.tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.boolean()).map(([s, cut]) => (cut ? encodeURIComponent(s).replace(/%[0-9A-F]{2}$/, (m) => m.slice(0, 2)) : encodeURIComponent(s))),
  fc.constantFrom('..', '%2e%2e', '%00', '..%2f', '%5c', '//', '%ff', '%ED%A0%80', '?page=-1', '&page=99999999', MARKER.replace(/[<>"]/g, encodeURIComponent)),
);

describe('fuzzing', () => {
  let app: Awaited<ReturnType<typeof appFor>>['app'];
  beforeAll(async () => {
    ({ app } = await appFor(await writeDataDir(baseRecords())));
  });

  test('arbitrary paths and query strings never give a 5xx, and echo nothing unescaped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PREFIXES), fc.array(pathPart, { maxLength: 4 }), async (prefix, parts) => {
        const url = prefix + parts.join(prefix.includes('?') ? '&' : '/');
        const res = await request(app).get(url);
        expect(res.status).toBeLessThan(500);
        expect(res.text ?? '').not.toContain(MARKER);
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary header values never give a 5xx', async () => {
    const headerValue = fc.string({ maxLength: 200 }).filter((s) => /^[\t\x20-\x7e]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Accept-Encoding', 'If-None-Match', 'Accept', 'Range', 'If-Modified-Since', 'Cookie', 'Referer'),
        headerValue,
        fc.constantFrom('/', '/articles/first-story', '/static/nothing.css', '/feed.xml', '/search?q=harbour'),
        async (name, value, url) => {
          const res = await request(app).get(url).set(name, value);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('arbitrary JSON in an article file is reported, never thrown, and the rest still loads', async () => {
    const dir = await writeDataDir(baseRecords());
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      // Near-miss records: a valid article with one field replaced by anything.
      fc.record({ field: fc.constantFrom('slug', 'headline', 'body', 'authors', 'sources', 'publishedAt', 'image', 'tags', 'status'), value: fc.jsonValue({ maxDepth: 2 }) }).map(({ field, value }) => ({
        ...(baseRecords().articles[0] as object),
        slug: 'fuzzed',
        [field]: value,
      })),
    );
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        writeFileSync(path.join(dir, 'articles', 'fuzzed.json'), JSON.stringify(value));
        const content = await loadContent(dir, { now: NOW });
        expect(content.articles.has('first-story')).toBe(true);
        if (!content.articles.has('fuzzed')) expect(content.problems.some((p) => p.file === 'articles/fuzzed.json')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
