/**
 * How the server is started in production, read from package.json's `start`
 * script ("node <flags> dist/src/server.js"), so the bench and the cluster
 * test run it with the same Node flags as `npm start` and the container
 * (test/container/dockerfile.test.ts holds the Dockerfile's CMD to them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** The Node flags of the start script, e.g. ['--max-old-space-size=8192']. */
export function serverNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words[words.length - 1] !== 'dist/src/server.js') throw new Error(`package.json's start script is not "node <flags> dist/src/server.js": ${start}`);
  return words.slice(1, -1);
}
