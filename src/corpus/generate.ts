/**
 * A deterministic generator of a realistic corpus for benchmarks and scale
 * tests (`npm run corpus`, see docs/corpus.md).
 *
 * Everything comes from a seeded PRNG (mulberry32) and a fixed epoch, never
 * from the clock: the same options give the same records, byte for byte.
 * Each article draws from its own PRNG keyed on (seed, index), so articles can
 * be generated one at a time (`generateArticles`) without holding 100k records
 * in memory, and still come out identical to `generateCorpus`.
 *
 * The records follow docs/content.md and load with zero problems.
 *
 * This is the public entry: the CLI, scripts, benchmarks and tests import the
 * generator from here. Its parts live beside it, in the order they build on
 * each other: records.ts (types and fixed facts), random.ts (the PRNG and its
 * draws), words.ts (the vocabulary), text.ts (small text helpers), plan.ts
 * (what all articles share), sentences.ts (the sentence writer), articles.ts,
 * images.ts and write.ts (writing a corpus to a folder).
 */
export { articleFile, generateArticles, generateCorpus } from './articles';
export { renderImages } from './images';
export { corpusSizes, planCorpus, type CorpusPlan } from './plan';
export { mulberry32, type Rng } from './random';
export {
  AVATAR_COUNT,
  AVATAR_SIZE,
  avatarPath,
  CORPUS_END,
  CORPUS_START,
  EMBARGO_YEAR,
  IMAGE_DIR,
  LOGO_PATH,
  PHOTO_COUNT,
  PHOTO_SIZE,
  photoPath,
  type ArticleInput,
  type AuthorInput,
  type BlockInput,
  type Corpus,
  type CorpusOptions,
  type SiteInput,
  type SourceInput,
  type SourceRef,
} from './records';
export { slugify } from './text';
export { OutputNotEmptyError, writeCorpus, type WriteStats } from './write';
