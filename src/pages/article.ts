/**
 * The article page model: everything the article template prints, already
 * escaped-or-safe (inline HTML comes from renderInline), plus related stories.
 */
import type { BlockModel } from '../blocks/registry';
import { figureModel, type FigureModel } from '../blocks/picture';
import { byNewest, type Catalog } from '../content/catalog';
import { lastModified } from '../content/last-modified';
import type { Article, Source } from '../content/model';
import { imageModel, placeImage, type PlacedImage } from '../images/image-model';
import { urls } from '../routes/urls';
import { plainInline, renderInline } from '../text/inline';
import { nameSeparators } from '../text/names';
import { bodyModels } from './body';
import { articleCards, type ArticleCard } from './cards';
import type { PageContext, PageResult } from './context';
import { formatDate, languageOf, type DateModel } from './dates';
import { directionOf, type Direction } from './direction';
import { layoutModel, type LayoutModel } from './layout';
import { articleHead, withHead } from './seo';
import { AnswerKeys } from '../cache-keys/scheme';

export interface AuthorByline {
  /** Printed before the name in the byline: "", ", " or " and ". */
  separator: string;
  name: string;
  url: string;
  role?: string;
  bio?: string;
  avatar?: PlacedImage;
}

export interface SourceItem {
  name: string;
  url: string;
  kind?: string;
  /** The cited piece's own address, when the record gives one. */
  originalUrl?: string;
  /** The source's home page. */
  siteUrl?: string;
}

/** A correction notice as printed: its date, and its text as safe inline HTML (renderInline). */
export interface CorrectionItem {
  date: DateModel;
  html: string;
}

export interface ArticleModel {
  layout: LayoutModel;
  headline: string;
  standfirst: string;
  /** Set when the article is not in the site's language: lang/dir on the <article>. */
  lang?: string;
  dir?: Direction;
  /** Then the site's own words around it (byline, dates, sources, tags) keep the site's language and direction. */
  ui?: { lang: string; dir: Direction };
  section: { name: string; url: string };
  authors: AuthorByline[];
  published: DateModel;
  /** The "Updated" date: the later of updatedAt and the latest correction, when it differs from publication. */
  updated?: DateModel;
  /** Correction and update notices, oldest first; empty when there are none. */
  corrections: CorrectionItem[];
  /** The site's list of every correction (/corrections), linked from the notice. */
  correctionsUrl: string;
  image?: FigureModel;
  blocks: BlockModel[];
  origin?: SourceItem;
  sources: SourceItem[];
  tags: { name: string; url: string }[];
  related: ArticleCard[];
}

const RELATED_COUNT = 4;
/** How many of the newest articles per shared tag/source/author are weighed for "related". */
const RELATED_CANDIDATES_PER_KEY = 50;

function sourceItem(source: Source, originalUrl?: string): SourceItem {
  return {
    name: source.name,
    url: urls.source(source.slug),
    ...(source.kind && { kind: source.kind }),
    ...(originalUrl && { originalUrl }),
    ...(source.url && { siteUrl: source.url }),
  };
}

/** Whether `a` (scored `sa`) ranks above `b` (scored `sb`) among related stories: higher score, then newer. */
function ranksAbove(a: Article, sa: number, b: Article, sb: number): boolean {
  return sa !== sb ? sa > sb : byNewest(a, b) < 0;
}

/**
 * Related stories: shared tags weigh most, then shared sources, then a shared author; newer wins ties.
 * The best `count` are kept as they are found (no sort of every candidate): the purge side weighs
 * thousands of articles' related stories after a change (src/purge/diff.ts).
 */
export function relatedArticles(catalog: Catalog, article: Article, count = RELATED_COUNT): Article[] {
  const scores = new Map<Article, number>();
  const weigh = (list: readonly Article[] | undefined, weight: number) => {
    if (!list) return;
    const end = Math.min(list.length, RELATED_CANDIDATES_PER_KEY);
    for (let i = 0; i < end; i++) {
      const other = list[i] as Article;
      if (other !== article) scores.set(other, (scores.get(other) ?? 0) + weight);
    }
  };
  for (const tag of article.tags) weigh(catalog.articlesByTag.get(tag.slug), 3);
  for (const citation of article.citations) weigh(catalog.articlesBySource.get(citation.source.slug), 2);
  if (article.origin) weigh(catalog.articlesBySource.get(article.origin.slug), 2);
  for (const author of article.authors) weigh(catalog.articlesByAuthor.get(author.slug), 1);
  weigh(catalog.articlesBySection.get(article.section.slug), 1);
  const best: Article[] = [];
  const bestScores: number[] = [];
  for (const [other, score] of scores) {
    let at = best.length;
    while (at > 0 && ranksAbove(other, score, best[at - 1] as Article, bestScores[at - 1] as number)) at--;
    if (at >= count) continue;
    best.splice(at, 0, other);
    bestScores.splice(at, 0, score);
    if (best.length > count) {
      best.pop();
      bestScores.pop();
    }
  }
  return best;
}

export function articlePage(ctx: PageContext, slug: string): PageResult<ArticleModel> {
  const { catalog } = ctx;
  const article = catalog.articleBySlug.get(slug);
  if (!article) return { kind: 'not-found' };
  const site = catalog.site;
  const separators = nameSeparators(article.authors.length);
  const language = languageOf(site, article.language);
  const modified = lastModified(article);
  const related = relatedArticles(catalog, article);
  const model: ArticleModel = {
    layout: withHead(
      layoutModel(ctx, {
        title: article.headline,
        description: plainInline(article.standfirst),
        path: urls.article(article.slug),
        currentNav: urls.section(article.section.slug),
      }),
      (page) => articleHead(catalog, article, page),
    ),
    headline: article.headline,
    standfirst: plainInline(article.standfirst),
    ...language,
    ...(language.lang && { ui: { lang: site.language, dir: directionOf(site.language) } }),
    section: { name: article.section.name, url: urls.section(article.section.slug) },
    authors: article.authors.map((author, i) => ({
      separator: separators[i] as string,
      name: author.name,
      url: urls.author(author.slug),
      ...(author.role && { role: author.role }),
      ...(author.bio && { bio: author.bio }),
      ...(author.avatar && { avatar: placeImage(imageModel(author.avatar, ''), 'author-card__avatar', '96px', 'lazy') }),
    })),
    published: formatDate(site, article.publishedAt),
    ...(modified.getTime() !== article.publishedAt.getTime() && { updated: formatDate(site, modified) }),
    corrections: (article.corrections ?? []).map((c) => ({ date: formatDate(site, c.at), html: renderInline(c.text) })),
    correctionsUrl: urls.corrections(),
    ...(article.image && { image: figureModel(article.image, true) }),
    blocks: bodyModels(catalog, article.body),
    ...(article.origin && { origin: sourceItem(article.origin) }),
    sources: article.citations.map((c) => sourceItem(c.source, c.url)),
    tags: article.tags.map((tag) => ({ name: tag.name, url: urls.tag(tag.slug) })),
    related: articleCards(site, related, 'compact'),
  };
  return { kind: 'page', status: 200, view: 'article', model, keys: new AnswerKeys().article(article).cards(related).list() };
}

