/** `npm run validate [DIR]`: exit 0 on clean data, 1 with every problem listed otherwise. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { baseRecords, DEMO_DATA_DIR, removeDataDirs, writeDataDir } from '../helpers/fixture';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

afterAll(removeDataDirs);

async function validate(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/validate.ts', dir], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('the demo data is valid', async () => {
  const result = await validate(DEMO_DATA_DIR);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/OK: \d+ articles/);
  expect(result.stdout).toMatch(/, 2 pages \(0 drafts\)/);
});

test('static page problems are listed too: a slug that would shadow a route, a bad field', async () => {
  const records = baseRecords();
  records.pages!.push({ slug: 'search', title: 'Search help', body: [{ type: 'paragraph', text: 'x' }] }, { slug: 'contact', title: '', body: [{ type: 'paragraph', text: 'x' }] });
  const result = await validate(await writeDataDir(records));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`pages/search.json: slug: "search" is taken by the site's own /search address`);
  expect(result.stderr).toMatch(/pages\/contact\.json: title: /);
  expect(result.stderr).toContain('2 problem(s)');
});

test('broken data exits 1 and lists every problem with file and field', async () => {
  const records = baseRecords();
  records.articles[0] = { ...records.articles[0], publishedAt: 'yesterday' };
  records.articles[1] = { ...records.articles[1], authors: ['nobody'] };
  const dir = await writeDataDir(records, { 'sources/bad.json': '{' });
  const result = await validate(dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('articles/first-story.json: publishedAt: must be an ISO 8601 date-time');
  expect(result.stderr).toContain('articles/second-story.json: authors[0]: author "nobody" does not exist');
  expect(result.stderr).toContain('sources/bad.json: is not valid JSON');
  expect(result.stderr).toContain('3 problem(s)');
});
