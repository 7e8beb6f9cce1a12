/** A quotation, with who said it. */
import { z } from 'zod';
import { text } from '../fields';
import { escapeHtml, plainInline, renderInline } from '../text/inline';
import { feedInlineHtml } from './feed-inline';
import type { BlockDefinition } from './types';

const schema = z.strictObject({ type: z.literal('quote'), text, attribution: text.optional() });
type QuoteRecord = z.infer<typeof schema>;

const quoteRecord = (quote: QuoteRecord): QuoteRecord => ({ type: 'quote', text: quote.text, ...(quote.attribution && { attribution: quote.attribution }) });

interface QuoteBlock { type: 'quote'; text: string; attribution?: string }
/** `html` is safe HTML from renderInline. */
interface QuoteModel { type: 'quote'; html: string; attribution?: string }

export const quote: BlockDefinition<'quote', typeof schema, QuoteBlock, QuoteModel> = {
  type: 'quote',
  schema,
  resolve: (record) => record,
  canonical: quoteRecord,
  texts: (block, out) => {
    out.push(plainInline(block.text));
    if (block.attribution) out.push(plainInline(block.attribution));
  },
  feedHtml: (block, env) =>
    `<blockquote><p>${feedInlineHtml(env.site, block.text)}</p>${block.attribution ? `<footer>— ${escapeHtml(block.attribution)}</footer>` : ''}</blockquote>`,
  model: (block) => ({ type: 'quote', html: renderInline(block.text), ...(block.attribution && { attribution: block.attribution }) }),
};
