/**
 * `<table>` → a table block: `<caption>` (plain text), a header row (the
 * rows of `<thead>`, else a first row of `<th>` cells only), and rows of
 * inline Markdown cells. A cell spanning columns or rows is written once, in
 * its first place, with empty cells where it spread (noted); rows are padded
 * to the widest; a table nested in a cell is that cell's text; pictures in
 * cells are dropped (noted). A table of one cell is layout, not data: its
 * content is converted as blocks.
 */
import type { ImportedBlock } from './blocks';
import type { Ctx } from './context';
import { attr, hasWords, isEl, plainText, type El, type Node } from './dom';
import { joinRuns } from './inline';

export const MAX_COLUMNS = 50;
const MAX_COLSPAN = MAX_COLUMNS;
const MAX_ROWSPAN = 1000;

const SECTIONS = new Set(['thead', 'tbody', 'tfoot']);
const CELLS = new Set(['td', 'th']);

interface Row {
  cells: El[];
  head: boolean;
}

const STRUCTURE = new Set([...SECTIONS, ...CELLS, 'tr', 'caption', 'colgroup', 'col']);

/** The table's rows, and what sits in it outside any cell (a browser shows that before the table). */
function rowsOf(table: El): { rows: Row[]; loose: Node[] } {
  const rows: Row[] = [];
  const loose: Node[] = [];
  const strays = (parent: El) => loose.push(...parent.children.filter((child) => (isEl(child) ? !STRUCTURE.has(child.name) : hasWords(child))));
  const take = (parent: El, head: boolean) => {
    strays(parent);
    for (const child of parent.children) {
      if (!isEl(child)) continue;
      if (child.name === 'tr') {
        strays(child);
        rows.push({ cells: child.children.filter((cell): cell is El => isEl(cell) && CELLS.has(cell.name)), head });
      } else if (SECTIONS.has(child.name)) take(child, child.name === 'thead');
    }
  };
  take(table, false);
  return { rows, loose };
}

function span(cell: El, name: string, max: number): number {
  const value = Math.floor(Number(attr(cell, name) ?? '1'));
  return Number.isFinite(value) && value >= 1 ? Math.min(value, max) : 1;
}

export function tableBlocks(table: El, ctx: Ctx, out: ImportedBlock[]): void {
  const { rows, loose } = rowsOf(table);
  if (loose.length) ctx.walk(loose, out);
  const only = rows.length === 1 && rows[0]?.cells.length === 1 ? rows[0].cells[0] : undefined;
  if (only) {
    ctx.walk(only.children, out);
    return;
  }
  const captionEl = table.children.find((child): child is El => isEl(child) && child.name === 'caption');
  const caption = captionEl ? plainText(captionEl) : '';
  const grid: string[][] = [];
  const heads: boolean[] = [];
  let spread = false;
  let dropped = false;
  /** Rows still covered by a cell above, per column. */
  const covered: number[] = [];
  for (const row of rows) {
    const line: string[] = [];
    let column = 0;
    const skipCovered = () => {
      while ((covered[column] ?? 0) > 0) {
        covered[column] = (covered[column] as number) - 1;
        line.push('');
        column++;
      }
    };
    for (const cell of row.cells) {
      skipCovered();
      const { md, blocks } = joinRuns(ctx.runs(cell.children.map((child) => (isEl(child) && child.name === 'table' ? plainText(child) : child))));
      if (blocks.length) dropped = true;
      const across = span(cell, 'colspan', MAX_COLSPAN);
      const down = span(cell, 'rowspan', MAX_ROWSPAN);
      if (across > 1 || down > 1) spread = true;
      for (let i = 0; i < across; i++) {
        line.push(i === 0 ? md : '');
        if (down > 1) covered[column] = down - 1;
        column++;
      }
    }
    // Cells from rows above that reach into this row past its own last cell.
    let last = covered.length - 1;
    while (last >= column && !covered[last]) last--;
    for (; column <= last; column++) {
      if (covered[column]) covered[column] = (covered[column] as number) - 1;
      line.push('');
    }
    grid.push(line);
    heads.push(row.head || (row.cells.length > 0 && row.cells.every((cell) => cell.name === 'th')));
  }
  if (spread) ctx.notes.add('flattened a table cell spanning several columns or rows');
  if (dropped) ctx.notes.add('dropped a picture or embed inside a table cell');
  let width = Math.max(0, ...grid.map((line) => line.length));
  if (width > MAX_COLUMNS) {
    ctx.notes.add(`cut a table wider than ${MAX_COLUMNS} columns to ${MAX_COLUMNS}`);
    width = MAX_COLUMNS;
  }
  const padded = grid.map((line) => [...line.slice(0, width), ...Array<string>(Math.max(0, width - line.length)).fill('')]);
  const kept = padded.map((line, i) => ({ line, head: heads[i] as boolean })).filter(({ line }) => line.some((cell) => cell !== ''));
  if (!kept.length) {
    if (rows.length) ctx.notes.add('dropped an empty table');
    return;
  }
  // The header is the table's first row when it is a heading row; a table that is all heading rows has rows only.
  // A header names every column: one with an empty cell (a blank corner) is read as a row.
  let header = kept[0]?.head && kept.length > 1 ? kept[0].line : undefined;
  if (header?.includes('')) {
    ctx.notes.add('read a header row with an empty cell as a row of the table');
    header = undefined;
  }
  const body = (header ? kept.slice(1) : kept).map(({ line }) => line);
  out.push({ type: 'table', ...(caption && { caption }), ...(header && { header }), rows: body });
}
