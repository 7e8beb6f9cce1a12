/**
 * Purges on the wire, against a real local HTTP server that records them:
 * the request each kind of endpoint gets (Varnish xkey, Fastly's and
 * Cloudflare's APIs, which cannot be reached from here), batching, soft
 * purges, retries with backoff, failures counted and logged, coalescing.
 */
import { Registry } from 'prom-client';
import { ConfigError, readPurgeEndpoints, type PurgeEndpoint } from '../../src/config';
import { splitKeys } from '../../src/purge/endpoints';
import { Purger, type RetryPolicy } from '../../src/purge/purger';
import { createLogger } from '../../src/log';
import { keysOfCall, purgeRecorder, recordingLogger } from '../helpers/purge-recorder';

const FAST_RETRY: RetryPolicy = { firstDelayMs: 10, maxDelayMs: 40, attempts: 4 };

const recorders: { close: () => void }[] = [];
afterAll(() => recorders.forEach((r) => r.close()));

async function recorder(...args: Parameters<typeof purgeRecorder>) {
  const made = await purgeRecorder(...args);
  recorders.push(made);
  return made;
}

function purgerFor(endpoints: PurgeEndpoint[], options: { soft?: boolean; retry?: RetryPolicy; logger?: ReturnType<typeof createLogger> } = {}) {
  const registry = new Registry();
  const purger = new Purger({ endpoints, soft: options.soft ?? false, logger: options.logger ?? createLogger('silent'), registry, retry: options.retry ?? FAST_RETRY });
  const metric = async (name: string, endpoint: string) => ((await registry.getSingleMetric(name)?.get())?.values.find((v) => v.labels.endpoint === endpoint)?.value ?? 0);
  return { purger, metric };
}

describe('the request each endpoint gets', () => {
  test('Varnish: PURGE with the keys space-separated in xkey-purge; PURGE_SOFT sends xkey-softpurge', async () => {
    const varnish = await recorder();
    const hard = purgerFor([{ kind: 'varnish', url: `${varnish.url}/` }]);
    hard.purger.purge(['a:first-story', 'home']);
    await hard.purger.settled();
    expect(varnish.calls).toHaveLength(1);
    expect(varnish.calls[0]).toMatchObject({ method: 'PURGE', url: '/' });
    expect(varnish.calls[0]?.headers['xkey-purge']).toBe('a:first-story home');
    const soft = purgerFor([{ kind: 'varnish', url: `${varnish.url}/` }], { soft: true });
    soft.purger.purge(['home']);
    await soft.purger.settled();
    expect(varnish.calls[1]?.headers['xkey-softpurge']).toBe('home');
    expect(varnish.calls[1]?.headers['xkey-purge']).toBeUndefined();
    expect(await hard.metric('newsreel_purges_sent_total', 'varnish')).toBe(1);
    expect(await hard.metric('newsreel_purge_keys_total', 'varnish')).toBe(2);
  });

  test('Fastly: POST /service/<id>/purge with Fastly-Key and Surrogate-Key, at most 256 keys a call; soft adds Fastly-Soft-Purge', async () => {
    const api = await recorder();
    const { purger } = purgerFor([{ kind: 'fastly', serviceId: 'SVC123', token: 'fastly-token', apiUrl: api.url }], { soft: true });
    const keys = Array.from({ length: 300 }, (_, i) => `a:story-${i}`);
    purger.purge(keys);
    await purger.settled();
    expect(api.calls.map((c) => [c.method, c.url])).toEqual([
      ['POST', '/service/SVC123/purge'],
      ['POST', '/service/SVC123/purge'],
    ]);
    expect(api.calls[0]?.headers['fastly-key']).toBe('fastly-token');
    expect(api.calls[0]?.headers['fastly-soft-purge']).toBe('1');
    expect(api.calls.map(keysOfCall).map((k) => k.length)).toEqual([256, 44]);
    expect(api.calls.flatMap(keysOfCall)).toEqual(keys);
  });

  test('Cloudflare: POST /client/v4/zones/<id>/purge_cache with a Bearer token and {"tags": …}, at most 100 a call', async () => {
    const api = await recorder();
    const { purger, metric } = purgerFor([{ kind: 'cloudflare', zoneId: 'ZONE9', token: 'cf-token', apiUrl: api.url }]);
    const keys = Array.from({ length: 250 }, (_, i) => `a:story-${i}`);
    purger.purge(keys);
    await purger.settled();
    expect(api.calls).toHaveLength(3);
    expect(api.calls[0]).toMatchObject({ method: 'POST', url: '/client/v4/zones/ZONE9/purge_cache' });
    expect(api.calls[0]?.headers.authorization).toBe('Bearer cf-token');
    expect(api.calls[0]?.headers['content-type']).toBe('application/json');
    expect(api.calls.flatMap(keysOfCall)).toEqual(keys);
    expect(await metric('newsreel_purges_sent_total', 'cloudflare')).toBe(3);
  });

  test('every endpoint gets every key, each in its own lane', async () => {
    const a = await recorder();
    const b = await recorder();
    const { purger } = purgerFor([
      { kind: 'varnish', url: a.url },
      { kind: 'varnish', url: b.url },
    ]);
    purger.purge(['site']);
    await purger.settled();
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
  });

  test('Varnish batches stay under its 8 KiB request-header limit', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `a:a-rather-long-article-slug-${i}`);
    const batches = splitKeys(keys, Number.MAX_SAFE_INTEGER, 7_900);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.join(' ').length).toBeLessThanOrEqual(7_900);
    expect(batches.flat()).toEqual(keys);
  });
});

