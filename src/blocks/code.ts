/**
 * Program code or other preformatted text, printed exactly as written
 * (whitespace and newlines kept) in <pre><code>, escaped, with no
 * highlighting script. Long lines scroll inside the block.
 */
import { z } from 'zod';
import { escapeHtml } from '../text/inline';
import type { ScrollRegion } from './scroll-region';
import type { BlockDefinition } from './types';

/** Not trimmed: leading spaces and blank lines are part of the code. */
const codeText = z.string({ error: (issue) => (issue.input === undefined ? undefined : 'must be the code, as text') }).refine((value) => value.trim() !== '', 'must not be empty');
const language = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9+#._-]{0,23}$/, 'must be a short language name such as "python", "json" or "c++"');

const schema = z.strictObject({ type: z.literal('code'), text: codeText, language: language.optional() });
type CodeRecord = z.infer<typeof schema>;

const codeRecord = (code: CodeRecord): CodeRecord => ({ type: 'code', text: code.text, ...(code.language && { language: code.language }) });

interface CodeModel extends ScrollRegion {
  type: 'code';
  /** Printed escaped, exactly as written. */
  text: string;
  /** "language-python" (the common convention for a later highlighter or user styles). */
  className?: string;
}

export const code: BlockDefinition<'code', typeof schema, CodeRecord, CodeModel> = {
  type: 'code',
  schema,
  resolve: (record) => record,
  canonical: codeRecord,
  // One line of words for search and excerpts: the code's layout is of no use there.
  texts: (block, out) => void out.push(block.text.replace(/\s+/g, ' ').trim()),
  feedHtml: (block) => `<pre><code>${escapeHtml(block.text)}</code></pre>`,
  model: (block, env) => ({
    type: 'code',
    regionLabel: block.language ? env.text.t('block.codeIn', { language: block.language }) : env.text.t('block.code'),
    text: block.text,
    ...(block.language && { className: `language-${block.language.toLowerCase()}` }),
  }),
};
