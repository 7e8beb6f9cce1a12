/**
 * The layers of src/ only point down, and nothing imports itself in a circle
 * (.dependency-cruiser.cjs; docs/decisions/0009-layers-routes-blocks.md).
 * A new back-arrow fails here with dependency-cruiser's message, which names
 * the rule and both files.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs dependency-cruiser on `src` in `cwd`; its exit status and what it printed. */
function cruise(cwd: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: failed.stdout + failed.stderr };
  }
}

test('src/ has no circle and no import from a layer above', () => {
  const { status, output } = cruise(ROOT);
  if (status !== 0) throw new Error(`dependency rules broken:\n${output}`);
  expect(output).toContain('no dependency violations found');
});

test('a back-arrow, a leaf importing a layer and a circle are each refused, naming both files', () => {
  const { status, output } = cruise(path.join(__dirname, 'back-arrow'));
  expect(status).not.toBe(0);
  expect(output).toMatch(/content-below-pages: src\/content\/catalog\.ts → src\/pages\/layout\.ts/);
  expect(output).toMatch(/leaves-import-leaves: src\/text\/inline\.ts → src\/content\/catalog\.ts/);
  expect(output).toMatch(/no-circular: src\/(content\/catalog|pages\/layout)\.ts →/);
});