describe('when an endpoint fails', () => {
  test('a 500 is retried with backoff until it succeeds, and counted', async () => {
    const varnish = await recorder((_call, i) => (i < 2 ? { status: 500, body: 'busy' } : { status: 200 }));
    const { logger, lines } = recordingLogger();
    const { purger, metric } = purgerFor([{ kind: 'varnish', url: varnish.url }], { logger });
    purger.purge(['a:first-story']);
    await purger.settled();
    expect(varnish.calls).toHaveLength(3);
    expect(varnish.calls.every((c) => c.headers['xkey-purge'] === 'a:first-story')).toBe(true);
    expect(await metric('newsreel_purge_retries_total', 'varnish')).toBe(2);
    expect(await metric('newsreel_purges_sent_total', 'varnish')).toBe(1);
    expect(await metric('newsreel_purges_failed_total', 'varnish')).toBe(0);
    const retries = lines.filter((l) => l.msg === 'purge failed; retrying');
    expect(retries.map((l) => l.retryInMs)).toEqual([10, 20]);
    expect(retries[0]?.reason).toMatch(/varnish answered 500: busy/);
  });

  test('still failing after every try: given up, counted as failed and logged as an error', async () => {
    const varnish = await recorder(() => ({ status: 503 }));
    const { logger, lines } = recordingLogger();
    const { purger, metric } = purgerFor([{ kind: 'varnish', url: varnish.url }], { logger });
    purger.purge(['home']);
    await purger.settled();
    expect(varnish.calls).toHaveLength(FAST_RETRY.attempts);
    expect(await metric('newsreel_purges_failed_total', 'varnish')).toBe(1);
    expect(lines.find((l) => l.msg === 'purge failed; those pages stay cached until their TTL')).toMatchObject({ level: 50, attempts: 4, keys: 1 });
  });

  test('a refusal (403: not in the ACL, a wrong token) is not retried; an unreachable endpoint is', async () => {
    const refusing = await recorder(() => ({ status: 403 }));
    const first = purgerFor([{ kind: 'fastly', serviceId: 'S', token: 'wrong', apiUrl: refusing.url }]);
    first.purger.purge(['home']);
    await first.purger.settled();
    expect(refusing.calls).toHaveLength(1);
    expect(await first.metric('newsreel_purges_failed_total', 'fastly')).toBe(1);
    const gone = await recorder();
    gone.close(); // nothing listens on its port any more
    const second = purgerFor([{ kind: 'varnish', url: gone.url }]);
    second.purger.purge(['home']);
    await second.purger.settled();
    expect(await second.metric('newsreel_purge_retries_total', 'varnish')).toBe(FAST_RETRY.attempts - 1);
    expect(await second.metric('newsreel_purges_failed_total', 'varnish')).toBe(1);
  });

  test('Varnish answering 404 (no object had those keys) purged nothing, successfully', async () => {
    const varnish = await recorder(() => ({ status: 404, body: 'no objects' }));
    const { purger, metric } = purgerFor([{ kind: 'varnish', url: varnish.url }]);
    purger.purge(['a:never-cached']);
    await purger.settled();
    expect(varnish.calls).toHaveLength(1);
    expect(await metric('newsreel_purges_sent_total', 'varnish')).toBe(1);
    expect(await metric('newsreel_purges_failed_total', 'varnish')).toBe(0);
  });

  test('Cloudflare answering 200 with success: false did not purge', async () => {
    const api = await recorder(() => ({ status: 200, body: '{"success":false,"errors":[{"code":1134,"message":"quota"}]}' }));
    const { purger, metric } = purgerFor([{ kind: 'cloudflare', zoneId: 'Z', token: 't', apiUrl: api.url }], { retry: { ...FAST_RETRY, attempts: 2 } });
    purger.purge(['home']);
    await purger.settled();
    expect(await metric('newsreel_purges_failed_total', 'cloudflare')).toBe(1);
  });
});

