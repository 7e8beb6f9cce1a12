/**
 * What a body block type is made of (docs/decisions/0009-layers-routes-blocks.md).
 * Each module in this folder defines one type end to end: its record schema
 * (the data contract), how its references resolve, its plain-text form
 * (search, feeds, excerpts), its feed HTML and its page model, which
 * views/partials/blocks/<type>.ejs prints. The registry (registry.ts) lists
 * them in order; nothing outside this folder switches over block types.
 *
 * Blocks sit below content/, pages/ and feeds/: what they need from those
 * layers comes in through the small environments declared here.
 */
import type { Text } from '../text/locale';
import type { z } from 'zod';
import type { HasBaseUrl } from '../routes/urls';
import type { Picture, PictureRecord } from './picture';

/** An image path's new path, or undefined when the image cannot be had. */
export type ImagePathMap = (src: string) => string | undefined;

/** What resolving a block may ask of the load in progress. */
export interface ResolveEnv {
  /** The probed picture a record names; undefined (with a problem recorded at `field`.src) when it cannot be had. */
  picture(field: string, record: PictureRecord): Picture | undefined;
  /** Whether an article with this slug is part of the content (promo targets). */
  hasArticle(slug: string): boolean;
  /** Records a problem at `field` (e.g. "body[3].href") and returns undefined. */
  fail(field: string, message: string): undefined;
}

/** What a page or a feed may be asked while a block is shown: only visible articles are linked. */
export interface ShowEnv {
  /** The site path of an article readers can see now, else undefined (a draft, an embargo, gone). */
  visibleArticlePath(slug: string): string | undefined;
  /** The words a block adds of its own ("Table", "Watch on YouTube"): the body's language's, else the site's. */
  text: Text;
}

export interface FeedEnv extends ShowEnv {
  site: HasBaseUrl;
}

export interface BlockDefinition<T extends string, S extends z.ZodObject, B extends { type: T }, M extends { type: T }> {
  type: T;
  /** The record as users write it: a strict object with `type: T`. */
  schema: S;
  /** Image paths the record names, probed before resolution. */
  imagePaths?(record: z.infer<S>): string[];
  /**
   * The record with every image path it names replaced by `map(src)` (the importer's
   * path rewriting). Where `map` gives undefined the picture is gone: each type says
   * what is left of the block then (maybe a block of another type), or undefined to drop it.
   */
  withImagePaths?(record: z.infer<S>, map: ImagePathMap): { type: string } | undefined;
  /** Shares repeated strings of a freshly parsed record (image paths) through `one`; see content/load.ts. */
  shareStrings?(record: z.infer<S>, one: (value: string) => string): void;
  /** The resolved block; undefined when a reference fails (the problem is recorded through env.fail/picture). */
  resolve(record: z.infer<S>, field: string, env: ResolveEnv): B | undefined;
  /** The pictures the resolved block shows. */
  pictures?(block: B): Picture[];
  /** Slugs of the articles whose visibility changes how the block is shown (a promo is linked only while its target is visible). */
  articleLinks?(block: B): string[];
  /** A record with everything that resolves the same written one way (defaults spelt out, fields in one order). */
  canonical(record: z.infer<S>): z.infer<S>;
  /** Its plain-text parts, for search, excerpts and feed summaries. */
  texts(block: B, out: string[]): void;
  /** Its HTML for feed readers: no classes, absolute links. */
  feedHtml(block: B, env: FeedEnv): string;
  /** What views/partials/blocks/<type>.ejs prints. */
  model(block: B, env: ShowEnv): M;
}
