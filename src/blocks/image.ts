/** A picture inside the body, with its caption and credit. */
import { z } from 'zod';
import { plainInline } from '../text/inline';
import { figureHtml, figureModel, pictureFields, pictureRecordOf, type FigureModel, type Picture } from './picture';
import type { BlockDefinition } from './types';

const schema = z.strictObject({ type: z.literal('image'), ...pictureFields });

interface ImageBlock { type: 'image'; picture: Picture }
interface ImageModel { type: 'image'; figure: FigureModel }

export const image: BlockDefinition<'image', typeof schema, ImageBlock, ImageModel> = {
  type: 'image',
  schema,
  imagePaths: (record) => [record.src],
  shareStrings: (record, one) => {
    record.src = one(record.src);
  },
  resolve: (record, field, env) => {
    const picture = env.picture(field, record);
    return picture && { type: 'image', picture };
  },
  pictures: (block) => [block.picture],
  recordOf: (block) => ({ type: 'image', ...pictureRecordOf(block.picture.asset.path, block.picture) }),
  canonical: (record) => ({ type: 'image', ...pictureRecordOf(record.src, record) }),
  texts: (block, out) => {
    if (block.picture.caption) out.push(plainInline(block.picture.caption));
  },
  feedHtml: (block, env) => figureHtml(env.site, block.picture),
  model: (block) => ({ type: 'image', figure: figureModel(block.picture, false) }),
};
