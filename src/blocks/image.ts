/**
 * A picture inside the body, with its caption and credit; or, without `src`,
 * a text-only figure: the caption and credit of a picture that cannot be
 * shown (an importer found no file for it), kept visible.
 */
import { z } from 'zod';
import { plainInline } from '../text/inline';
import { feedCaption, figureHtml, figureModel, pictureFields, pictureRecordOf, type FigureModel, type Picture } from './picture';
import type { BlockDefinition } from './types';

const ALT_REQUIRED = 'is required: describe the image for people who cannot see it';

const schema = z
  .strictObject({ type: z.literal('image'), src: pictureFields.src.optional(), alt: pictureFields.alt.optional(), caption: pictureFields.caption, credit: pictureFields.credit })
  .superRefine((image, ctx) => {
    if (image.src !== undefined && image.alt === undefined) ctx.addIssue({ code: 'custom', path: ['alt'], message: ALT_REQUIRED });
    if (image.src === undefined && !image.caption && !image.credit) {
      ctx.addIssue({ code: 'custom', path: ['src'], message: 'is required: an image block without src (a text-only figure) needs a caption or a credit' });
    }
  });
type ImageRecord = z.infer<typeof schema>;

/** A text-only figure: what is left of a picture without its file. */
interface Words { caption?: string; credit?: string }

type ImageBlock = { type: 'image'; picture: Picture } | { type: 'image'; words: Words };
type ImageModel = { type: 'image'; figure: FigureModel } | { type: 'image'; words: Words };

const wordsOf = (from: Words): Words => ({ ...(from.caption && { caption: from.caption }), ...(from.credit && { credit: from.credit }) });
/** A text-only figure's record: `alt` describes a picture, so without one it goes. */
const textOnlyRecord = (from: Words): ImageRecord => ({ type: 'image', ...wordsOf(from) });

export const image: BlockDefinition<'image', typeof schema, ImageBlock, ImageModel> = {
  type: 'image',
  schema,
  imagePaths: (record) => (record.src ? [record.src] : []),
  shareStrings: (record, one) => {
    if (record.src) record.src = one(record.src);
  },
  withImagePaths: (record, map) => {
    if (!record.src || !record.alt) return record;
    const src = map(record.src);
    if (src) return { type: 'image', ...pictureRecordOf(src, { ...record, alt: record.alt }) };
    return record.caption || record.credit ? textOnlyRecord(record) : undefined;
  },
  resolve: (record, field, env) => {
    if (!record.src || !record.alt) return { type: 'image', words: wordsOf(record) };
    const picture = env.picture(field, { ...record, src: record.src, alt: record.alt });
    return picture && { type: 'image', picture };
  },
  pictures: (block) => ('picture' in block ? [block.picture] : []),
  canonical: (record) => (record.src && record.alt ? { type: 'image', ...pictureRecordOf(record.src, { ...record, alt: record.alt }) } : textOnlyRecord(record)),
  texts: (block, out) => {
    const caption = 'picture' in block ? block.picture.caption : block.words.caption;
    if (caption) out.push(plainInline(caption));
  },
  feedHtml: (block, env) => {
    if ('picture' in block) return figureHtml(env.site, block.picture);
    return `<figure><figcaption>${feedCaption(block.words)}</figcaption></figure>`;
  },
  model: (block) => ('picture' in block ? { type: 'image', figure: figureModel(block.picture, false) } : { type: 'image', words: block.words }),
};
