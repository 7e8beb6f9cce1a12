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
import { itemText, siteText, type Text } from '../text/locale';
import { bodyModels } from './body';
import { articleCards, type ArticleCard } from './cards';
import type { PageContext, PageResult } from './context';
import { formatDate, languageOf, type DateModel } from './dates';
import { directionOf, type Direction } from './direction';
import { layoutModel, type LayoutModel } from './layout';
import { articleHead, withHead } from './seo';
import { AnswerKeys } from '../cache-keys/scheme';

/**
 * The words the article shows around its own content (byline, dates, origin,
 * corrections, sources, tags): in the article's language when a locale ships
 * for it, else in the site's.
 */
export interface ArticleLabels {
  /** Around the author links: "By " … "". */
  byline: { before: string; after: string };
  published: string;
  updated: string;
  adaptedFrom: string;
  corrections: string;
  allCorrections: string;
  sources: string;
  /** Around the origin's link: "This story was adapted from " … ".". */
  adaptedFromSentence: { before: string; after: string };
  website: string;
  originalReport: string;
  tags: string;
}

export interface AuthorByline {
  /** Printed before the name in the byline: "", ", " or " and ". */
  separator: string;
  name: string;
  url: string;
  role?: string;
  bio?: string;
  avatar?: PlacedImage;
  /** The author card's accessible name, in the site's words (the card is the site's content): "About Ada Lane". */
  aboutLabel: string;
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
  /** Then the site's own content inside it (the section's name, tag names, author cards) keeps the site's language and direction. */
  ui?: { lang: string; dir: Direction };
  /**
   * The language of the labels' regions (byline and dates, corrections, sources, tags) when it is not the
   * article's: set when no locale ships for the article's language, so its labels are the site's.
   */
  labelsLang?: { lang: string; dir: Direction };
  labels: ArticleLabels;
  /** "Related stories": outside the article, in the site's words. */
  relatedHeading: string;
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
  /** Set only on a signed preview (preview.ts): the banner saying the story is not (or already) published. */
  preview?: PreviewNotice;
}

/** The banner above a previewed article: every word of it is here, so templates only print it. */
export interface PreviewNotice {
  /** "Preview: not published", or "Preview: published" for a story already live. */
  label: string;
  /** What follows the label: "This is a draft.", "Scheduled for", "This story is live:". */
  text: string;
  /** When an embargoed story becomes visible, printed after `text` in a <time>. */
  scheduled?: DateModel;
  /** The public page of a story already live. */
  link?: { text: string; url: string };
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

function articleLabels(text: Text): ArticleLabels {
  return {
    byline: text.around('article.byline', 'names'),
    published: text.t('article.published'),
    updated: text.t('article.updated'),
    adaptedFrom: text.t('article.adaptedFrom'),
    corrections: text.t('article.corrections'),
    allCorrections: text.t('article.allCorrections'),
    sources: text.t('article.sources'),
    adaptedFromSentence: text.around('article.adaptedFromSentence', 'origin'),
    website: text.t('article.website'),
    originalReport: text.t('article.originalReport'),
    tags: text.t('article.tags'),
  };
}

export function articlePage(ctx: PageContext, slug: string): PageResult<ArticleModel> {
  const article = ctx.catalog.articleBySlug.get(slug);
  if (!article) return { kind: 'not-found' };
  const related = relatedArticles(ctx.catalog, article);
  return { kind: 'page', status: 200, view: 'article', model: articleModel(ctx, article, related), keys: new AnswerKeys().article(article).cards(related).list() };
}

/**
 * The model of one article's page, visible or not: the article route passes
 * only visible ones; a signed preview (preview.ts) passes any, so a draft
 * looks exactly as it will once published.
 */
export function articleModel(ctx: PageContext, article: Article, related: readonly Article[] = relatedArticles(ctx.catalog, article)): ArticleModel {
  const { catalog } = ctx;
  const site = catalog.site;
  const language = languageOf(site, article.language);
  const text = itemText(site, article.language);
  const separators = text.separators(article.authors.length);
  const ui = language.lang ? { lang: site.language, dir: directionOf(site.language) } : undefined;
  // The labels are the site's when no locale ships for the article's language; their regions then say so.
  const labelsLang = ui && text === siteText(site) ? ui : undefined;
  const date = (at: Date) => formatDate(site, at, text.intlLocale);
  const modified = lastModified(article);
  return {
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
    ...(ui && { ui }),
    ...(labelsLang && { labelsLang }),
    labels: articleLabels(text),
    relatedHeading: siteText(site).t('article.related'),
    section: { name: article.section.name, url: urls.section(article.section.slug) },
    authors: article.authors.map((author, i) => ({
      separator: separators[i] as string,
      name: author.name,
      url: urls.author(author.slug),
      ...(author.role && { role: author.role }),
      ...(author.bio && { bio: author.bio }),
      ...(author.avatar && { avatar: placeImage(imageModel(author.avatar, ''), 'author-card__avatar', '96px', 'lazy') }),
      // The author card is the site's own content (name, role, bio): named in the site's words.
      aboutLabel: siteText(site).t('article.aboutAuthor', { name: author.name }),
    })),
    published: date(article.publishedAt),
    ...(modified.getTime() !== article.publishedAt.getTime() && { updated: date(modified) }),
    corrections: (article.corrections ?? []).map((c) => ({ date: date(c.at), html: renderInline(c.text) })),
    correctionsUrl: urls.corrections(),
    ...(article.image && { image: figureModel(article.image, true) }),
    blocks: bodyModels(catalog, catalog.content.bodies.blocks(article.body), text),
    ...(article.origin && { origin: sourceItem(article.origin) }),
    sources: article.citations.map((c) => sourceItem(c.source, c.url)),
    tags: article.tags.map((tag) => ({ name: tag.name, url: urls.tag(tag.slug) })),
    related: articleCards(site, related, 'compact'),
  };
}

