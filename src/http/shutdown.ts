/**
 * Graceful shutdown of HTTP servers: stop accepting connections, let the
 * requests in flight finish, close keep-alive connections as soon as they
 * fall idle, and after `timeoutMs` cut whatever is still open. Resolves when
 * every server is closed; the caller decides to exit. Kept apart from the
 * signal handlers so tests can call it on a real server without signalling
 * the test process.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface ShutdownOptions {
  /** Longest wait for requests in flight before their connections are cut. */
  timeoutMs: number;
  /** How often connections that have fallen idle are closed while draining. */
  idleSweepMs?: number;
}

export interface ShutdownResult {
  /** True when the bound was reached and open connections were cut. */
  forced: boolean;
}

/** Responses sent while draining tell keep-alive clients to go away: `Connection: close`. */
function closeAfterResponse(_req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

function closeOne(server: Server, options: ShutdownOptions): Promise<ShutdownResult> {
  return new Promise((resolve) => {
    if (!server.listening) {
      server.closeAllConnections();
      resolve({ forced: false });
      return;
    }
    // Runs before the site's own request handler, so every later response carries it.
    server.prependListener('request', closeAfterResponse);
    let forced = false;
    // A keep-alive connection whose request just finished is idle: close it on the next sweep.
    const sweep = setInterval(() => server.closeIdleConnections(), options.idleSweepMs ?? 100).unref();
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, options.timeoutMs).unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ forced });
    });
    server.closeIdleConnections();
  });
}

/** Closes every server (site, metrics) at once; forced if any of them had to be cut. */
export async function shutdownServers(servers: readonly Server[], options: ShutdownOptions): Promise<ShutdownResult> {
  const results = await Promise.all(servers.map((server) => closeOne(server, options)));
  return { forced: results.some((r) => r.forced) };
}
