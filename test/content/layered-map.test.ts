/**
 * A layered map (a base and changes, never a copy) must read exactly as the
 * Map that copying and changing would make: get, has, size, and iteration
 * order, over any number of layers, flattened or not; and no layer changes
 * the maps it was made from.
 */
import fc from 'fast-check';
import { LayeredMap } from '../../src/content/layered-map';

const key = fc.integer({ min: 0, max: 40 }).map((n) => `k${n}`);
const step = fc.record({ set: fc.array(fc.tuple(key, fc.integer()), { maxLength: 6 }), removed: fc.array(key, { maxLength: 4 }) });

function applied(from: ReadonlyMap<string, number>, set: [string, number][], removed: string[]): Map<string, number> {
  const map = new Map(from);
  for (const k of removed) map.delete(k);
  for (const [k, v] of set) map.set(k, v);
  return map;
}

const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const view = (map: ReadonlyMap<string, number>) => ({
  entries: [...map].sort(byKey),
  keys: [...map.keys()].sort(),
  values: [...map.entries()].sort(byKey).map(([, v]) => v),
  size: map.size,
  lookups: Array.from({ length: 42 }, (_, n) => [map.get(`k${n}`), map.has(`k${n}`)]),
});

describe('LayeredMap', () => {
  test('reads as the Map a copy and the same changes make, layer on layer', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 12 }), (start, steps) => {
        const base = new Map(start);
        let layered: ReadonlyMap<string, number> = base;
        let model: ReadonlyMap<string, number> = base;
        const seen: [ReadonlyMap<string, number>, ReturnType<typeof view>][] = [];
        for (const { set, removed } of steps) {
          seen.push([layered, view(layered)]);
          layered = LayeredMap.changed(layered, set, removed);
          model = applied(model, set, removed);
          expect(view(layered)).toEqual(view(model));
        }
        // The maps it was made from read as they did.
        for (const [map, before] of seen) expect(view(map)).toEqual(before);
      }),
      { numRuns: 400 },
    );
  });

  test('a changed value keeps its key\'s place; new keys come last, in the order they came', () => {
    const base = new Map([['a', 1], ['b', 2], ['c', 3]]);
    const once = LayeredMap.changed(base, [['b', 20], ['d', 4]], ['a']);
    expect([...once]).toEqual([['b', 20], ['c', 3], ['d', 4]]);
    const twice = LayeredMap.changed(once, [['e', 5], ['a', 10]], ['d']);
    expect([...twice]).toEqual([['a', 10], ['b', 20], ['c', 3], ['e', 5]]);
    expect([...LayeredMap.changed(twice, [['d', 40]])]).toEqual([['a', 10], ['b', 20], ['c', 3], ['e', 5], ['d', 40]]);
  });

  test('reads never go more than one layer deep, and many changes make the map flat again', () => {
    const base = new Map(Array.from({ length: 100 }, (_, i) => [`k${i}`, i] as [string, number]));
    let map: ReadonlyMap<string, number> = base;
    for (let i = 0; i < 10; i++) map = LayeredMap.changed(map, [[`k${i}`, -i]]);
    expect(map).toBeInstanceOf(LayeredMap);
    expect(map.get('k3')).toBe(-3);
    expect(map.get('k50')).toBe(50);
    const many = LayeredMap.changed(map, Array.from({ length: 5000 }, (_, i) => [`new${i}`, i] as [string, number]));
    expect(many).toBeInstanceOf(Map);
    expect(many.size).toBe(5100);
    expect(many.get('k3')).toBe(-3);
  });
});
