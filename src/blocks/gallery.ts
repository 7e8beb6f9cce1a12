/**
 * Two or more pictures shown together as a grid of figures, each with its
 * own caption and credit, and an optional caption for the whole set.
 */
import { z } from 'zod';
import { text } from '../fields';
import { escapeHtml, plainInline } from '../text/inline';
import { figureHtml, figureModel, pictureRecordOf, pictureSchema, type FigureModel, type Picture, type PictureRecord } from './picture';
import type { BlockDefinition } from './types';

const schema = z.strictObject({
  type: z.literal('gallery'),
  images: z.array(pictureSchema).min(2, 'must have at least two images (one image is an image block)'),
  caption: text.optional(),
});
type GalleryRecord = z.infer<typeof schema>;

interface GalleryBlock { type: 'gallery'; pictures: Picture[]; caption?: string }
interface GalleryModel { type: 'gallery'; figures: FigureModel[]; caption?: string }

/**
 * Two columns from 30rem (each half the 40rem article less a 1rem gap on wide
 * screens), one column on small phones: the grid in site.css.
 */
const GALLERY_SIZES = '(min-width: 44rem) 19.5rem, (min-width: 30rem) calc(50vw - 1.5rem), calc(100vw - 2rem)';

const galleryRecord = (images: PictureRecord[], caption: string | undefined): GalleryRecord => ({ type: 'gallery', images, ...(caption && { caption }) });

export const gallery: BlockDefinition<'gallery', typeof schema, GalleryBlock, GalleryModel> = {
  type: 'gallery',
  schema,
  imagePaths: (record) => record.images.map((image) => image.src),
  shareStrings: (record, one) => {
    for (const image of record.images) image.src = one(image.src);
  },
  withImagePaths: (record, map) => {
    const images = record.images.flatMap((image) => {
      const src = map(image.src);
      return src ? [{ ...image, src }] : [];
    });
    const [only] = images;
    if (images.length >= 2) return galleryRecord(images.map((image) => pictureRecordOf(image.src, image)), record.caption);
    if (!only) return undefined;
    // One picture left: an image block, captioned by the gallery when it has no caption of its own.
    const caption = only.caption ?? record.caption;
    return { type: 'image', ...pictureRecordOf(only.src, { ...only, ...(caption && { caption }) }) };
  },
  resolve: (record, field, env) => {
    const pictures = record.images.map((image, i) => env.picture(`${field}.images[${i}]`, image));
    if (!pictures.every((picture): picture is Picture => picture !== undefined)) return undefined;
    return { type: 'gallery', pictures, ...(record.caption && { caption: record.caption }) };
  },
  pictures: (block) => block.pictures,
  canonical: (record) => galleryRecord(record.images.map((image) => pictureRecordOf(image.src, image)), record.caption),
  texts: (block, out) => {
    if (block.caption) out.push(plainInline(block.caption));
    for (const picture of block.pictures) if (picture.caption) out.push(plainInline(picture.caption));
  },
  feedHtml: (block, env) =>
    `<figure>${block.pictures.map((picture) => figureHtml(env.site, picture)).join('')}${block.caption ? `<figcaption>${escapeHtml(block.caption)}</figcaption>` : ''}</figure>`,
  model: (block) => ({
    type: 'gallery',
    figures: block.pictures.map((picture) => figureModel(picture, false, GALLERY_SIZES)),
    ...(block.caption && { caption: block.caption }),
  }),
};
