/** A paragraph of inline Markdown (emphasis and links only). */
import { z } from 'zod';
import { text } from '../fields';
import { plainInline, renderInline } from '../text/inline';
import { feedInlineHtml } from './feed-inline';
import type { BlockDefinition } from './types';

const schema = z.strictObject({ type: z.literal('paragraph'), text });

interface ParagraphBlock { type: 'paragraph'; text: string }
/** `html` is safe HTML from renderInline. */
interface ParagraphModel { type: 'paragraph'; html: string }

export const paragraph: BlockDefinition<'paragraph', typeof schema, ParagraphBlock, ParagraphModel> = {
  type: 'paragraph',
  schema,
  // Nothing to resolve: the resolved block is the record's own object (no copy per article).
  resolve: (record) => record,
  canonical: (record) => ({ type: 'paragraph', text: record.text }),
  texts: (block, out) => void out.push(plainInline(block.text)),
  feedHtml: (block, env) => `<p>${feedInlineHtml(env.site, block.text)}</p>`,
  model: (block) => ({ type: 'paragraph', html: renderInline(block.text) }),
};
