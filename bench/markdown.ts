/** Markdown tables (targets tables among them) and the number formats the bench's reports share; a number that was not measured (NaN) prints as "–". */
export const f0 = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '–');
export const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** A Markdown table: the first column left-aligned, the others right-aligned (numbers). */
export function table(header: string[], rows: string[][]): string {
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** One line of a targets table: what was measured, and whether it meets the target (undefined: not measured). */
export interface Target {
  name: string;
  value: string;
  met: boolean | undefined;
}

/** `unmeasured` is what the met? column says of a target nothing was measured for. */
export function targetTable(targets: Target[], unmeasured = 'not measured'): string {
  return table(
    ['target', 'measured', 'met?'],
    targets.map((t) => [t.name, t.value, t.met === undefined ? unmeasured : t.met ? 'yes' : '**no**']),
  );
}
