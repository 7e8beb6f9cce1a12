/**
 * `<ul>`/`<ol>` → a list block. An item's own list nests under it as
 * `{text, items, ordered?}`, up to MAX_LEVELS levels; items deeper than that
 * join the deepest level as items of their own (noted). An item's text is its
 * content without its lists, block elements in it run together with a space;
 * pictures in an item come out after the list (noted).
 */
import type { ImportedBlock, ListEntry } from './blocks';
import type { Ctx } from './context';
import { isEl, type El, type Node } from './dom';
import { joinRuns } from './inline';

export const MAX_LEVELS = 4;

const isList = (node: Node): boolean => isEl(node) && (node.name === 'ul' || node.name === 'ol');

export function listBlocks(el: El, ctx: Ctx, out: ImportedBlock[]): void {
  const after: ImportedBlock[] = [];
  const items = entries(el, 1, ctx, after);
  if (items.length) out.push({ type: 'list', items, ...(el.name === 'ol' && { ordered: true }) });
  if (after.length) ctx.notes.add('moved a picture or embed out of a list item to after the list');
  out.push(...after);
}

function entries(list: El, level: number, ctx: Ctx, after: ImportedBlock[]): ListEntry[] {
  const items: ListEntry[] = [];
  let loose: Node[] = [];
  const flushLoose = () => {
    if (loose.length) items.push(...item(loose, [], level, ctx, after));
    loose = [];
  };
  for (const child of list.children) {
    if (isEl(child) && child.name === 'li') {
      flushLoose();
      const { content, lists } = split(child.children);
      items.push(...item(content, lists, level, ctx, after));
    } else if (isEl(child) && isList(child)) {
      // <ul><li>a</li><ul>…</ul></ul>: a list right inside a list belongs to the item before it.
      flushLoose();
      const previous = items.pop();
      const text = previous === undefined ? [] : [previous];
      items.push(...nest(text, [child], level, ctx, after));
    } else loose.push(child);
  }
  flushLoose();
  return items;
}

/** An item's content without its lists, and its lists (wherever they sit in it, outside other lists). */
function split(nodes: Node[]): { content: Node[]; lists: El[] } {
  const lists: El[] = [];
  const strip = (children: Node[]): Node[] =>
    children.flatMap((child): Node[] => {
      if (!isEl(child)) return [child];
      if (isList(child)) {
        lists.push(child);
        return [];
      }
      return [{ ...child, children: strip(child.children) }];
    });
  return { content: strip(nodes), lists };
}

function item(content: Node[], lists: El[], level: number, ctx: Ctx, after: ImportedBlock[]): ListEntry[] {
  const { md, blocks } = joinRuns(ctx.runs(content));
  after.push(...blocks);
  return nest(md ? [md] : [], lists, level, ctx, after);
}

/** An item (given as its text, or an entry already made) with its lists nested under it. */
function nest(text: ListEntry[], lists: El[], level: number, ctx: Ctx, after: ImportedBlock[]): ListEntry[] {
  const sub = lists.flatMap((list) => entries(list, level + 1, ctx, after));
  if (!sub.length) return text;
  const own = text[0];
  if (own === undefined) return sub;
  if (level >= MAX_LEVELS) {
    ctx.notes.add(`flattened a list nested deeper than ${MAX_LEVELS} levels`);
    return [own, ...sub.flatMap(flatten)];
  }
  const ordered = lists[0]?.name === 'ol';
  if (typeof own === 'string') return [{ text: own, items: sub, ...(ordered && { ordered: true }) }];
  // An entry that already has a list of its own gets the new items after its own.
  return [{ ...own, items: [...own.items, ...sub] }];
}

function flatten(entry: ListEntry): string[] {
  return typeof entry === 'string' ? [entry] : [entry.text, ...entry.items.flatMap(flatten)];
}
