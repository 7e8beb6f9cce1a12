/**
 * The corpus's record types (the loader's input shapes, docs/content.md) and
 * the fixed facts every part of the generator shares: the publishing window,
 * the embargo year, and the image set's sizes and paths. They sit in a module
 * of their own so the plan, the articles, the images and the writer can all
 * use them without importing each other.
 */
import type { z } from 'zod';
import type { articleSchema, authorSchema, blockSchema, siteSchema, SourceKind, sourceSchema } from '../content/schema';

export type SiteInput = z.input<typeof siteSchema>;
export type AuthorInput = z.input<typeof authorSchema>;
export type SourceInput = z.input<typeof sourceSchema>;
export type ArticleInput = z.input<typeof articleSchema>;
export type BlockInput = z.input<typeof blockSchema>;
export type SourceRef = NonNullable<ArticleInput['sources']>[number];

export interface CorpusOptions {
  /** Number of articles (a positive integer). */
  articles: number;
  /** PRNG seed, an unsigned 32-bit integer. */
  seed: number;
}

export interface Corpus {
  site: SiteInput;
  authors: AuthorInput[];
  sources: SourceInput[];
  articles: ArticleInput[];
}

/** The last moment of the (fixed, past) publishing window; articles spread over the 4 years before it. */
export const CORPUS_END = Date.UTC(2026, 9, 31, 0, 0, 0);
export const CORPUS_START = Date.UTC(2022, 9, 31, 0, 0, 0);
/** Embargoed articles are published at some moment of this year: far in the future. */
export const EMBARGO_YEAR = 2031;

export const PHOTO_COUNT = 24;
export const AVATAR_COUNT = 8;
export const PHOTO_SIZE = { width: 1200, height: 675 } as const;
export const AVATAR_SIZE = 400;
export const IMAGE_DIR = 'images/corpus';
export const LOGO_PATH = `${IMAGE_DIR}/logo.png`;

export const photoPath = (n: number): string => `${IMAGE_DIR}/photo-${String(n + 1).padStart(2, '0')}.jpg`;
export const avatarPath = (n: number): string => `${IMAGE_DIR}/avatar-${String(n + 1).padStart(2, '0')}.jpg`;
