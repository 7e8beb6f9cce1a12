/** The author page model: who they are, their links and their articles, paged. */
import { imageModel, placeImage, type PlacedImage } from '../images/image-model';
import { urls } from '../routes/urls';
import type { PageContext, PageResult } from './context';
import { listPage, type ListPageModel } from './list-page';
import { authorHead } from './seo';
import { keyOf } from '../cache-keys/scheme';

export interface AuthorModel extends ListPageModel {
  name: string;
  role?: string;
  bio?: string;
  avatar?: PlacedImage;
  links: { label: string; url: string }[];
}

export function authorPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<AuthorModel> {
  const { catalog } = ctx;
  const author = catalog.authors.get(slug);
  if (!author) return { kind: 'not-found' };
  return listPage(ctx, rawPage, {
    path: urls.author(slug),
    view: 'author',
    title: author.name,
    description: author.bio ?? `Articles by ${author.name} on ${catalog.site.name}.`,
    articles: catalog.articlesByAuthor.get(slug) ?? [],
    head: (page) => authorHead(catalog, author, page),
    keys: [keyOf.authorList(slug), keyOf.author(slug)],
    fields: {
      name: author.name,
      ...(author.role && { role: author.role }),
      ...(author.bio && { bio: author.bio }),
      ...(author.avatar && { avatar: placeImage(imageModel(author.avatar, ''), 'profile__avatar', '(max-width: 599px) 112px, 160px', 'high') }),
      links: author.links,
    },
  });
}
