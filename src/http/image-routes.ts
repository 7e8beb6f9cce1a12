/**
 * GET /img/<fingerprint>-<width>.<avif|webp|jpg> and /img/<fingerprint>-og.jpg:
 * responsive variants of the images the content refers to. A name we do not
 * make (unknown picture, width we do not offer, wider than the original, other
 * format, anything with a slash) falls through to the 404 page and never
 * reaches the encoder. Variants are fingerprinted, so they are immutable.
 */
import type { Request, Response } from 'express';
import type { CatalogStore } from '../content/catalog';
import { imageRegistry } from '../content/image-registry';
import type { VariantStore } from '../images/generate';
import { CONTENT_TYPES, parseVariantName } from '../images/variants';
import type { Logger } from '../log';
import { cacheControlOf } from '../routes/table';
import type { RouteHandlers } from './mount-routes';
import type { KeyHeaderWriter } from './key-header';
import { IMAGES_KEY, keyOf } from '../cache-keys/scheme';

export interface ImageRouteDeps {
  store: CatalogStore;
  variants: VariantStore;
  logger: Logger;
  notFound: (req: Request, res: Response) => void;
  /** Prints surrogate keys (CACHE_KEY_HEADER); none when absent. */
  writeKeys?: KeyHeaderWriter;
}

/** The handler of the table's image-variant route (/img/:name). */
export function imageRouteHandlers(deps: ImageRouteDeps): RouteHandlers<'image-variant'> {
  const { store, variants, logger, notFound, writeKeys } = deps;
  const cacheControl = cacheControlOf('image-variant') as string;
  const serveVariant: RouteHandlers['image-variant'] = async (req, res, next) => {
    try {
      const registry = imageRegistry(store.current().content);
      const name = req.params.name as string;
      const parsed = parseVariantName(name, (hash) => registry.get(hash)?.width);
      const asset = parsed && registry.get(parsed.hash);
      if (!parsed || !asset) return notFound(req, res);
      let made: { file?: string; bytes?: Buffer };
      try {
        made = await variants.get(asset, parsed.variant);
      } catch (error) {
        // The original went missing or cannot be decoded after it was checked: the page around it still works.
        logger.warn({ err: error, image: asset.path, variant: name }, 'image variant could not be made');
        return notFound(req, res);
      }
      const contentType = parsed.variant.kind === 'og' ? CONTENT_TYPES.jpg : CONTENT_TYPES[parsed.variant.format];
      res.set({ 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: `"${name}"` });
      // A variant is keyed by its original's path: removing or replacing the original purges its variants too.
      writeKeys?.(res, [keyOf.image(asset.path), IMAGES_KEY]);
      if (made.bytes) return res.send(made.bytes);
      res.sendFile(made.file as string, { cacheControl: false, etag: false, lastModified: false, dotfiles: 'deny' }, (error) => {
        // A reader who navigates away mid-download (lazy images often) is not a server error.
        if (!error || (error as NodeJS.ErrnoException).code === 'ECONNABORTED' || req.destroyed) return;
        if (!res.headersSent) next(error);
      });
    } catch (error) {
      next(error);
    }
  };
  return { 'image-variant': serveVariant };
}
