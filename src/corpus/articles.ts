/**
 * The articles: one article from its own PRNG, keyed on (seed, index), and the
 * stream of them in index order, which is what lets a large corpus be written
 * one article at a time and still equal `generateCorpus`. Also the file an
 * article is written to.
 */
import { planCorpus, type CorpusPlan } from './plan';
import { chance, cumulativeOf, int, mix, mulberry32, pick, pickCumulative, STREAM, type Rng } from './random';
import { CORPUS_END, CORPUS_START, EMBARGO_YEAR, PHOTO_COUNT, photoPath, type ArticleInput, type BlockInput, type Corpus, type CorpusOptions, type SourceRef } from './records';
import { Writer } from './sentences';
import { capitalise, iso, slugify } from './text';
import { HEADING_TEMPLATES, PHOTO_SUBJECTS, PROMO_LABELS, ROLES, SECTION_TABLE, SECTIONS, VERBS } from './words';

/** How far back a promo may link: only this many earlier slugs are kept, so a million articles cost no more memory than a thousand. */
const PROMO_LOOKBACK = 500;

interface ArticleContext {
  /** Slugs of the last PROMO_LOOKBACK articles, at index % PROMO_LOOKBACK (promo targets). */
  recentSlugs: string[];
  /** Round-robin counter over the photo set. */
  photo: number;
}

function pickDistinct(rng: Rng, table: Float64Array, count: number, exclude?: number): number[] {
  const out: number[] = [];
  const limit = Math.min(count, table.length - (exclude === undefined ? 0 : 1));
  for (let guard = 0; out.length < limit && guard < count * 50; guard += 1) {
    const i = pickCumulative(rng, table);
    if (i !== exclude && !out.includes(i)) out.push(i);
  }
  return out;
}

function generateArticle(plan: CorpusPlan, index: number, ctx: ArticleContext): ArticleInput {
  const rng = mulberry32(mix(mix(plan.options.seed, STREAM.article), index));
  const w = new Writer(rng, plan);
  const n = plan.options.articles;

  const headline = w.headline();
  const slug = `${slugify(headline).split('-').slice(0, 7).join('-')}-${index + 1}`;
  const standfirst = w.standfirst();
  const section = (SECTIONS[pickCumulative(rng, SECTION_TABLE)] as (typeof SECTIONS)[number]).slug;

  const tagCount = pick(rng, [2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6]);
  const tags = pickDistinct(rng, plan.tagTable, tagCount).map((i) => plan.tags[i] as string);
  const authors = pickDistinct(rng, plan.authorTable, chance(rng, 0.1) ? 2 : 1).map((i) => plan.authors[i]?.slug as string);

  const origin = chance(rng, 0.3) ? pick(rng, plan.originCandidates) : undefined;
  const citeCount = pickCumulative(rng, CITE_TABLE);
  const citations = pickDistinct(rng, plan.sourceTable, citeCount, origin).map((i): SourceRef => {
    const source = plan.sources[i]?.slug as string;
    const roll = rng();
    if (roll < 0.3) return { source, url: `https://example.org/${source}/${slugify(w.object()).slice(0, 40)}-${int(rng, 1, 99999)}` };
    if (roll < 0.32) return { source };
    return source;
  });

  let publishedMs: number;
  if (plan.embargoed.has(index)) publishedMs = Date.UTC(EMBARGO_YEAR, 0, 1) + rng() * 364 * 86400000;
  else publishedMs = CORPUS_START + ((index + rng()) / n) * (CORPUS_END - CORPUS_START);
  const publishedAt = iso(publishedMs);
  const updatedAt = !plan.embargoed.has(index) && chance(rng, 0.2) ? iso(publishedMs + int(rng, 10, 4320) * 60000) : undefined;

  const nextPhoto = (): string => photoPath(ctx.photo++ % PHOTO_COUNT);
  const image = chance(rng, 0.9) ? { src: nextPhoto(), alt: capitalise(pick(rng, PHOTO_SUBJECTS)), ...(chance(rng, 0.7) && { caption: capitalise(w.text(1, slug, false)) }), credit: w.photoCredit() } : undefined;

  const blockCount = 8 + Math.floor(23 * Math.pow(rng(), 3.5));
  const body: BlockInput[] = [];
  const hint = slug.split('-').slice(0, 3).join('-');
  for (let b = 0; b < blockCount; b += 1) {
    const previous = body[body.length - 1]?.type;
    const roll = b < 2 || b === blockCount - 1 ? 0 : rng();
    if (roll < 0.7 || (previous === 'heading' && roll < 0.9)) {
      body.push({ type: 'paragraph', text: w.text(int(rng, 24, 58), hint, true) });
    } else if (roll < 0.8) {
      body.push({ type: 'heading', text: pick(rng, HEADING_TEMPLATES)(rng, w.place()) });
    } else if (roll < 0.85) {
      const items = Array.from({ length: int(rng, 2, 6) }, () => w.decorate(w.sentence(), hint));
      body.push({ type: 'list', items, ...(chance(rng, 0.3) && { ordered: true }) });
    } else if (roll < 0.91) {
      const quote = `We ${pick(rng, VERBS)[0]} ${w.object()} because ${w.sentence().replace(/^./, (c) => c.toLowerCase())}`;
      body.push({ type: 'quote', text: quote, ...(chance(rng, 0.85) && { attribution: `${w.person()}, ${pick(rng, ROLES).toLowerCase()}` }) });
    } else if (roll < 0.96) {
      body.push({ type: 'image', src: nextPhoto(), alt: capitalise(pick(rng, PHOTO_SUBJECTS)), ...(chance(rng, 0.8) && { caption: capitalise(w.text(1, hint, false)) }), credit: w.photoCredit() });
    } else {
      const label = chance(rng, 0.8) ? pick(rng, PROMO_LABELS) : undefined;
      const target = index > 0 && chance(rng, 0.7) ? ctx.recentSlugs[Math.max(0, index - 1 - Math.floor(rng() * Math.min(index, PROMO_LOOKBACK))) % PROMO_LOOKBACK] : undefined;
      body.push({ type: 'promo', text: w.headline(), ...(label && { label }), ...(target && { href: `/articles/${target}` }) });
    }
  }

  return {
    slug,
    headline,
    standfirst,
    section,
    tags,
    authors,
    ...(origin !== undefined && { origin: plan.sources[origin]?.slug as string }),
    ...(citations.length > 0 && { sources: citations }),
    publishedAt,
    ...(updatedAt && { updatedAt }),
    status: plan.drafts.has(index) ? 'draft' : 'published',
    ...(image && { image }),
    body,
  };
}

const CITE_TABLE = cumulativeOf([15, 25, 25, 15, 10, 6, 4]);

/** Yields the articles one by one, in index order (oldest first, apart from the embargoed ones). */
export function* generateArticles(plan: CorpusPlan): Generator<ArticleInput> {
  const ctx: ArticleContext = { recentSlugs: [], photo: 0 };
  for (let i = 0; i < plan.options.articles; i += 1) {
    const article = generateArticle(plan, i, ctx);
    ctx.recentSlugs[i % PROMO_LOOKBACK] = article.slug;
    yield article;
  }
}

/** The whole corpus in memory: convenient for tests and small corpora. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const plan = planCorpus(options);
  return { site: plan.site, authors: plan.authors, sources: plan.sources, articles: [...generateArticles(plan)] };
}

/** The file an article is written to: a folder per year of publication. */
export function articleFile(article: ArticleInput): string {
  return `articles/${article.publishedAt.slice(0, 4)}/${article.slug}.json`;
}
