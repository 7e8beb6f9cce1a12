/**
 * No imported input, however hostile, yields markup on a page or a record that
 * fails validation: arbitrary plain-text copy and ninjs items with arbitrary
 * HTML bodies go through the whole import, then through the site.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loadContent } from '../../src/content/load';
import { runImport } from '../../src/import/run';
import { appFor, NOW } from '../helpers/fixture';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';

afterAll(removeImportDirs);

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '**bold** _it_ \\ ` [ ]',
  '&lt;script&gt;',
  '"><svg onload=alert(1)>',
  '<style>body{display:none}</style>',
  '\u0000\u202e\ufeff',
];
const words = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...HOSTILE), fc.lorem({ maxCount: 12 }));
const line = fc.array(words, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

test('arbitrary copy and HTML bodies import to valid records whose pages carry no markup of their own', async () => {
  const dir = demoCopy();
  const files: string[] = [];
  let n = 0;
  fc.assert(
    fc.property(fc.array(line, { minLength: 2, maxLength: 8 }), fc.array(words, { minLength: 1, maxLength: 6 }), (copy, html) => {
      n += 1;
      const text = path.join(dir, '..', `${path.basename(dir)}-p${n}.txt`);
      writeFileSync(text, copy.join('\n'));
      const ninjs = path.join(dir, '..', `${path.basename(dir)}-p${n}.json`);
      writeFileSync(ninjs, JSON.stringify({ uri: `urn:test:${n}`, type: 'text', version: '1', headline: copy[0], body_html: `<p>${html.join('</p><p>')}</p>`, firstcreated: '2026-05-01T10:00:00Z' }));
      files.push(text, ninjs);
    }),
    { numRuns: 30, seed: 42 },
  );
  const lines = await runImport(files, { dataDir: dir, status: 'published', update: false, dryRun: false, download: false, now: new Date(NOW.getTime() - 86400_000) });
  // Every item is written, or refused with a reason (e.g. a body with nothing readable left): never a crash.
  for (const l of lines) expect(['written', 'failed', 'skipped']).toContain(l.status);
  expect(lines.filter((l) => l.status === 'written').length).toBeGreaterThan(20);
  const content = await loadContent(dir, { now: NOW });
  expect(content.problems).toEqual([]);
  const { app } = await appFor(dir);
  for (const l of lines.filter((x) => x.status === 'written')) {
    const page = await request(app).get(`/articles/${l.slug}`).expect(200);
    const main = page.text.slice(page.text.indexOf('<main'), page.text.indexOf('</main>'));
    // Real tags only: hostile words may be there as text (escaped), never as markup.
    expect(main).not.toMatch(/<(script|iframe|style|svg|object|embed|img\s[^>]*onerror)\b/i);
    expect(main).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(main).not.toMatch(/href="\s*javascript:/i);
  }
});
