/**
 * The article page model: everything the article template prints, already
 * escaped-or-safe (inline HTML comes from renderInline), plus related stories.
 */
import { byNewest, type Catalog } from '../content/catalog';
import type { Article, Block, Picture, Source } from '../content/model';
import { articleCard, formatDate, imageModel, languageOf, layoutModel, type ArticleCard, type DateModel, type ImageModel, type LayoutModel, type PageContext, type PageResult } from './common';
import { urls } from '../routes/urls';
import { directionOf, type Direction } from './direction';
import { plainInline, renderInline } from '../text/inline';
import { articleHead, withHead } from './seo';

export interface FigureModel {
  image: ImageModel;
  caption?: string;
  credit?: string;
}

/** Body blocks as the templates print them; `html` fields are safe HTML from renderInline. */
export type BlockModel =
  | { type: 'paragraph'; html: string }
  | { type: 'heading'; text: string; id: string }
  | { type: 'image'; figure: FigureModel }
  | { type: 'list'; ordered: boolean; itemsHtml: string[] }
  | { type: 'quote'; html: string; attribution?: string }
  | { type: 'promo'; label?: string; text: string; url?: string };

export interface AuthorByline {
  name: string;
  url: string;
  role?: string;
  bio?: string;
  avatar?: ImageModel;
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
  updated?: DateModel;
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

/** Stable, readable ids for headings so a reader can link to a part of a story. */
function headingId(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function blockModel(catalog: Catalog, block: Block, usedIds: Set<string>): BlockModel {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', html: renderInline(block.text) };
    case 'heading':
      return { type: 'heading', text: plainInline(block.text), id: headingId(plainInline(block.text), usedIds) };
    case 'image':
      return { type: 'image', figure: figureModel(block.picture) };
    case 'list':
      return { type: 'list', ordered: block.ordered, itemsHtml: block.items.map(renderInline) };
    case 'quote':
      return { type: 'quote', html: renderInline(block.text), ...(block.attribution && { attribution: block.attribution }) };
    case 'promo': {
      // A promo to an article readers cannot see (a draft, an embargo) shows as text, never as a link to a 404.
      const target = block.targetSlug ? catalog.articleBySlug.get(block.targetSlug) : undefined;
      return { type: 'promo', text: block.text, ...(block.label && { label: block.label }), ...(target && { url: urls.article(target.slug) }) };
    }
  }
}

function figureModel(picture: Picture): FigureModel {
  return {
    image: imageModel(picture.asset, picture.alt),
    ...(picture.caption && { caption: picture.caption }),
    ...(picture.credit && { credit: picture.credit }),
  };
}

function sourceItem(source: Source, originalUrl?: string): SourceItem {
  return {
    name: source.name,
    url: urls.source(source.slug),
    ...(source.kind && { kind: source.kind }),
    ...(originalUrl && { originalUrl }),
    ...(source.url && { siteUrl: source.url }),
  };
}

/** Related stories: shared tags weigh most, then shared sources, then a shared author; newer wins ties. */
export function relatedArticles(catalog: Catalog, article: Article, count = RELATED_COUNT): Article[] {
  const scores = new Map<Article, number>();
  const weigh = (list: readonly Article[] | undefined, weight: number) => {
    if (!list) return;
    for (const other of list.slice(0, RELATED_CANDIDATES_PER_KEY)) {
      if (other !== article) scores.set(other, (scores.get(other) ?? 0) + weight);
    }
  };
  for (const tag of article.tags) weigh(catalog.articlesByTag.get(tag.slug), 3);
  for (const citation of article.citations) weigh(catalog.articlesBySource.get(citation.source.slug), 2);
  if (article.origin) weigh(catalog.articlesBySource.get(article.origin.slug), 2);
  for (const author of article.authors) weigh(catalog.articlesByAuthor.get(author.slug), 1);
  weigh(catalog.articlesBySection.get(article.section.slug), 1);
  return [...scores.entries()]
    .sort(([a, sa], [b, sb]) => sb - sa || byNewest(a, b))
    .slice(0, count)
    .map(([other]) => other);
}

export function articlePage(ctx: PageContext, slug: string): PageResult<ArticleModel> {
  const { catalog } = ctx;
  const article = catalog.articleBySlug.get(slug);
  if (!article) return { kind: 'not-found' };
  const site = catalog.site;
  const usedIds = new Set<string>();
  const language = languageOf(site, article.language);
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
    authors: article.authors.map((author) => ({
      name: author.name,
      url: urls.author(author.slug),
      ...(author.role && { role: author.role }),
      ...(author.bio && { bio: author.bio }),
      ...(author.avatar && { avatar: imageModel(author.avatar, '') }),
    })),
    published: formatDate(site, article.publishedAt),
    ...(article.updatedAt && article.updatedAt.getTime() !== article.publishedAt.getTime() && { updated: formatDate(site, article.updatedAt) }),
    ...(article.image && { image: figureModel(article.image) }),
    blocks: article.body.map((block) => blockModel(catalog, block, usedIds)),
    ...(article.origin && { origin: sourceItem(article.origin) }),
    sources: article.citations.map((c) => sourceItem(c.source, c.url)),
    tags: article.tags.map((tag) => ({ name: tag.name, url: urls.tag(tag.slug) })),
    related: relatedArticles(catalog, article).map((a) => articleCard(site, a)),
  };
  return { kind: 'page', status: 200, view: 'article', model };
}

