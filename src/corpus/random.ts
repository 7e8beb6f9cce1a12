/**
 * The generator's only source of chance: mulberry32, a tiny seeded PRNG, and
 * the draws built on it (uniform, weighted, Zipf). Nothing here reads the
 * clock or Math.random, which is what keeps the same options giving the same
 * corpus byte for byte; `mix` gives every stream (the setup, each article,
 * each image) a seed of its own.
 */

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two 32-bit values into a well-spread 32-bit seed (murmur3's finaliser). */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const STREAM = { setup: 1, article: 2, image: 3 } as const;

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Picks an index by weight from a cumulative table (binary search). */
export function pickCumulative(rng: Rng, cumulative: Float64Array): number {
  const target = rng() * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Zipf–Mandelbrot popularity, 1 / (rank + q)^s, as a cumulative table. */
export function zipf(count: number, s: number, q: number): Float64Array {
  const table = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k += 1) {
    sum += 1 / Math.pow(k + 1 + q, s);
    table[k] = sum;
  }
  return table;
}

export function cumulativeOf(weights: readonly number[]): Float64Array {
  const table = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    table[i] = sum;
  });
  return table;
}
