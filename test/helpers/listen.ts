/** Real sockets for tests: a server on a free port of 127.0.0.1, and closing it without waiting for clients. */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on a free port of 127.0.0.1 and resolves with that port once it listens. */
export async function listenOnLoopback(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Stops accepting and cuts every open connection at once. */
export function closeNow(server: Server): void {
  server.closeAllConnections();
  server.close();
}
