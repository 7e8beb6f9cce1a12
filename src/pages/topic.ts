/** Tag and section pages: a named list of articles, paged. */
import { articleCard, layoutModel, withPaging, type ArticleCard, type LayoutModel, type PageContext, type PageResult, type Pagination } from './common';
import { urls } from '../routes/urls';
import { sectionHead, tagHead, withHead } from './seo';

export interface TopicModel {
  layout: LayoutModel;
  kind: 'Tag' | 'Section';
  name: string;
  description?: string;
  articleCount: number;
  articles: ArticleCard[];
  pagination: Pagination;
}

export function tagPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<TopicModel> {
  const { catalog } = ctx;
  const tag = catalog.tags.get(slug);
  if (!tag) return { kind: 'not-found' }; // a tag exists only while a visible article carries it
  const path = urls.tag(slug);
  const articles = catalog.articlesByTag.get(slug) ?? [];
  return withPaging(rawPage, path, articles, ({ items, pagination }) => ({
    kind: 'page',
    status: 200,
    view: 'topic',
    model: {
      layout: withHead(layoutModel(ctx, { title: tag.name, description: `Articles tagged “${tag.name}” on ${catalog.site.name}.`, path, pagination }), (page) => tagHead(catalog, tag, page)),
      kind: 'Tag',
      name: tag.name,
      articleCount: articles.length,
      articles: items.map((a) => articleCard(catalog.site, a)),
      pagination,
    },
  }));
}

export function sectionPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<TopicModel> {
  const { catalog } = ctx;
  const section = catalog.sections.get(slug);
  if (!section) return { kind: 'not-found' };
  const path = urls.section(slug);
  const articles = catalog.articlesBySection.get(slug) ?? [];
  return withPaging(rawPage, path, articles, ({ items, pagination }) => ({
    kind: 'page',
    status: 200,
    view: 'topic',
    model: {
      layout: withHead(
        layoutModel(ctx, {
          title: section.name,
          description: section.description ?? `${section.name} news from ${catalog.site.name}.`,
          path,
          currentNav: path,
          pagination,
        }),
        (page) => sectionHead(catalog, section, page),
      ),
      kind: 'Section',
      name: section.name,
      ...(section.description && { description: section.description }),
      articleCount: articles.length,
      articles: items.map((a) => articleCard(catalog.site, a)),
      pagination,
    },
  }));
}
