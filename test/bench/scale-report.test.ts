/** Issue 13's targets table and the corpus tables: pass, miss, not run, and failed sizes. */
import { COLD_KINDS } from '../../bench/corpus-sample';
import { coldTable, corpusTable, median, scaleTargets } from '../../bench/scale-report';
import { failedRow, fullRow, LIST_URLS } from './rows';

const byName = (targets: ReturnType<typeof scaleTargets>, name: string) => {
  const found = targets.find((t) => t.name.includes(name));
  if (!found) throw new Error(`no target named like "${name}": ${targets.map((t) => t.name).join('; ')}`);
  return found;
};

describe('scaleTargets', () => {
  test('sizes that were not run say so, and nothing is judged', () => {
    const targets = scaleTargets([fullRow(1000)]);
    expect(targets.length).toBeGreaterThan(8);
    for (const t of targets) {
      expect(t.value).toBe('not run');
      expect(t.met).toBeUndefined();
    }
  });

  test('100k figures within the limits pass, those over them miss', () => {
    const targets = scaleTargets([fullRow(1000), fullRow(100_000, { readyS: 3.5, rssReady: 420, rssAfter: 480, searchS: 9 })]);
    expect(byName(targets, '100000 articles: ready ≤ 4 s')).toMatchObject({ value: '3.50 s', met: true });
    expect(byName(targets, 'RSS ≤ 400 MB at ready')).toMatchObject({ value: '420 MB', met: false });
    expect(byName(targets, 'RSS ≤ 500 MB after load')).toMatchObject({ value: '480 MB', met: true });
    expect(byName(targets, 'search ready ≤ 8 s')).toMatchObject({ value: '9.00 s', met: false });
    expect(byName(targets, '1000000 articles: ready ≤ 40 s')).toMatchObject({ value: 'not run', met: undefined });
  });

  test('1M: first start, restart, memory and an edit; an edit that never showed misses', () => {
    const row = fullRow(1_000_000, { readyS: 38, restartS: 12, rssAfter: 1900 });
    const targets = scaleTargets([fullRow(1000), { ...row, edit: { ms: 30_000, visible: false } }]);
    expect(byName(targets, 'ready ≤ 40 s on a first start')).toMatchObject({ met: true });
    expect(byName(targets, 'ready ≤ 10 s on a restart')).toMatchObject({ value: '12.00 s', met: false });
    expect(byName(targets, 'RSS ≤ 2 GB')).toMatchObject({ value: '1900 MB', met: true });
    expect(byName(targets, 'edit visible ≤ 2 s')).toMatchObject({ value: 'not visible in time', met: false });
    expect(byName(scaleTargets([row]), 'edit visible ≤ 2 s')).toMatchObject({ value: '0.40 s', met: true });
  });

  test('cold renders at the largest size against 1k: within 20% passes, beyond misses, for early and steady', () => {
    const large = fullRow(1_000_000, { coldMs: 2.9 });
    large.cold.early = { doneMs: 40_000, results: COLD_KINDS.map((kind) => ({ kind, medianMs: kind === 'tag' ? 28 : 2.9, count: 5, not200: [] })) };
    const targets = scaleTargets([fullRow(1000, { coldMs: 2.5 }), fullRow(100_000), large]);
    const cold = targets.filter((t) => t.name.startsWith('cold '));
    expect(cold).toHaveLength(2 * COLD_KINDS.length);
    expect(byName(targets, 'cold article (steady) at 1000000 within 20% of 1000')).toMatchObject({ value: '1.16× (2.9 vs 2.5 ms)', met: true });
    expect(byName(targets, 'cold tag (early) at 1000000')).toMatchObject({ met: false });
    expect(byName(targets, 'cold tag (steady) at 1000000')).toMatchObject({ met: true });
  });

  test('cold renders need a 1k row and a larger one', () => {
    for (const rows of [[fullRow(100_000)], [fullRow(1000)]]) {
      for (const t of scaleTargets(rows).filter((x) => x.name.startsWith('cold '))) expect(t).toMatchObject({ value: 'not run', met: undefined });
    }
  });

  test('a size that failed misses its targets with the reason', () => {
    const targets = scaleTargets([fullRow(1000), failedRow(1_000_000)]);
    const ready = byName(targets, 'ready ≤ 40 s on a first start');
    expect(ready.met).toBe(false);
    expect(ready.value).toContain('heap out of memory');
    expect(byName(targets, 'cold search (steady) at 1000000')).toMatchObject({ met: false });
  });

  test('a search that only ever answered 503 has no render time to compare', () => {
    const large = fullRow(1_000_000);
    large.cold.early = { doneMs: 1000, results: COLD_KINDS.map((kind) => ({ kind, medianMs: kind === 'search' ? NaN : 2.5, count: 5, not200: kind === 'search' ? [503, 503, 503, 503, 503] : [] })) };
    expect(byName(scaleTargets([fullRow(1000), large]), 'cold search (early)')).toMatchObject({ met: false, value: 'no 200 answer (5× 503)' });
  });
});

describe('corpus tables', () => {
  test('a failed size is a row that says why, with dashes for what it did not measure', () => {
    const text = corpusTable([fullRow(1000), failedRow(1_000_000)], LIST_URLS);
    const failed = text.split('\n').find((line) => line.startsWith('| 1000000 '));
    expect(failed).toContain('**failed**: first start: server died');
    expect(failed).toContain('| – |');
    expect(text.split('\n').find((line) => line.startsWith('| 1000 '))).toContain('| 0.40 |');
  });

  test('an edit that never showed says how long the bench waited', () => {
    const row = { ...fullRow(1000), edit: { ms: 30_000, visible: false } };
    expect(corpusTable([row], LIST_URLS)).toContain('not visible after 30 s');
  });

  test('first renders: two lines per size, answers other than 200 counted', () => {
    const row = fullRow(1000);
    row.cold.early = { doneMs: 1200, results: COLD_KINDS.map((kind) => ({ kind, medianMs: 3, count: 5, not200: kind === 'search' ? [503, 503] : [] })) };
    const lines = coldTable([row]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('| 1000 | early | 3.0 | 3.0 | 3.0 | 3.0 | 3.0 (2× 503) | 1.20 |');
  });

  test('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
