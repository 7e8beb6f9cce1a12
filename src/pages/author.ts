/** The author page model: who they are, their links and their articles, paged. */
import { articleCard, imageModel, layoutModel, withPaging, type ArticleCard, type ImageModel, type LayoutModel, type PageContext, type PageResult, type Pagination } from './common';
import { urls } from '../routes/urls';
import { authorHead, withHead } from './seo';

export interface AuthorModel {
  layout: LayoutModel;
  name: string;
  role?: string;
  bio?: string;
  avatar?: ImageModel;
  links: { label: string; url: string }[];
  articleCount: number;
  articles: ArticleCard[];
  pagination: Pagination;
}

export function authorPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<AuthorModel> {
  const { catalog } = ctx;
  const author = catalog.authors.get(slug);
  if (!author) return { kind: 'not-found' };
  const path = urls.author(slug);
  const articles = catalog.articlesByAuthor.get(slug) ?? [];
  return withPaging(rawPage, path, articles, ({ items, pagination }) => ({
    kind: 'page',
    status: 200,
    view: 'author',
    model: {
      layout: withHead(
        layoutModel(ctx, {
          title: author.name,
          description: author.bio ?? `Articles by ${author.name} on ${catalog.site.name}.`,
          path,
          pagination,
        }),
        (page) => authorHead(catalog, author, page),
      ),
      name: author.name,
      ...(author.role && { role: author.role }),
      ...(author.bio && { bio: author.bio }),
      ...(author.avatar && { avatar: imageModel(author.avatar, '') }),
      links: author.links,
      articleCount: articles.length,
      articles: items.map((a) => articleCard(catalog.site, a)),
      pagination,
    },
  }));
}
