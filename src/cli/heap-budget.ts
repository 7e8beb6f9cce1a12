/**
 * Keeps a long import's memory near what it really holds.
 *
 * Why: an archive import makes a few megabytes of short-lived objects per
 * post (parsed HTML, blocks, the record's JSON), and V8 lets its old
 * generation grow by a factor of its live size before it collects: over
 * 100,000 WordPress posts the live heap stayed near 50-130 MB while the
 * process grew to 560 MB. A heap limit (--max-old-space-size) would bound
 * it but would also kill an import whose data folder is simply large. So
 * the command collects itself, on a budget: whenever the heap has grown by
 * BUDGET_BYTES since the last collection, a full collection runs (tens of
 * milliseconds for a heap this size), which is what V8 would do with a
 * smaller growing factor. Measured figures are in docs/import.md, "Speed".
 *
 * `gc` is exposed at run time (setting --expose-gc after start is the one
 * V8 flag Node's own tests rely on changing late); where that is refused,
 * the budget does nothing and V8 collects as it always does.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const BUDGET_BYTES = 96 * 1024 * 1024;

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
