/**
 * A bulleted or numbered list; each item is inline Markdown, or an object
 * with its text and a list of its own ({"text", "items", "ordered"?}),
 * nested up to MAX_LIST_DEPTH lists deep.
 */
import { z } from 'zod';
import { text } from '../fields';
import { plainInline, renderInline } from '../text/inline';
import { feedInlineHtml } from './feed-inline';
import type { BlockDefinition } from './types';

/** The body's list is level 1; its items' lists level 2, and so on. */
export const MAX_LIST_DEPTH = 4;

/** An item as a record writes it: its text, or its text with a list of its own. */
export type ListItemRecord = string | { text: string; items?: ListItemRecord[]; ordered?: boolean };
/** An item once resolved: its text, or its text with a list whose `ordered` is spelt out. */
export type ListItem = string | { text: string; items: ListItem[]; ordered: boolean };

const tooDeep = z.never({ message: `is too deeply nested: lists nest at most ${MAX_LIST_DEPTH} levels deep` });

/** The items of a list at `level`: zod's own union would report an item's mistakes as "Invalid input", so the item's shape picks the schema. */
function itemsAt(level: number): z.ZodType<ListItemRecord[], ListItemRecord[]> {
  const nested = z.strictObject({
    text,
    items: (level < MAX_LIST_DEPTH ? itemsAt(level + 1) : tooDeep).optional(),
    ordered: z.boolean().optional(),
  });
  const item = z.unknown().transform((value, ctx): ListItemRecord => {
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      ctx.addIssue({ code: 'custom', message: 'must be text (inline Markdown) or {"text": …, "items": […]}' });
      return z.NEVER;
    }
    const parsed = (typeof value === 'string' ? text : nested).safeParse(value);
    if (parsed.success) return parsed.data as ListItemRecord;
    for (const issue of parsed.error.issues) ctx.addIssue(issue as unknown as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
  return z.array(item).min(1, 'must have at least one item') as unknown as z.ZodType<ListItemRecord[], ListItemRecord[]>;
}

const schema = z.strictObject({ type: z.literal('list'), items: itemsAt(1), ordered: z.boolean().optional() });

interface ListBlock { type: 'list'; items: ListItem[]; ordered: boolean }
/** `itemsHtml` are safe HTML from renderInline; `sublists[i]` is item i's own list, when any item has one. */
export interface ListModel { type: 'list'; tag: 'ol' | 'ul'; itemsHtml: string[]; sublists?: (ListModel | undefined)[] }

/** An item written the one canonical way: text alone as a string, a nested list with `ordered` spelt out. */
function canonicalItem(item: ListItemRecord): ListItem {
  if (typeof item === 'string') return item;
  if (!item.items) return item.text;
  return { text: item.text, items: item.items.map(canonicalItem), ordered: item.ordered ?? false };
}

const flat = (items: readonly ListItemRecord[]): items is string[] => items.every((item) => typeof item === 'string');

/** A flat list keeps its own array (no copy per article); nested items are rewritten. */
const canonicalItems = (items: ListItemRecord[]): ListItem[] => (flat(items) ? items : items.map(canonicalItem));

const textOf = (item: ListItem) => (typeof item === 'string' ? item : item.text);

function listModel(items: readonly ListItem[], ordered: boolean): ListModel {
  const model: ListModel = { type: 'list', tag: ordered ? 'ol' : 'ul', itemsHtml: items.map((item) => renderInline(textOf(item))) };
  if (!flat(items)) model.sublists = items.map((item) => (typeof item === 'string' ? undefined : listModel(item.items, item.ordered)));
  return model;
}

function feedList(site: { baseUrl: string }, items: readonly ListItem[], ordered: boolean): string {
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map((item) => `<li>${feedInlineHtml(site, textOf(item))}${typeof item === 'string' ? '' : feedList(site, item.items, item.ordered)}</li>`).join('')}</${tag}>`;
}

function itemTexts(items: readonly ListItem[], out: string[]): void {
  for (const item of items) {
    out.push(plainInline(textOf(item)));
    if (typeof item !== 'string') itemTexts(item.items, out);
  }
}

export const list: BlockDefinition<'list', typeof schema, ListBlock, ListModel> = {
  type: 'list',
  schema,
  // A flat record that spells `ordered` out is already the resolved block; anything else needs a new object.
  resolve: (record) =>
    record.ordered !== undefined && flat(record.items) ? (record as ListBlock) : { type: 'list', items: canonicalItems(record.items), ordered: record.ordered ?? false },
  canonical: (record) => ({ type: 'list', items: canonicalItems(record.items), ordered: record.ordered ?? false }),
  texts: (block, out) => itemTexts(block.items, out),
  feedHtml: (block, env) => feedList(env.site, block.items, block.ordered),
  model: (block) => listModel(block.items, block.ordered),
};
