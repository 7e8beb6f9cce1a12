/**
 * The source page model: a cited agency, outlet or body, what it is, its site,
 * and every visible article that cites it or was adapted from it, paged.
 */
import type { Article, Source } from '../content/model';
import { urls } from '../routes/urls';
import type { ArticleCard } from './cards';
import type { PageContext, PageResult } from './context';
import { listPage, type ListPageModel } from './list-page';
import { sourceHead } from './seo';
import { keyOf } from '../cache-keys/scheme';

export const SOURCE_KIND_LABELS: Record<string, string> = {
  'news-agency': 'News agency',
  outlet: 'News outlet',
  ngo: 'Non-governmental organisation',
  'official-body': 'Official body',
  research: 'Research organisation',
  website: 'Website',
};

export interface SourceModel extends ListPageModel {
  name: string;
  kind?: string;
  description?: string;
  siteUrl?: string;
}

/** How an article uses the source, said in full: "Adapted from Hot News RU", "Cites Al Jazeera", or both; with the cited piece's own URL when given. */
export function relationTo(article: Article, source: Source): NonNullable<ArticleCard['relation']> {
  const citation = article.citations.find((c) => c.source.slug === source.slug);
  const adapted = article.origin?.slug === source.slug;
  const verb = adapted && citation ? 'Adapted from and cites' : adapted ? 'Adapted from' : 'Cites';
  return { text: `${verb} ${source.name}`, ...(citation?.url && { originalUrl: citation.url }) };
}

export function sourcePage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<SourceModel> {
  const { catalog } = ctx;
  const source = catalog.sources.get(slug);
  if (!source) return { kind: 'not-found' };
  const kind = source.kind ? SOURCE_KIND_LABELS[source.kind] : undefined;
  return listPage(ctx, rawPage, {
    path: urls.source(slug),
    view: 'source',
    title: source.name,
    description: source.description ?? `Articles on ${catalog.site.name} that cite ${source.name}.`,
    articles: catalog.articlesBySource.get(slug) ?? [],
    head: (page) => sourceHead(catalog, source, page),
    keys: [keyOf.sourceList(slug), keyOf.source(slug)],
    fields: {
      name: source.name,
      ...(kind && { kind }),
      ...(source.description && { description: source.description }),
      ...(source.url && { siteUrl: source.url }),
    },
    decorate: (card, article) => ({ ...card, relation: relationTo(article, source) }),
  });
}
