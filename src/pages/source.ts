/**
 * The source page model: a cited agency, outlet or body, what it is, its site,
 * and every visible article that cites it or was adapted from it, paged.
 */
import type { Article, Site, Source } from '../content/model';
import { urls } from '../routes/urls';
import { itemText, siteText, type MessageKey } from '../text/locale';
import type { ArticleCard } from './cards';
import type { PageContext, PageResult } from './context';
import { listPage, type ListPageModel } from './list-page';
import { sourceHead } from './seo';
import { keyOf } from '../cache-keys/scheme';

/** The locale key naming each kind of source (schema.ts lists the kinds). */
const SOURCE_KIND_KEYS: Record<string, MessageKey> = {
  'news-agency': 'source.kind.news-agency',
  outlet: 'source.kind.outlet',
  ngo: 'source.kind.ngo',
  'official-body': 'source.kind.official-body',
  research: 'source.kind.research',
  website: 'source.kind.website',
};

/** The source page's own words. */
export interface SourceLabels {
  kicker: string;
  /** "Articles citing or adapted from Reuters". */
  articles: string;
  empty: string;
}

export interface SourceModel extends ListPageModel {
  name: string;
  kind?: string;
  description?: string;
  siteUrl?: string;
  labels: SourceLabels;
}

/** How an article uses the source, said in full: "Adapted from Hot News RU", "Cites Al Jazeera", or both; with the cited piece's own URL when given. */
export function relationTo(site: Site, article: Article, source: Source): NonNullable<ArticleCard['relation']> {
  const citation = article.citations.find((c) => c.source.slug === source.slug);
  const adapted = article.origin?.slug === source.slug;
  // In the card's language, as the rest of the card is.
  const text = itemText(site, article.language);
  const key = adapted && citation ? 'source.adaptedFromAndCites' : adapted ? 'source.adaptedFrom' : 'source.cites';
  return { text: text.t(key, { name: source.name }), ...(citation?.url && { originalUrl: citation.url, originalLabel: text.t('card.originalPiece') }) };
}

export function sourcePage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<SourceModel> {
  const { catalog } = ctx;
  const source = catalog.sources.get(slug);
  if (!source) return { kind: 'not-found' };
  const site = catalog.site;
  const text = siteText(site);
  const kindKey = source.kind ? SOURCE_KIND_KEYS[source.kind] : undefined;
  const kind = kindKey && text.t(kindKey);
  return listPage(ctx, rawPage, {
    path: urls.source(slug),
    view: 'source',
    title: source.name,
    description: source.description ?? text.t('source.description', { site: site.name, name: source.name }),
    articles: catalog.articlesBySource.get(slug) ?? [],
    head: (page) => sourceHead(catalog, source, page),
    keys: [keyOf.sourceList(slug), keyOf.source(slug)],
    fields: {
      name: source.name,
      ...(kind && { kind }),
      ...(source.description && { description: source.description }),
      ...(source.url && { siteUrl: source.url }),
      labels: { kicker: text.t('source.kicker'), articles: text.t('source.articles', { name: source.name }), empty: text.t('source.empty') },
    },
    decorate: (card, article) => ({ ...card, relation: relationTo(site, article, source) }),
  });
}
