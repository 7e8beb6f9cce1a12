/**
 * Background work on the main thread gives way to requests. Writing the
 * catalog snapshot, fingerprinting pages for purges and feeding the search
 * worker run for seconds on a large site (the first snapshot of 100,000
 * articles: 1.5 s of work), right when its first readers arrive. Each such
 * job works in short slices (BACKGROUND_SLICE_MS) and between them waits
 * here while any request is in flight, so a request waits at most for the
 * one slice it arrived in instead of for a slice at every turn of the event
 * loop it takes (a page takes several: measured, 17–30 ms for pages of 2–4 ms
 * while a snapshot was written in 5 ms slices).
 *
 * The HTTP front counts requests in (requestStarted) and out (requestEnded).
 * Under constant load some request is always in flight, so a job waits at
 * most MOST_DEFERRED_MS per slice: it slows down, it never stops.
 */

/** How long one slice of background work runs before it gives way. */
export const BACKGROUND_SLICE_MS = 2;
/** How long a slice waits for the requests in flight at most (then it runs anyway). */
export const MOST_DEFERRED_MS = 10;

let inFlight = 0;
const waiting = new Set<() => void>();

/** A request has come in that work in the background should wait for. */
export function requestStarted(): void {
  inFlight++;
}

/** That request has been answered (or its client left). */
export function requestEnded(): void {
  inFlight = Math.max(0, inFlight - 1);
  if (inFlight === 0) for (const go of [...waiting]) go();
}

/** Requests being answered now. */
export function requestsInFlight(): number {
  return inFlight;
}

/** Resolves on a later turn of the event loop, once no request is in flight (or MOST_DEFERRED_MS after that turn). */
export function giveWay(): Promise<void> {
  return new Promise((resolve) =>
    setImmediate(() => {
      if (inFlight === 0) return resolve();
      const go = (): void => {
        clearTimeout(timer);
        waiting.delete(go);
        resolve();
      };
      const timer = setTimeout(go, MOST_DEFERRED_MS);
      waiting.add(go);
    }),
  );
}

/**
 * A pause for a loop of background work, called once per item: undefined
 * while the slice lasts, then a promise to await (giveWay) before the next
 * item. Checks the clock every `every` items only (reading it costs too).
 */
export function backgroundSlices(sliceMs = BACKGROUND_SLICE_MS, every = 16): () => Promise<void> | undefined {
  let count = 0;
  let ends = performance.now() + sliceMs;
  return () => {
    if (++count % every !== 0 || performance.now() < ends) return undefined;
    return giveWay().then(() => {
      ends = performance.now() + sliceMs;
    });
  };
}
