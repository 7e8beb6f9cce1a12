/**
 * Every body block type, in order, and the functions the rest of the code
 * calls on a block of any type: the one dispatcher. Adding a block type is a
 * module in this folder, a line in BLOCKS and views/partials/blocks/<type>.ejs
 * (docs/decisions/0009-layers-routes-blocks.md shows one).
 */
import { z } from 'zod';
import { code } from './code';
import { divider } from './divider';
import { embed } from './embed';
import { gallery } from './gallery';
import { heading } from './heading';
import { image } from './image';
import { list } from './list';
import { paragraph } from './paragraph';
import { promo } from './promo';
import { quote } from './quote';
import { table } from './table';
import { pictureOf, type Picture } from './picture';
import type { FeedEnv, ImagePathMap, ResolveEnv, ShowEnv } from './types';

export const BLOCKS = [paragraph, heading, image, list, quote, promo, table, embed, code, divider, gallery] as const;

type Definition = (typeof BLOCKS)[number];
type Schema = Definition['schema'];

/** A block as a record writes it (what blockSchema accepts). */
export type BlockRecord = z.infer<Schema>;
/** A block once its references are resolved: what the catalog holds. */
export type Block = NonNullable<ReturnType<Definition['resolve']>>;
/** A block as its partial prints it. */
export type BlockModel = ReturnType<Definition['model']>;
export type BlockType = Definition['type'];

export const blockSchema = z.discriminatedUnion('type', BLOCKS.map((definition) => definition.schema) as unknown as [Schema, ...Schema[]]);

/**
 * Each definition with its types erased: the registry guarantees that a
 * block of type T only ever meets the definition of T, which TypeScript
 * cannot follow through a lookup by a runtime string.
 */
interface AnyDefinition {
  imagePaths?(record: BlockRecord): string[];
  withImagePaths?(record: BlockRecord, map: ImagePathMap): BlockRecord | undefined;
  shareStrings?(record: BlockRecord, one: (value: string) => string): void;
  resolve(record: BlockRecord, field: string, env: ResolveEnv): Block | undefined;
  pictures?(block: Block): Picture[];
  articleLinks?(block: Block): string[];
  canonical(record: BlockRecord): BlockRecord;
  texts(block: Block, out: string[]): void;
  feedHtml(block: Block, env: FeedEnv): string;
  model(block: Block, env: ShowEnv): BlockModel;
}

const byType = new Map<string, AnyDefinition>(BLOCKS.map((definition) => [definition.type, definition as unknown as AnyDefinition]));

function definitionOf(type: string): AnyDefinition {
  const definition = byType.get(type);
  if (!definition) throw new Error(`no block type "${type}" in src/blocks/registry.ts`);
  return definition;
}

export function blockImagePaths(record: BlockRecord): string[] {
  return definitionOf(record.type).imagePaths?.(record) ?? [];
}

/**
 * The record with every image path replaced by `map(src)`. Where `map` gives
 * undefined: an image block becomes a text-only figure (when it has a caption or
 * credit) or is dropped, a gallery loses that image (one left: an image block;
 * none: dropped), an embed loses its thumbnail. Undefined means: drop the block.
 */
export function blockWithImagePaths(record: BlockRecord, map: ImagePathMap): BlockRecord | undefined {
  const definition = definitionOf(record.type);
  return definition.withImagePaths ? definition.withImagePaths(record, map) : record;
}

export function shareBlockStrings(record: BlockRecord, one: (value: string) => string): void {
  definitionOf(record.type).shareStrings?.(record, one);
}

export function resolveBlock(record: BlockRecord, field: string, env: ResolveEnv): Block | undefined {
  return definitionOf(record.type).resolve(record, field, env);
}

export function canonicalBlock(record: BlockRecord): BlockRecord {
  return definitionOf(record.type).canonical(record);
}

/** Appends the block's plain-text parts to `out`. */
export function blockTexts(block: Block, out: string[]): void {
  definitionOf(block.type).texts(block, out);
}

/**
 * A resolve environment that grants every picture (as an unprobed stand-in
 * asset) and every linked article, telling `asked` what was looked up: for
 * what a record holds (its words, the images and articles it needs) without
 * image probes or a catalog.
 */
export function grantingEverything(asked: { picture?(src: string): void; article?(slug: string): void } = {}): ResolveEnv {
  return {
    picture: (_field, record) => {
      asked.picture?.(record.src);
      return pictureOf({ path: record.src, url: '', width: 1, height: 1, hash: '' }, record);
    },
    hasArticle: (slug) => {
      asked.article?.(slug);
      return true;
    },
    fail: () => undefined,
  };
}

/**
 * Resolving for the words only. A block's texts never depend on what its
 * references resolve to (a picture's caption is its record's), so a record's
 * texts need no image probes and no catalog: the search index's worker
 * thread has neither.
 */
const WORDS_ONLY = grantingEverything();

/** Appends the plain-text parts of a checked block record to `out`: blockTexts of the block it resolves to. */
export function recordTexts(record: BlockRecord, out: string[]): void {
  const block = resolveBlock(record, '', WORDS_ONLY);
  if (block) blockTexts(block, out);
}

export function blockFeedHtml(block: Block, env: FeedEnv): string {
  return definitionOf(block.type).feedHtml(block, env);
}

export function blockModel(block: Block, env: ShowEnv): BlockModel {
  return definitionOf(block.type).model(block, env);
}

/** Every picture a resolved block shows (the image registry serves variants of these only). */
export function blockPictures(block: Block): Picture[] {
  return definitionOf(block.type).pictures?.(block) ?? [];
}

/** Slugs of the articles whose visibility changes how the block is shown (the purge side watches them: src/purge/fingerprints.ts). */
export function blockArticleLinks(block: Block): string[] {
  return definitionOf(block.type).articleLinks?.(block) ?? [];
}
