/**
 * `npm run preview-link -- SLUG [--hours N] [--base URL] [--data DIR]`: prints
 * an absolute signed link the app accepts (and only that on stdout), says on
 * stderr whether the story is a draft, embargoed or live; an unknown slug
 * exits 1, a missing or short PREVIEW_SECRET and bad options exit 2.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { PREVIEW_DEFAULT_HOURS, PREVIEW_SECRET_MIN_LENGTH } from '../../src/routes/preview-signature';
import { appFor, baseRecords, removeDataDirs, writeDataDir } from '../helpers/fixture';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'c'.repeat(PREVIEW_SECRET_MIN_LENGTH);

afterAll(removeDataDirs);

let dir = '';
beforeAll(async () => {
  const r = baseRecords();
  r.articles.push({ ...r.articles[0], slug: 'draft-story', headline: 'Draft headline', status: 'draft' }, { ...r.articles[0], slug: 'embargoed-story', publishedAt: '2099-01-01T06:00:00Z' });
  dir = await writeDataDir(r);
});

async function previewLink(args: string[], env: Record<string, string> = { PREVIEW_SECRET: SECRET }): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PREVIEW_SECRET: _inherited, BASE_URL: _base, ...parent } = process.env;
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/preview-link.ts', ...args], { cwd: ROOT, env: { ...parent, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('prints an absolute link on the site address that the app, run with the same secret, answers with the preview', async () => {
  const started = Math.floor(Date.now() / 1000);
  const result = await previewLink(['draft-story', '--data', dir]);
  expect(result.code).toBe(0);
  const match = /^https:\/\/news\.example\.test(\/preview\/draft-story\?expires=(\d+)&sig=[0-9a-f]{64})\n$/.exec(result.stdout);
  expect(match).not.toBeNull();
  const expires = Number(match![2]);
  expect(expires - started).toBeGreaterThanOrEqual(PREVIEW_DEFAULT_HOURS * 3600);
  expect(expires - started).toBeLessThan(PREVIEW_DEFAULT_HOURS * 3600 + 60);
  expect(result.stderr).toMatch(/^"draft-story" is a draft; the link works for 48 hours, until \d{4}-/);

  const { app } = await appFor(dir, undefined, undefined, { previewSecret: SECRET });
  const res = await request(app).get(match![1]!).expect(200);
  expect(res.text).toContain('Draft headline');
  expect(res.text).toContain('Preview: not published');
  // Another server secret: the same link is refused.
  const { app: other } = await appFor(dir, undefined, undefined, { previewSecret: 'd'.repeat(PREVIEW_SECRET_MIN_LENGTH) });
  await request(other).get(match![1]!).expect(404);
});

test('--hours and --base shape the link; an embargo and a live story are named as such', async () => {
  const embargoed = await previewLink(['embargoed-story', '--data', dir, '--hours', '2', '--base', 'http://127.0.0.1:4999/']);
  expect(embargoed.code).toBe(0);
  expect(embargoed.stdout).toMatch(/^http:\/\/127\.0\.0\.1:4999\/preview\/embargoed-story\?expires=\d+&sig=[0-9a-f]{64}\n$/);
  expect(embargoed.stderr).toMatch(/"embargoed-story" is embargoed until 2099-01-01T06:00:00\.000Z; the link works for 2 hours/);
  const live = await previewLink(['first-story', '--data', dir], { PREVIEW_SECRET: SECRET, BASE_URL: 'https://example.org' });
  expect(live.code).toBe(0);
  expect(live.stdout).toMatch(/^https:\/\/example\.org\/preview\/first-story\?/);
  expect(live.stderr).toContain('"first-story" is already published: its public page is https://example.org/articles/first-story');
});

test('an unknown slug exits 1 with a clear message, and prints no link', async () => {
  const result = await previewLink(['no-such-story', '--data', dir]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`preview-link: no article "no-such-story" in ${dir}`);
});

test.each([
  ['no PREVIEW_SECRET', ['draft-story'], {}, 'PREVIEW_SECRET is not set'],
  ['a short PREVIEW_SECRET', ['draft-story'], { PREVIEW_SECRET: 'short' }, `PREVIEW_SECRET must be at least ${PREVIEW_SECRET_MIN_LENGTH} characters`],
  ['no slug', [], { PREVIEW_SECRET: SECRET }, 'which article? give its slug'],
  ['two slugs', ['a', 'b'], { PREVIEW_SECRET: SECRET }, 'one slug at a time'],
  ['zero hours', ['draft-story', '--hours', '0'], { PREVIEW_SECRET: SECRET }, '--hours must be a whole number from 1 to 720, got "0"'],
  ['too many hours', ['draft-story', '--hours', '721'], { PREVIEW_SECRET: SECRET }, '--hours must be a whole number from 1 to 720'],
  ['fractional hours', ['draft-story', '--hours', '1.5'], { PREVIEW_SECRET: SECRET }, '--hours must be a whole number'],
  ['a relative --base', ['draft-story', '--base', 'news.example'], { PREVIEW_SECRET: SECRET }, '--base must be an absolute http(s) URL'],
  ['an unknown option', ['draft-story', '--days', '2'], { PREVIEW_SECRET: SECRET }, "Unknown option '--days'"],
])('%s exits 2 with a clear message and prints no link', async (_what, args, env, message) => {
  const result = await previewLink([...args, '--data', dir], env);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`preview-link: ${message}`);
});
