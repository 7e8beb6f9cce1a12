/** The corpus-scale chart: well-formed SVG with every series named in text, failed sizes marked, any number of sizes. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chartInput, niceScale, scaleChart, sizeLabel } from '../../bench/chart';
import { failedRow, fullRow, LIST_URLS } from './rows';

const texts = (svg: string): string[] => {
  const doc = new XMLParser({ ignoreAttributes: false, textNodeName: '#text', isArray: () => true }).parse(svg) as unknown;
  const out: string[] = [];
  const walk = (node: unknown, name = ''): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      if (name === 'text' || name === '#text' || name === 'title') out.push(String(node));
      return;
    }
    if (Array.isArray(node)) return node.forEach((child) => walk(child, name));
    if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (!key.startsWith('@_')) walk(value, key === '#text' ? name : key);
  };
  walk(doc);
  return out;
};

const wellFormed = (svg: string): void => {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
};

describe('scaleChart', () => {
  const rows = [fullRow(1000), fullRow(10_000, { readyS: 2 }), fullRow(100_000, { readyS: 6, rssAfter: 900 })];

  test('is well-formed SVG with a title, three panels, axis labels and every series named', () => {
    const svg = scaleChart(rows, LIST_URLS, 'Scale & speed <test>');
    wellFormed(svg);
    const words = texts(svg);
    expect(words).toContain('Scale & speed <test>');
    for (const label of ['List pages, page cache off', 'Time to ready', 'Memory (RSS)', 'requests per second', 'seconds', 'MB', 'articles (log scale)']) expect(words).toContain(label);
    for (const label of [...LIST_URLS, 'first start', 'restart (snapshot)', 'at ready', 'after load, search built']) expect(words).toContain(label);
    for (const tick of ['1k', '10k', '100k']) expect(words).toContain(tick);
  });

  test('plots one point per size per series, in size order', () => {
    const input = chartInput([...rows].reverse(), LIST_URLS, 't');
    expect(input.sizes).toEqual([1000, 10_000, 100_000]);
    const ready = input.panels[1]?.series[0];
    expect(ready?.points).toEqual([
      { x: 1000, y: 1 },
      { x: 10_000, y: 2 },
      { x: 100_000, y: 6 },
    ]);
    expect(input.panels[0]?.series.map((s) => s.points.length)).toEqual([3, 3, 3]);
  });

  test('series differ by marker and dash as well as colour', () => {
    const series = chartInput(rows, LIST_URLS, 't').panels[0]?.series ?? [];
    expect(new Set(series.map((s) => s.marker)).size).toBe(series.length);
    expect(new Set(series.map((s) => s.dash)).size).toBe(series.length);
  });

  test('a failed size is a marked missing point with its reason, and no point of its own', () => {
    const withFailure = [fullRow(1000), fullRow(100_000), failedRow(1_000_000)];
    const svg = scaleChart(withFailure, LIST_URLS, 't');
    wellFormed(svg);
    const words = texts(svg);
    expect(words.filter((w) => w === 'failed')).toHaveLength(3);
    expect(words.some((w) => w.startsWith('× 1M articles failed: first start: server died') && w.includes('heap'))).toBe(true);
    expect(words).toContain('1M');
    const input = chartInput(withFailure, LIST_URLS, 't');
    for (const panel of input.panels) for (const s of panel.series) expect(s.points.map((p) => p.x)).toEqual([1000, 100_000]);
  });

  test('a single size, and a single failed size, still draw', () => {
    const one = scaleChart([fullRow(1000)], LIST_URLS, 't');
    wellFormed(one);
    expect(texts(one)).toContain('1k');
    const none = scaleChart([failedRow(1000)], LIST_URLS, 't');
    wellFormed(none);
    expect(texts(none)).toContain('first start (no figures)');
  });
});

describe('chart helpers', () => {
  test('size labels', () => {
    expect([1000, 10_000, 100_000, 1_000_000, 2500, 300].map(sizeLabel)).toEqual(['1k', '10k', '100k', '1M', '2500', '300']);
  });

  test('the y scale tops the largest value with a round step', () => {
    expect(niceScale(2260)).toEqual({ top: 2500, step: 500 });
    expect(niceScale(6.95)).toEqual({ top: 8, step: 2 });
    expect(niceScale(0)).toEqual({ top: 1, step: 0.25 });
    const { top, step } = niceScale(1009);
    expect(top).toBeGreaterThanOrEqual(1009);
    expect(top / step).toBeLessThanOrEqual(6);
  });
});
