/**
 * Lints the Dockerfile for what operators rely on: a pinned base image, every
 * stage built FROM that argument, a non-root USER, a HEALTHCHECK, an
 * exec-form CMD, and no VOLUME (which would defeat --read-only). Building and
 * running the image is scripts/container-check.sh (npm run test:container).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serverNodeFlags } from '../../bench/start-command';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) return;
    const body = line.endsWith('\\') ? line.slice(0, -1) : line;
    if (current) current.args += ' ' + body;
    else {
      const [keyword = '', ...rest] = body.split(/\s+/);
      current = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: index + 1 };
    }
    if (!line.endsWith('\\')) {
      out.push(current);
      current = undefined;
    }
  });
  return out;
}

const instructions = parseDockerfile(readFileSync(path.resolve(__dirname, '../../Dockerfile'), 'utf8'));
const all = (keyword: string) => instructions.filter((i) => i.keyword === keyword);

describe('Dockerfile', () => {
  test('the base image is an argument with a pinned default (a full version, not latest)', () => {
    const arg = all('ARG').find((i) => i.args.startsWith('BASE_IMAGE='));
    expect(arg).toBeDefined();
    expect(arg!.args).toMatch(/^BASE_IMAGE=node:\d+\.\d+\.\d+-[a-z]+-slim(@sha256:[0-9a-f]{64})?$/);
    expect(all('FROM').length).toBeGreaterThanOrEqual(2);
    for (const from of all('FROM')) expect(from.args).toMatch(/^\$\{BASE_IMAGE\}( AS [a-z-]+)?$/);
  });

  test('runs as a non-root user', () => {
    const users = all('USER');
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1]!.args;
    expect(last).not.toMatch(/^(root|0)(:|$)/);
  });

  test('has a HEALTHCHECK on /healthz and an exec-form CMD', () => {
    const health = all('HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toContain('/healthz');
    const cmd = all('CMD').at(-1);
    expect(cmd).toBeDefined();
    expect(() => JSON.parse(cmd!.args)).not.toThrow();
    // The same command as `npm start` (whose Node flags the bench and the cluster test use too).
    expect(JSON.parse(cmd!.args)).toEqual(['node', ...serverNodeFlags(), 'dist/src/server.js']);
  });

  test('declares no VOLUME and sets the container defaults', () => {
    expect(all('VOLUME')).toHaveLength(0);
    const env = all('ENV').map((i) => i.args).join(' ');
    for (const setting of ['NODE_ENV=production', 'HOST=0.0.0.0', 'DATA_DIR=/app/data']) expect(env).toContain(setting);
  });
});
