/**
 * The corpus-scale chart (issue 13): three small panels against corpus size
 * on a log axis, list-page req/s, ready time (first start and restart) and
 * RSS (at ready and after load), as a hand-written SVG. Pure: rows in, text
 * out. Series differ by marker shape, dash pattern and a text label, not by
 * colour alone; a size that failed is drawn as a red "×" on the axis with
 * "failed" over it, and the reason is listed under the panels.
 */
import type { CorpusRow } from './scale-report';

export interface ChartPoint {
  x: number;
  y: number;
}

export type Marker = 'circle' | 'square' | 'triangle';

export interface ChartSeries {
  label: string;
  marker: Marker;
  /** stroke-dasharray of its line ('' for solid). */
  dash: string;
  colour: string;
  points: ChartPoint[];
}

export interface ChartPanel {
  title: string;
  yLabel: string;
  series: ChartSeries[];
}

export interface ChartInput {
  title: string;
  panels: ChartPanel[];
  /** Corpus sizes of the run, for the x axis. */
  sizes: number[];
  /** Sizes that failed, with why. */
  failures: { x: number; reason: string }[];
}

const STYLES: readonly Pick<ChartSeries, 'marker' | 'dash' | 'colour'>[] = [
  { marker: 'circle', dash: '', colour: '#1f5fa8' },
  { marker: 'square', dash: '6 3', colour: '#b35900' },
  { marker: 'triangle', dash: '2 3', colour: '#2e7d32' },
];

function series(rows: readonly CorpusRow[], specs: readonly { label: string; value: (row: CorpusRow) => number }[]): ChartSeries[] {
  return specs.map((spec, i) => ({
    label: spec.label,
    ...(STYLES[i % STYLES.length] as (typeof STYLES)[number]),
    points: rows.map((row) => ({ x: row.articles, y: spec.value(row) })).filter((p) => Number.isFinite(p.y)),
  }));
}

