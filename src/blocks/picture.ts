/**
 * A picture: an image file with its alt text, caption and credit. The image
 * block, an article's main image and anything else that shows a figure share
 * its record fields, its resolved form and its figure (page and feed).
 */
import { z } from 'zod';
import { imagePath, text } from '../fields';
import type { ImageAsset } from '../images/asset';
import { imageModel, placeImage, type ImagePriority, type PlacedImage } from '../images/image-model';
import { absoluteUrl, type HasBaseUrl } from '../routes/urls';
import { escapeHtml } from '../text/inline';

export const pictureFields = {
  src: imagePath,
  alt: z.string({ message: 'is required: describe the image for people who cannot see it' }).trim().min(1, 'must describe the image (alt text is required)'),
  caption: text.optional(),
  credit: text.optional(),
};

export const pictureSchema = z.strictObject(pictureFields);
export type PictureRecord = z.infer<typeof pictureSchema>;

export interface Picture {
  asset: ImageAsset;
  alt: string;
  caption?: string;
  credit?: string;
}

/** A picture's record fields in canonical order, from any object carrying them. */
export function pictureRecordOf(src: string, picture: { alt: string; caption?: string; credit?: string }): PictureRecord {
  return { src, alt: picture.alt, ...(picture.caption && { caption: picture.caption }), ...(picture.credit && { credit: picture.credit }) };
}

/** The picture a record names, once its image is probed. */
export function pictureOf(asset: ImageAsset, record: PictureRecord): Picture {
  return { asset, alt: record.alt, ...(record.caption && { caption: record.caption }), ...(record.credit && { credit: record.credit }) };
}

export interface FigureModel {
  image: PlacedImage;
  /** The main image of a page: loaded first, styled as the lead. */
  lead: boolean;
  caption?: string;
  credit?: string;
}

/** Figures are shown at the article's width: 40rem, less the page padding on phones. */
const FIGURE_SIZES = '(min-width: 44rem) 40rem, calc(100vw - 2rem)';

/** `sizes`: how wide the figure is shown, when not at the article's width (a gallery's grid). */
export function figureModel(picture: Picture, lead: boolean, sizes = FIGURE_SIZES): FigureModel {
  const priority: ImagePriority = lead ? 'high' : 'lazy';
  return {
    image: placeImage(imageModel(picture.asset, picture.alt), 'figure__image', sizes, priority),
    lead,
    ...(picture.caption && { caption: picture.caption }),
    ...(picture.credit && { credit: picture.credit }),
  };
}

/** A figure for feed readers: the original image, absolute, with caption and credit as one line. */
export function figureHtml(site: HasBaseUrl, picture: Picture): string {
  const { asset } = picture;
  const caption = feedCaption(picture);
  const img = `<img src="${escapeHtml(absoluteUrl(site, asset.url))}" alt="${escapeHtml(picture.alt)}" width="${asset.width}" height="${asset.height}">`;
  return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** A caption and a credit as one line of escaped text, for feed readers: "The quay — Photo: A. Name". */
export function feedCaption(words: { caption?: string; credit?: string }): string {
  return [words.caption, words.credit].filter((part): part is string => !!part).map(escapeHtml).join(' — ');
}
