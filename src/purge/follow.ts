/**
 * Purges follow the catalog: after every swap (a reload, a deletion, an
 * embargo lifting) the keys whose content changed are computed and queued for
 * every endpoint. The new catalog is already the one served when this runs
 * (CatalogStore calls its listeners after the swap), so a cache that refetches
 * a purged page gets the new version from this replica. The diff runs on the
 * next turn of the event loop, never inside the request that noticed an
 * embargo lifting (docs/decisions/0016-surrogate-keys.md).
 */
import type { CatalogStore } from '../content/catalog';
import type { Logger } from '../log';
import { changedKeys } from './diff';
import type { Purger } from './purger';

export function purgeOnCatalogChange(store: CatalogStore, purger: Pick<Purger, 'purge'>, logger: Logger, clock: () => Date = () => new Date()): void {
  store.listeners.push((next, previous) => {
    setImmediate(() => {
      const started = performance.now();
      changedKeys(previous, next, clock())
        .then((diff) => {
          const ms = Math.round(performance.now() - started);
          logger.info({ from: previous.version, to: next.version, keys: diff.keys.length, relatedWeighed: diff.relatedWeighed, diffMs: ms }, diff.keys.length ? 'content changed; purging its keys' : 'content changed; nothing readers see');
          purger.purge(diff.keys);
        })
        .catch((error: unknown) => {
          // A bug here must not take the site down: this replica serves the new content either way, and the cache catches up at its TTL.
          logger.error({ err: error, from: previous.version, to: next.version }, 'working out what to purge failed');
        });
    });
  });
}