/** The chart's data from the bench's rows: what each panel plots. */
export function chartInput(rows: readonly CorpusRow[], listUrls: readonly string[], title: string): ChartInput {
  const sorted = [...rows].sort((a, b) => a.articles - b.articles);
  return {
    title,
    sizes: sorted.map((r) => r.articles),
    failures: sorted.filter((r) => r.failure !== undefined).map((r) => ({ x: r.articles, reason: r.failure as string })),
    panels: [
      {
        title: 'List pages, page cache off',
        yLabel: 'requests per second',
        series: series(
          sorted,
          listUrls.map((url, i) => ({ label: url, value: (r: CorpusRow) => r.lists[i]?.rps ?? NaN })),
        ),
      },
      {
        title: 'Time to ready',
        yLabel: 'seconds',
        series: series(sorted, [
          { label: 'first start', value: (r) => r.readyMs / 1000 },
          { label: 'restart (snapshot)', value: (r) => r.restartReadyMs / 1000 },
        ]),
      },
      {
        title: 'Memory (RSS)',
        yLabel: 'MB',
        series: series(sorted, [
          { label: 'at ready', value: (r) => r.rssReadyMb },
          { label: 'after load, search built', value: (r) => r.rssAfterMb },
        ]),
      },
    ],
  };
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (value: number): string => (Math.round(value * 10) / 10).toString();

/** "1k", "100k", "1M" for round sizes, the number otherwise. */
export function sizeLabel(size: number): string {
  if (size >= 1e6 && size % 1e6 === 0) return `${size / 1e6}M`;
  if (size >= 1e3 && size % 1e3 === 0) return `${size / 1e3}k`;
  return String(size);
}

/** The top of the y axis and its step: a round step (1, 2, 2.5 or 5 × 10^k) that gives about five steps up to just over the largest value. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const rough = (max * 1.05) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  return { top: Math.ceil((max * 1.05) / step) * step, step };
}

function markerSvg(marker: Marker, x: number, y: number, colour: string): string {
  switch (marker) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="4" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${n(x - 4)}" y="${n(y - 4)}" width="8" height="8" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${n(x)} ${n(y - 5)}L${n(x + 5)} ${n(y + 4)}L${n(x - 5)} ${n(y + 4)}Z" fill="${colour}"/>`;
  }
}

const PANEL_WIDTH = 340;
const PLOT = { left: 62, top: 64, width: 250, height: 200 };
const LEGEND_TOP = PLOT.top + PLOT.height + 62;
const LINE = 18;

function panelSvg(panel: ChartPanel, input: ChartInput, offsetX: number): string {
  const logs = input.sizes.length > 0 ? input.sizes.map(Math.log10) : [3];
  // Half a decade either side, so a single size still has an axis around it.
  const lo = Math.min(...logs) - 0.5;
  const hi = Math.max(...logs) + 0.5;
  const xOf = (size: number) => offsetX + PLOT.left + ((Math.log10(size) - lo) / (hi - lo)) * PLOT.width;
  const { top, step } = niceScale(Math.max(0, ...panel.series.flatMap((s) => s.points.map((p) => p.y))));
  const yOf = (value: number) => PLOT.top + PLOT.height - (value / top) * PLOT.height;
  const bottom = PLOT.top + PLOT.height;
  const out: string[] = [`<g class="panel"><title>${escapeXml(panel.title)}</title>`];
  out.push(`<text x="${n(offsetX + PLOT.left + PLOT.width / 2)}" y="${PLOT.top - 14}" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`);
  // y grid and ticks
  for (let value = 0; value <= top + step / 1000; value += step) {
    const y = yOf(value);
    out.push(`<line x1="${n(offsetX + PLOT.left)}" y1="${n(y)}" x2="${n(offsetX + PLOT.left + PLOT.width)}" y2="${n(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${n(offsetX + PLOT.left - 6)}" y="${n(y + 4)}" text-anchor="end">${escapeXml(Number(value.toPrecision(6)).toString())}</text>`);
  }
  // x ticks: every power of ten in range and every size that was run
  const ticks = new Set<number>(input.sizes);
  for (let p = Math.ceil(lo); p <= Math.floor(hi); p += 1) ticks.add(10 ** p);
  for (const size of [...ticks].sort((a, b) => a - b)) {
    const x = xOf(size);
    out.push(`<line x1="${n(x)}" y1="${bottom}" x2="${n(x)}" y2="${bottom + 5}" stroke="#333"/>`);
    out.push(`<text x="${n(x)}" y="${bottom + 18}" text-anchor="middle">${sizeLabel(size)}</text>`);
  }
  out.push(`<rect x="${n(offsetX + PLOT.left)}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${n(offsetX + PLOT.left + PLOT.width / 2)}" y="${bottom + 36}" text-anchor="middle">articles (log scale)</text>`);
  const yMid = PLOT.top + PLOT.height / 2;
  out.push(`<text x="${n(offsetX + 14)}" y="${n(yMid)}" text-anchor="middle" transform="rotate(-90 ${n(offsetX + 14)} ${n(yMid)})">${escapeXml(panel.yLabel)}</text>`);
  // series: a line through consecutive sizes that have a value, a marker on each, the label at the last point
  panel.series.forEach((s, i) => {
    out.push(`<g class="series"><title>${escapeXml(s.label)}</title>`);
    if (s.points.length > 1) {
      const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${n(xOf(p.x))} ${n(yOf(p.y))}`).join('');
      out.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    }
    for (const p of s.points) out.push(markerSvg(s.marker, xOf(p.x), yOf(p.y), s.colour));
    out.push('</g>');
    const y = LEGEND_TOP + i * LINE;
    const x = offsetX + PLOT.left;
    out.push(`<line x1="${n(x)}" y1="${y - 4}" x2="${n(x + 28)}" y2="${y - 4}" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(markerSvg(s.marker, x + 14, y - 4, s.colour));
    out.push(`<text x="${n(x + 36)}" y="${y}">${escapeXml(s.label)}${s.points.length === 0 ? ' (no figures)' : ''}</text>`);
  });
  // failed sizes: a marked missing point on the x axis
  for (const failure of input.failures) {
    const x = xOf(failure.x);
    out.push(`<g class="failure"><title>${escapeXml(`${failure.x} articles failed: ${failure.reason}`)}</title>`);
    out.push(`<path d="M${n(x - 6)} ${n(bottom - 14)}L${n(x + 6)} ${n(bottom - 2)}M${n(x + 6)} ${n(bottom - 14)}L${n(x - 6)} ${n(bottom - 2)}" stroke="#c62828" stroke-width="2.5"/>`);
    out.push(`<text x="${n(x)}" y="${n(bottom - 20)}" text-anchor="middle" fill="#c62828">failed</text></g>`);
  }
  out.push('</g>');
  return out.join('\n');
}

/** The SVG document. */
export function chartSvg(input: ChartInput): string {
  const legendLines = Math.max(1, ...input.panels.map((p) => p.series.length));
  const notesTop = LEGEND_TOP + legendLines * LINE + 10;
  const height = notesTop + input.failures.length * LINE + 10;
  const width = PANEL_WIDTH * input.panels.length + 20;
  const body = input.panels.map((panel, i) => panelSvg(panel, input, 10 + i * PANEL_WIDTH));
  const notes = input.failures.map((f, i) => {
    const reason = f.reason.length > 110 ? `${f.reason.slice(0, 107)}…` : f.reason;
    return `<text x="20" y="${notesTop + i * LINE}" fill="#c62828">× ${escapeXml(`${sizeLabel(f.x)} articles failed: ${reason}`)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeXml(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(input.title)}</text>`,
    ...body,
    ...notes,
    '</svg>',
    '',
  ].join('\n');
}

/** The chart of a run's rows. */
export function scaleChart(rows: readonly CorpusRow[], listUrls: readonly string[], title: string): string {
  return chartSvg(chartInput(rows, listUrls, title));
}
