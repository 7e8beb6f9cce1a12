/**
 * Path traversal on /static and /images: dot segments (plain, percent-encoded,
 * double-encoded), NUL bytes, backslashes and absolute paths never reach a
 * file outside the folder being served; the answer is 400 or 404. Requests go
 * over a raw socket, because HTTP clients normalise `..` away before sending.
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { appFor, baseRecords, removeDataDirs, writeDataDir } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';

afterAll(removeDataDirs);

const SECRET = 'TOP-SECRET-CONTENT';

let server: Server;
let port: number;

beforeAll(async () => {
  const dir = await writeDataDir(baseRecords());
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(dir, 'images', '.secret'), SECRET);
  const { app } = await appFor(dir);
  server = createServer(app);
  port = await listenOnLoopback(server);
});

afterAll(() => closeNow(server));

/** Sends the request line exactly as written and returns status and body. */
async function rawGet(target: string): Promise<{ status: number; text: string }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  await once(socket, 'end');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text };
}

const TARGETS = [
  'secret.txt',
  '.secret',
  '../secret.txt',
  '%2e%2e/secret.txt',
  '%2E%2E/secret.txt',
  '..%2fsecret.txt',
  '%2e%2e%2fsecret.txt',
  '%252e%252e%252fsecret.txt',
  '..%5csecret.txt',
  '..\\secret.txt',
  '%2e%2e%5csecret.txt',
  '....//secret.txt',
  '../../../../../../etc/passwd',
  '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/etc/passwd',
  '%2fetc%2fpasswd',
  'C:%5cwindows%5cwin.ini',
  'pic.jpg%00.txt',
  '%00',
  '%00../secret.txt',
  '.%00./secret.txt',
  '%c0%ae%c0%ae/secret.txt',
];

describe.each(['/images/', '/static/'])('traversal under %s', (prefix) => {
  test.each(TARGETS)(`${prefix}%s is 400 or 404 and leaks nothing`, async (target) => {
    const { status, text } = await rawGet(`${prefix}${target}`);
    expect([400, 404]).toContain(status);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('root:');
    expect(text).not.toContain('baseUrl');
  });
});

test('the real image is still served', async () => {
  expect((await rawGet('/images/pic.jpg')).status).toBe(200);
});
