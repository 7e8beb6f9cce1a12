/** Markdown tables and the number formats the bench's reports share; a number that was not measured (NaN) prints as "–". */
export const f0 = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '–');
export const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** A Markdown table: the first column left-aligned, the others right-aligned (numbers). */
export function table(header: string[], rows: string[][]): string {
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
