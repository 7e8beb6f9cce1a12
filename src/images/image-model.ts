/**
 * An image as a page offers it to the browser: <picture> with AVIF, WebP and
 * JPEG variants, and where it sits in the layout (how wide it is shown, how
 * soon it loads). Pure functions of the asset; templates only print these.
 */
import type { ImageAsset } from './asset';
import { fallbackWidth, srcset, variantUrl } from './variants';

export interface ImageModel {
  /** The JPEG a browser without srcset support loads (a variant, not the original). */
  url: string;
  width: number;
  height: number;
  alt: string;
  /** srcset values per format, for <picture>. */
  srcset: { avif: string; webp: string; jpeg: string };
}

/** An image as <picture> prints it: AVIF, WebP and JPEG variants; width/height keep its box reserved while it loads. */
export function imageModel(asset: ImageAsset, alt: string): ImageModel {
  return {
    url: variantUrl(asset.hash, { kind: 'resize', width: fallbackWidth(asset.width), format: 'jpg' }),
    width: asset.width,
    height: asset.height,
    alt,
    srcset: { avif: srcset(asset.hash, asset.width, 'avif'), webp: srcset(asset.hash, asset.width, 'webp'), jpeg: srcset(asset.hash, asset.width, 'jpg') },
  };
}

/** "high": the page's lead image, fetched first; "eager": above the fold; "lazy": loaded when scrolled near. */
export type ImagePriority = 'high' | 'eager' | 'lazy';

/** An image placed in a layout: everything views/partials/picture.ejs prints. */
export interface PlacedImage {
  className: string;
  url: string;
  width: number;
  height: number;
  alt: string;
  /** How wide the image is shown (from the CSS), for every <source> and the <img>. */
  sizes: string;
  srcset: { avif: string; webp: string; jpeg?: string };
  fetchPriority?: 'high';
  loading?: 'lazy';
  decoding?: 'sync' | 'async';
}

export function placeImage(image: ImageModel, className: string, sizes: string, priority: ImagePriority): PlacedImage {
  const placed: PlacedImage = { className, url: image.url, width: image.width, height: image.height, alt: image.alt, sizes, srcset: image.srcset };
  if (priority === 'high') placed.fetchPriority = 'high';
  if (priority === 'lazy') placed.loading = 'lazy';
  placed.decoding = priority === 'high' ? 'sync' : 'async';
  return placed;
}
