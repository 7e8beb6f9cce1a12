/**
 * A table of inline-Markdown cells, with an optional caption and header row.
 * Every row (and the header) has the same number of cells. On the page it
 * scrolls sideways inside its own box when it is wider than the column.
 */
import { z } from 'zod';
import { text } from '../fields';
import { escapeHtml, plainInline, renderInline } from '../text/inline';
import { feedInlineHtml } from './feed-inline';
import type { ScrollRegion } from './scroll-region';
import type { BlockDefinition } from './types';

/** A body cell may be empty (a gap in the data); a header cell names its column, so it may not. */
const cell = z.string({ message: 'must be text (inline Markdown)' }).trim();
const cells = <C extends z.ZodType>(of: C) => z.array(of).min(1, 'must have at least one cell');

const schema = z
  .strictObject({
    type: z.literal('table'),
    caption: text.optional(),
    header: cells(text).optional(),
    rows: z.array(cells(cell)).min(1, 'must have at least one row'),
  })
  .superRefine((table, ctx) => {
    // Shapes the fields' own rules refuse (not arrays, no cells) are reported by them, once.
    if (!Array.isArray(table.rows) || !table.rows.every(Array.isArray)) return;
    const header = Array.isArray(table.header) ? table.header : undefined;
    const width = (header ?? table.rows[0])?.length;
    const against = header ? 'the header' : 'the first row';
    if (!width) return;
    table.rows.forEach((row, i) => {
      if (row.length > 0 && row.length !== width) ctx.addIssue({ code: 'custom', path: ['rows', i], message: `has ${row.length} cell${row.length === 1 ? '' : 's'}, but ${against} has ${width}: every row needs the same number of cells` });
    });
  });
type TableRecord = z.infer<typeof schema>;

const tableRecord = (table: TableRecord): TableRecord => ({
  type: 'table',
  ...(table.caption && { caption: table.caption }),
  ...(table.header && { header: table.header }),
  rows: table.rows,
});

/** Cells are safe HTML from renderInline. */
interface TableModel extends ScrollRegion {
  type: 'table';
  caption?: string;
  headerHtml?: string[];
  rowsHtml: string[][];
}

export const table: BlockDefinition<'table', typeof schema, TableRecord, TableModel> = {
  type: 'table',
  schema,
  resolve: (record) => record,
  canonical: tableRecord,
  texts: (block, out) => {
    if (block.caption) out.push(plainInline(block.caption));
    // One line per row, so an excerpt keeps a row's cells together.
    for (const row of block.header ? [block.header, ...block.rows] : block.rows) {
      const words = row.filter((c) => c !== '').map(plainInline);
      if (words.length) out.push(words.join(' · '));
    }
  },
  feedHtml: (block, env) => {
    const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '';
    const header = block.header ? `<thead><tr>${block.header.map((c) => `<th scope="col">${feedInlineHtml(env.site, c)}</th>`).join('')}</tr></thead>` : '';
    const rows = block.rows.map((row) => `<tr>${row.map((c) => `<td>${feedInlineHtml(env.site, c)}</td>`).join('')}</tr>`).join('');
    return `<table>${caption}${header}<tbody>${rows}</tbody></table>`;
  },
  model: (block, env) => ({
    type: 'table',
    regionLabel: block.caption ?? env.text.t('block.table'),
    ...(block.caption && { caption: block.caption }),
    ...(block.header && { headerHtml: block.header.map(renderInline) }),
    rowsHtml: block.rows.map((row) => row.map(renderInline)),
  }),
};
