/**
 * Background work gives way to requests (src/background.ts): a slice waits
 * while the front layer has a request in flight and goes on once it is
 * answered, or once its client left; under requests that never end it still
 * goes on (MOST_DEFERRED_MS), so a snapshot or a purge is slowed, never stopped.
 */
import { request as httpRequest, createServer, type RequestListener, type ServerResponse } from 'node:http';
import { backgroundSlices, giveWay, requestEnded, requestsInFlight, requestStarted } from '../../src/background';
import { CatalogStore } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import { createFrontHandler } from '../../src/http/front';
import { createLogger } from '../../src/log';
import { baseRecords, NOW, removeDataDirs, writeDataDir } from '../helpers/fixture';
import { closeNow, listenOnLoopback } from '../helpers/listen';

afterAll(removeDataDirs);

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `promise` has settled after a few turns of the event loop. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let i = 0; i < 5; i++) await turn();
  return settled;
}

/** A front layer over an app that holds every response until the test answers it. */
async function holdingSite() {
  const dir = await writeDataDir(baseRecords());
  const store = new CatalogStore(await loadContent(dir, { now: NOW }), () => NOW);
  const held: ServerResponse[] = [];
  let arrived: () => void = () => undefined;
  const app: RequestListener = (_req, res) => {
    held.push(res);
    arrived();
  };
  const server = createServer(createFrontHandler({ app, store, logger: createLogger('silent') }));
  const port = await listenOnLoopback(server);
  const send = async () => {
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const req = httpRequest({ host: '127.0.0.1', port, path: '/held' });
    req.on('error', () => undefined);
    req.on('response', (res) => res.resume());
    req.end();
    await arrival;
    return req;
  };
  return { server, held, send };
}

describe('background work and requests in flight', () => {
  test('with no request in flight, a slice goes on at the next turn', async () => {
    expect(requestsInFlight()).toBe(0);
    expect(await settledSoon(giveWay())).toBe(true);
  });

  test('a slice waits for the request being answered and goes on when it is', async () => {
    const site = await holdingSite();
    try {
      await site.send();
      expect(requestsInFlight()).toBe(1);
      const waiting = giveWay();
      expect(await settledSoon(waiting)).toBe(false);
      const answered = new Promise((resolve) => (site.held[0] as ServerResponse).end('done', () => resolve(undefined)));
      await answered;
      await waiting;
      expect(requestsInFlight()).toBe(0);
    } finally {
      closeNow(site.server);
    }
  });

  test('a client that leaves before its answer stops counting as in flight', async () => {
    const site = await holdingSite();
    try {
      const req = await site.send();
      const waiting = giveWay();
      req.destroy();
      await waiting;
      expect(requestsInFlight()).toBe(0);
    } finally {
      closeNow(site.server);
    }
  });

  test('a request that is never answered delays a slice, it does not stop it', async () => {
    requestStarted();
    try {
      await giveWay(); // resolves by MOST_DEFERRED_MS; a hang here fails the test by its timeout
      expect(requestsInFlight()).toBe(1);
    } finally {
      requestEnded();
    }
    expect(requestsInFlight()).toBe(0);
  });

  test('backgroundSlices asks for a pause only once its slice is used up', async () => {
    const pause = backgroundSlices(60_000, 1);
    for (let i = 0; i < 100; i++) expect(pause()).toBeUndefined();
    const spent = backgroundSlices(0, 1);
    const paused = spent();
    expect(paused).toBeInstanceOf(Promise);
    await paused;
  });
});
