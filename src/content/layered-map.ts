/**
 * A map made of another one and a few changes to it, without copying it:
 * what a reload of a few article files makes of the maps of every article
 * (article-reload.ts). At a million articles each copy of such a map cost
 * several hundred milliseconds and tens of megabytes; four of them were most
 * of a reload. Reads look at the changes first, then the base. A layer made
 * on a layer takes that layer's base and both sets of changes, so a read
 * never goes more than one layer deep; once the changes are a good share of
 * the base, the map is made flat again (one copy, then small layers anew).
 * Neither the base nor any layer is ever changed: a request holding an older
 * map sees it whole.
 */

const GONE: unique symbol = Symbol('gone');
type Change<V> = V | typeof GONE;

/** Changes past this many, and past an eighth of the base, make the map flat again. */
const FLATTEN_AT = 4096;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: ReadonlyMap<K, Change<V>>,
    readonly size: number,
  ) {}

  /**
   * `from` with `removed` taken out and then `set` put in. A key of the base keeps its place
   * in iteration even when taken out and put back (a Map would move it last): the order of
   * these maps is not something their readers rely on.
   */
  static changed<K, V>(from: ReadonlyMap<K, V>, set: Iterable<readonly [K, V]>, removed: Iterable<K> = []): ReadonlyMap<K, V> {
    const base = from instanceof LayeredMap ? (from.base as ReadonlyMap<K, V>) : from;
    const changes = new Map<K, Change<V>>(from instanceof LayeredMap ? (from.changes as ReadonlyMap<K, Change<V>>) : []);
    // A key the base lacks is simply dropped from the changes (and goes last when set again, as in a Map).
    for (const key of removed) {
      if (base.has(key)) changes.set(key, GONE);
      else changes.delete(key);
    }
    for (const [key, value] of set) {
      if (!base.has(key) && changes.get(key) === GONE) changes.delete(key);
      changes.set(key, value);
    }
    if (changes.size > FLATTEN_AT && changes.size * 8 > base.size) {
      const flat = new Map(base);
      for (const [key, value] of changes) {
        if (value === GONE) flat.delete(key);
        else flat.set(key, value);
      }
      return flat;
    }
    let size = base.size;
    for (const [key, value] of changes) {
      const inBase = base.has(key);
      if (value === GONE) size -= inBase ? 1 : 0;
      else size += inBase ? 0 : 1;
    }
    return new LayeredMap(base, changes, size);
  }

  get(key: K): V | undefined {
    const change = this.changes.get(key);
    if (change === GONE) return undefined;
    return change !== undefined || this.changes.has(key) ? (change as V) : this.base.get(key);
  }

  has(key: K): boolean {
    const change = this.changes.get(key);
    if (change === GONE) return false;
    return change !== undefined || this.changes.has(key) || this.base.has(key);
  }

  /** The base's order, changed values in their keys' places, then the keys the base does not have. */
  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) {
      const change = this.changes.get(key);
      if (change === GONE) continue;
      yield [key, change !== undefined || this.changes.has(key) ? (change as V) : value];
    }
    for (const [key, change] of this.changes) if (change !== GONE && !this.base.has(key)) yield [key, change];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
