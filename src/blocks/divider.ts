/** A thematic break between parts of a story (<hr>). */
import { z } from 'zod';
import type { BlockDefinition } from './types';

const schema = z.strictObject({ type: z.literal('divider') });

interface Divider { type: 'divider' }

export const divider: BlockDefinition<'divider', typeof schema, Divider, Divider> = {
  type: 'divider',
  schema,
  resolve: (record) => record,
  canonical: () => ({ type: 'divider' }),
  texts: () => {},
  feedHtml: () => '<hr>',
  model: () => ({ type: 'divider' }),
};
