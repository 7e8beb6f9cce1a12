/**
 * The ceiling: a bare Node `http` server that answers every request with the
 * exact status, headers and (gzip) body our server sent for the article.
 * Run as a child: `node --import tsx bench/ceiling-server.ts RESPONSE.json PORT`.
 * RESPONSE.json is { status, headers: [name, value][], bodyBase64 }.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface StoredResponse {
  status: number;
  headers: [string, string][];
  bodyBase64: string;
}

const [file, portArg] = process.argv.slice(2);
if (!file || !portArg) {
  console.error('usage: ceiling-server RESPONSE.json PORT');
  process.exit(2);
}
const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredResponse;
const body = Buffer.from(stored.bodyBase64, 'base64');
const headers = stored.headers.flat();

const server = createServer((_req, res) => {
  res.writeHead(stored.status, headers);
  res.end(body);
});
server.keepAliveTimeout = 5_000;
server.listen(Number(portArg), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