describe('queueing', () => {
  test('purge() returns at once; keys that arrive while a purge is in flight go out together after it', async () => {
    const varnish = await recorder((_call, i) => ({ status: 200, delayMs: i === 0 ? 200 : 0 }));
    const { purger } = purgerFor([{ kind: 'varnish', url: varnish.url }]);
    purger.purge(['a:one']);
    purger.purge(['a:two']); // the first call is on its way already: this waits for it
    await new Promise((resolve) => setTimeout(resolve, 50));
    purger.purge(['a:three', 'home']);
    purger.purge(['a:four', 'home']);
    await purger.settled();
    expect(varnish.calls.map((c) => c.headers['xkey-purge'])).toEqual(['a:one', 'a:two a:three home a:four']);
  });

  test('close() waits a little for purges in flight, then abandons them', async () => {
    const slow = await recorder(() => ({ status: 200, delayMs: 5_000 }));
    const { logger, lines } = recordingLogger();
    const { purger } = purgerFor([{ kind: 'varnish', url: slow.url }], { logger });
    purger.purge(['home']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await purger.close(100);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(lines.some((l) => l.msg === 'shutting down with purges still in flight; the cache keeps those pages until their TTL')).toBe(true);
  });
});

describe('PURGE_URLS', () => {
  test('Varnish URLs, fastly and cloudflare entries, with ids and tokens from the environment', () => {
    const env = {
      PURGE_URLS: 'http://127.0.0.1:6081, fastly ,cloudflare:zone-2,,fastly:other_service',
      FASTLY_SERVICE_ID: 'svc1',
      FASTLY_API_TOKEN: 'ftok',
      CLOUDFLARE_API_TOKEN: 'ctok',
      CLOUDFLARE_API_URL: 'http://127.0.0.1:9999/',
    };
    expect(readPurgeEndpoints(env)).toEqual([
      { kind: 'varnish', url: 'http://127.0.0.1:6081/' },
      { kind: 'fastly', serviceId: 'svc1', token: 'ftok', apiUrl: 'https://api.fastly.com' },
      { kind: 'cloudflare', zoneId: 'zone-2', token: 'ctok', apiUrl: 'http://127.0.0.1:9999' },
      { kind: 'fastly', serviceId: 'other_service', token: 'ftok', apiUrl: 'https://api.fastly.com' },
    ]);
    expect(readPurgeEndpoints({})).toEqual([]);
  });

  test.each([
    [{ PURGE_URLS: 'varnish.local:6081' }, /PURGE_URLS entry "varnish.local:6081" must be http\(s\):\/\/host:port/],
    [{ PURGE_URLS: 'ftp://cache:21' }, /PURGE_URLS entry "ftp:\/\/cache:21" must be http\(s\)/],
    [{ PURGE_URLS: 'fastly', FASTLY_SERVICE_ID: 'svc' }, /PURGE_URLS entry "fastly" needs FASTLY_API_TOKEN/],
    [{ PURGE_URLS: 'fastly', FASTLY_API_TOKEN: 'tok' }, /PURGE_URLS entry "fastly" needs FASTLY_SERVICE_ID/],
    [{ PURGE_URLS: 'cloudflare:zone', CLOUDFLARE_API_URL: 'not a url', CLOUDFLARE_API_TOKEN: 't' }, /CLOUDFLARE_API_URL must be an absolute http\(s\) URL/],
    [{ PURGE_URLS: 'cloudflare:bad/zone', CLOUDFLARE_API_TOKEN: 't' }, /the zone id must be letters/],
  ])('a bad setting is a clear start-up error naming the variable: %j', (env, message) => {
    expect(() => readPurgeEndpoints(env)).toThrow(ConfigError);
    expect(() => readPurgeEndpoints(env)).toThrow(message);
  });
});
