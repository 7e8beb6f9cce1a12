/**
 * Keeps a long import's memory near what it really holds.
 *
 * Why: an archive import makes a few megabytes of short-lived objects per
 * post (parsed HTML, blocks, the record's JSON), and V8 lets its old
 * generation grow well past its live size before it collects: over 72,000
 * WordPress items the heap after a forced collection was 53 MB while the
 * process peaked at 415 MB. A heap limit (--max-old-space-size) would bound
 * it but would also stop an import into a data folder that is simply large.
 * So the command collects itself, on a budget: whenever the heap has grown
 * by BUDGET_BYTES since the last collection, a full collection runs (tens of
 * milliseconds for a heap this size; about 8% of an import's time in all).
 * Measured figures are in docs/import.md, "Speed".
 *
 * `gc` is exposed at run time with v8.setFlagsFromString (Node documents
 * that changing flags after start may misbehave, so where it does not give
 * a function the budget does nothing and V8 collects as it always does).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const BUDGET_BYTES = 64 * 1024 * 1024;

export interface HeapBudget {
  /** Called now and then (after an item): collects when the heap has grown past the budget. */
  check(): void;
}

/** V8's full collection, exposed at run time; undefined where that is refused. */
function exposedGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export interface BudgetParts {
  budgetBytes: number;
  usedHeap: () => number;
  collect: (() => void) | undefined;
}

export function heapBudget({ budgetBytes = BUDGET_BYTES, usedHeap = () => process.memoryUsage().heapUsed, collect = exposedGc() }: Partial<BudgetParts> = {}): HeapBudget {
  if (!collect) return { check() {} };
  const gc = collect;
  let floor = usedHeap();
  return {
    check() {
      if (usedHeap() - floor < budgetBytes) return;
      gc();
      floor = usedHeap();
    },
  };
}
