/** `npm run import` as a user runs it: its lines, its JSON report, its exit status (0, 1, 2). */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoCopy, removeImportDirs } from '../helpers/import-dir';

afterAll(removeImportDirs);

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(TSX, [path.join(ROOT, 'src/cli/import.ts'), ...args], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DATA_DIR: '' } });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

test('writes, then reports unchanged; --json gives one JSON line per item; exit 0', () => {
  const dir = demoCopy();
  const file = path.join(dir, '..', `${path.basename(dir)}-ferry.txt`);
  writeFileSync(file, 'The ferry runs again. Northwind Press.\nBoats were back by noon.\n');
  const first = run(['--data', dir, '--headline', 'Ferry back', file]);
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(/^written +.*ferry\.txt.*→ articles\/ferry-back\.json/m);
  const second = run(['--data', dir, '--json', '--headline', 'Ferry back', file]);
  expect(second.status).toBe(0);
  expect(second.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ status: 'unchanged', slug: 'ferry-back', item: `text:${path.basename(file)}` })]);
});

test('an item that fails gives exit 1; the others are still imported', () => {
  const dir = demoCopy();
  const good = path.join(dir, '..', `${path.basename(dir)}-good.txt`);
  const empty = path.join(dir, '..', `${path.basename(dir)}-empty.txt`);
  writeFileSync(good, 'A good story. Wire.\nWith a paragraph.\n');
  writeFileSync(empty, '\n');
  const result = run(['--data', dir, good, empty]);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/^written /m);
  expect(result.stdout).toMatch(/^failed .*no story here/m);
});

test.each([
  [['--nope'], /Unknown option/],
  [[], /name at least one FILE/],
  [['--status', 'live', 'x.txt'], /--status must be draft or published/],
  [['/no/such/file.txt'], /cannot be read/],
])('bad usage %j is exit 2 with a message', (args, message) => {
  const dir = demoCopy();
  const result = run(['--data', dir, ...(args as string[])]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
});
