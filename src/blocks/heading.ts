/**
 * A sub-heading inside the body. Its id (for links to a part of a story) is
 * made from its words here and made unique per article by the
 * uniqueHeadingIds enhancer (src/blocks/enhancers/).
 */
import { z } from 'zod';
import { text } from '../fields';
import { escapeHtml, plainInline } from '../text/inline';
import type { BlockDefinition } from './types';

const schema = z.strictObject({ type: z.literal('heading'), text });

/** A readable id from a heading's words: "Why it matters" → "why-it-matters". */
export function headingSlug(words: string): string {
  return (
    words
      .toLowerCase()
      .normalize('NFKD')
      // Accents decompose into marks of their own; drop them so "Café crème" reads "cafe-creme".
      .replace(/\p{M}+/gu, '')
      .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section'
  );
}

interface HeadingBlock { type: 'heading'; text: string }
interface HeadingModel { type: 'heading'; text: string; id: string }

export const heading: BlockDefinition<'heading', typeof schema, HeadingBlock, HeadingModel> = {
  type: 'heading',
  schema,
  resolve: (record) => record,
  canonical: (record) => ({ type: 'heading', text: record.text }),
  texts: (block, out) => void out.push(plainInline(block.text)),
  feedHtml: (block) => `<h2>${escapeHtml(plainInline(block.text))}</h2>`,
  model: (block) => {
    const words = plainInline(block.text);
    return { type: 'heading', text: words, id: headingSlug(words) };
  },
};
