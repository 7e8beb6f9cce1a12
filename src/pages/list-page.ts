/**
 * The shape author, source, tag and section pages share: a named list of
 * visible articles, newest first, paged by the shared rules, with its own
 * <head> (seo.ts) and a model of its own around the cards.
 */
import type { Article } from '../content/model';
import { articleCard, type ArticleCard } from './cards';
import type { PageContext, PageResult } from './context';
import { layoutModel, type LayoutModel } from './layout';
import { withPaging, type Pagination } from './paging';
import { withHead, type HeadModel, type PageHead } from './seo';
import { AnswerKeys } from '../cache-keys/scheme';

/** What every list page's model holds, besides its own fields. */
export interface ListPageModel {
  layout: LayoutModel;
  articleCount: number;
  articles: ArticleCard[];
  pagination: Pagination;
}

export interface ListPageSpec<E> {
  /** The list's own path ("/authors/ada-lane"); page N is "?page=N". */
  path: string;
  view: string;
  title: string;
  description: string;
  /** The nav item this page belongs to, when it has one (section pages). */
  currentNav?: string;
  articles: readonly Article[];
  /** Heading level of the cards' headlines: 2 where the page has no section heading above them. */
  headingLevel?: 2 | 3;
  head: (page: PageHead) => HeadModel;
  /** The page's own fields (name, bio…). */
  fields: E;
  /** The surrogate keys of the list itself and of what the page says about its owner (src/cache-keys/scheme.ts); the cards' keys are added here. */
  keys: string[];
  /** More about a card on this page (a source's relation). */
  decorate?: (card: ArticleCard, article: Article) => ArticleCard;
}

export function listPage<E extends object>(ctx: PageContext, rawPage: unknown, spec: ListPageSpec<E>): PageResult<ListPageModel & E> {
  const site = ctx.catalog.site;
  return withPaging(rawPage, spec.path, spec.articles, ({ items, pagination }) => {
    const layout = layoutModel(ctx, { title: spec.title, description: spec.description, path: spec.path, pagination, ...(spec.currentNav && { currentNav: spec.currentNav }) });
    const articles = items.map((article, i) => {
      const card = articleCard(site, article, 'list', i, spec.headingLevel ?? 3);
      return spec.decorate ? spec.decorate(card, article) : card;
    });
    return {
      kind: 'page',
      status: 200,
      view: spec.view,
      model: { ...spec.fields, layout: withHead(layout, spec.head), articleCount: spec.articles.length, articles, pagination },
      keys: new AnswerKeys().add(...spec.keys).cards(items).list(),
    };
  });
}
