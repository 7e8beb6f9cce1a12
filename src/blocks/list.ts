/** A bulleted or numbered list; each item is inline Markdown. */
import { z } from 'zod';
import { text } from '../fields';
import { plainInline, renderInline } from '../text/inline';
import { feedInlineHtml } from './feed-inline';
import type { BlockDefinition } from './types';

const schema = z.strictObject({ type: z.literal('list'), items: z.array(text).min(1, 'must have at least one item'), ordered: z.boolean().optional() });

interface ListBlock { type: 'list'; items: string[]; ordered: boolean }
/** `itemsHtml` are safe HTML from renderInline. */
interface ListModel { type: 'list'; tag: 'ol' | 'ul'; itemsHtml: string[] }

export const list: BlockDefinition<'list', typeof schema, ListBlock, ListModel> = {
  type: 'list',
  schema,
  // A record that spells `ordered` out is already the resolved block; only a default needs a new object.
  resolve: (record) =>
    record.ordered === undefined ? { type: 'list', items: record.items, ordered: false } : (record as ListBlock),
  recordOf: (block) => ({ type: 'list', items: block.items, ordered: block.ordered }),
  canonical: (record) => ({ type: 'list', items: record.items, ordered: record.ordered ?? false }),
  texts: (block, out) => {
    for (const item of block.items) out.push(plainInline(item));
  },
  feedHtml: (block, env) => {
    const tag = block.ordered ? 'ol' : 'ul';
    return `<${tag}>${block.items.map((item) => `<li>${feedInlineHtml(env.site, item)}</li>`).join('')}</${tag}>`;
  },
  model: (block) => ({ type: 'list', tag: block.ordered ? 'ol' : 'ul', itemsHtml: block.items.map(renderInline) }),
};
