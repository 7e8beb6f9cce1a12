/**
 * Purges follow the catalog: after every swap (a reload, a deletion, an
 * embargo lifting) the keys whose content changed are computed and queued for
 * every endpoint, and queued once more a moment later (ECHO_DELAY_MS): an
 * answer this replica rendered from the old catalog just before the swap may
 * still be on its way into the cache when the first purge lands there, and
 * would then stay until its TTL; the echo removes it. Purges are idempotent,
 * so the echo costs one request per endpoint and nothing else. The new catalog is already the one served when this runs
 * (CatalogStore calls its listeners after the swap), so a cache that refetches
 * a purged page gets the new version from this replica. The diff runs on the
 * next turn of the event loop, never inside the request that noticed an
 * embargo lifting (docs/decisions/0016-surrogate-keys.md).
 */
import type { Catalog, CatalogStore } from '../content/catalog';
import type { Logger } from '../log';
import { directKeys, relatedKeys } from './diff';
import type { Purger } from './purger';

/** Long enough for an answer in flight at the swap to have reached the cache; short enough that nobody reads it stale. */
export const ECHO_DELAY_MS = 1_000;

export function purgeOnCatalogChange(store: CatalogStore, purger: Pick<Purger, 'purge'>, logger: Logger, clock: () => Date = () => new Date(), echoDelayMs = ECHO_DELAY_MS): void {
  /** Purges now, and again after the echo delay (an unref'd timer: it never keeps a stopping process alive). */
  const purgeTwice = (keys: readonly string[]) => {
    if (keys.length === 0) return;
    purger.purge(keys);
    setTimeout(() => purger.purge(keys), echoDelayMs).unref();
  };
  /** The direct keys go out as soon as they are known; related boxes, which can take much longer to weigh, after. */
  const follow = async (previous: Catalog, next: Catalog) => {
    const started = performance.now();
    const direct = await directKeys(previous, next, clock());
    const context = { from: previous.version, to: next.version };
    logger.info({ ...context, keys: direct.keys.length, diffMs: Math.round(performance.now() - started) }, direct.keys.length ? 'content changed; purging its keys' : 'content changed; nothing readers see');
    purgeTwice(direct.keys);
    const related = await relatedKeys(previous, next, direct.changed);
    if (related.weighed > 0) logger.info({ ...context, keys: related.keys.length, weighed: related.weighed, diffMs: Math.round(performance.now() - started) }, 'related stories weighed again; purging the boxes that changed');
    purgeTwice(related.keys);
  };
  store.listeners.push((next, previous) => {
    setImmediate(() => {
      void follow(previous, next).catch((error: unknown) => {
        // A bug here must not take the site down: this replica serves the new content either way, and the cache catches up at its TTL.
        logger.error({ err: error, from: previous.version, to: next.version }, 'working out what to purge failed');
      });
    });
  });
}
