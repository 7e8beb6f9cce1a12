/**
 * The source page model: a cited agency, outlet or body, what it is, its site,
 * and every visible article that cites it or was adapted from it, paged.
 */
import type { Article } from '../content/model';
import { articleCard, layoutModel, withPaging, type ArticleCard, type LayoutModel, type PageContext, type PageResult, type Pagination } from './common';
import { urls } from '../routes/urls';
import { sourceHead, withHead } from './seo';

export const SOURCE_KIND_LABELS: Record<string, string> = {
  'news-agency': 'News agency',
  outlet: 'News outlet',
  ngo: 'Non-governmental organisation',
  'official-body': 'Official body',
  research: 'Research organisation',
  website: 'Website',
};

export interface SourceArticleCard extends ArticleCard {
  /** How this article uses the source: "Cited", "Adapted from" or both. */
  relation: string;
  /** The cited piece's own URL, when the article's record gives one. */
  originalUrl?: string;
}

export interface SourceModel {
  layout: LayoutModel;
  name: string;
  kind?: string;
  description?: string;
  siteUrl?: string;
  articleCount: number;
  articles: SourceArticleCard[];
  pagination: Pagination;
}

function relationTo(article: Article, slug: string): { relation: string; originalUrl?: string } {
  const citation = article.citations.find((c) => c.source.slug === slug);
  const adapted = article.origin?.slug === slug;
  const relation = adapted && citation ? 'Adapted from and cites' : adapted ? 'Adapted from' : 'Cites';
  return { relation, ...(citation?.url && { originalUrl: citation.url }) };
}

export function sourcePage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<SourceModel> {
  const { catalog } = ctx;
  const source = catalog.sources.get(slug);
  if (!source) return { kind: 'not-found' };
  const path = urls.source(slug);
  const articles = catalog.articlesBySource.get(slug) ?? [];
  const kind = source.kind ? SOURCE_KIND_LABELS[source.kind] : undefined;
  return withPaging(rawPage, path, articles, ({ items, pagination }) => ({
    kind: 'page',
    status: 200,
    view: 'source',
    model: {
      layout: withHead(
        layoutModel(ctx, {
          title: source.name,
          description: source.description ?? `Articles on ${catalog.site.name} that cite ${source.name}.`,
          path,
          pagination,
        }),
        (page) => sourceHead(catalog, source, page),
      ),
      name: source.name,
      ...(kind && { kind }),
      ...(source.description && { description: source.description }),
      ...(source.url && { siteUrl: source.url }),
      articleCount: articles.length,
      articles: items.map((a) => ({ ...articleCard(catalog.site, a), ...relationTo(a, slug) })),
      pagination,
    },
  }));
}
