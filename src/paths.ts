/**
 * The project root (where views/ and static/ live), found by walking up from
 * this file, so the same code works from src/ (tsx, jest) and dist/src/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'views'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`project root (with package.json and views/) not found above ${__dirname}`);
}

export const PROJECT_ROOT = findRoot();
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');
export const STATIC_DIR = path.join(PROJECT_ROOT, 'static');
