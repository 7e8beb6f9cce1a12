/**
 * Page weight of a first visit to the seed article: the HTML and the one
 * stylesheet it links, compressed as sent to a browser, stay within 30 KB
 * (issue 5's budget; images excluded), and no script is shipped. Bytes, not
 * time: deterministic on any machine.
 */
import { createServer, get, type Server } from 'node:http';
import { appFor, DEMO_DATA_DIR } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';

const SEED_URL = '/articles/unfit-conscripts-sent-home';
const FIRST_VISIT_BUDGET = 30 * 1024;

/** The body exactly as it crosses the wire (no decompression), with its Content-Encoding. */
function fetchRaw(base: string, url: string, encoding: string): Promise<{ status: number; bytes: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(base + url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
    }).on('error', reject);
  });
}

describe('first visit to the seed article', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const { app } = await appFor(DEMO_DATA_DIR, { now: new Date() });
    server = createServer(app);
    base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  });

  afterAll(() => closeNow(server));

  test.each(['br', 'gzip'])('HTML + CSS with %s is within 30 KB, and no script is shipped', async (encoding) => {
    const page = await fetchRaw(base, SEED_URL, encoding);
    expect(page.status).toBe(200);
    expect(page.encoding).toBe(encoding);
    const html = (await fetchRaw(base, SEED_URL, 'identity')).bytes.toString('utf8');
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    const stylesheets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1] as string);
    expect(stylesheets).toHaveLength(1);
    const css = await fetchRaw(base, stylesheets[0] as string, encoding);
    expect(css.status).toBe(200);
    expect(css.encoding).toBe(encoding);
    expect(page.bytes.length + css.bytes.length).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
  });
});
