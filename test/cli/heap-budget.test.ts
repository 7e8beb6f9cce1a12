/** The import command's heap budget: a full collection each time the heap has grown by the budget since the last one. */
import vm from 'node:vm';
import { heapBudget } from '../../src/cli/heap-budget';

test('collects only when the heap has grown past the budget since the last collection', () => {
  let used = 100;
  const collections: number[] = [];
  const budget = heapBudget({ budgetBytes: 50, usedHeap: () => used, collect: () => collections.push(used) && (used = 110) });
  for (const next of [120, 149, 150, 155, 159, 160, 200]) {
    used = next;
    budget.check();
  }
  // 150 is 50 over the floor of 100; after each collection the floor is 110, so 160 and 200 are the next.
  expect(collections).toEqual([150, 160, 200]);
});

test('does nothing where no collector can be had', () => {
  expect(() => heapBudget({ collect: undefined, usedHeap: () => 1e12 }).check()).not.toThrow();
});

test('the real collector is exposed in this Node', () => {
  heapBudget().check();
  expect(typeof vm.runInNewContext('gc')).toBe('function');
});
