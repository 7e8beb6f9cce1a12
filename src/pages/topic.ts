/** Tag and section pages: a named list of articles, paged. */
import { urls } from '../routes/urls';
import { siteText } from '../text/locale';
import type { PageContext, PageResult } from './context';
import { listPage, type ListPageModel } from './list-page';
import { sectionHead, tagHead } from './seo';
import { keyOf } from '../cache-keys/scheme';

export interface TopicModel extends ListPageModel {
  kind: 'tag' | 'section';
  /** What the kicker says: "Tag", "Section", in the site's words. */
  kindLabel: string;
  name: string;
  description?: string;
  emptyLabel: string;
}

export function tagPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<TopicModel> {
  const { catalog } = ctx;
  const tag = catalog.tags.get(slug);
  if (!tag) return { kind: 'not-found' }; // a tag exists only while a visible article carries it
  const text = siteText(catalog.site);
  return listPage(ctx, rawPage, {
    path: urls.tag(slug),
    view: 'topic',
    title: tag.name,
    description: text.t('topic.tagDescription', { name: tag.name, site: catalog.site.name }),
    articles: catalog.articlesByTag.get(slug) ?? [],
    headingLevel: 2,
    head: (page) => tagHead(catalog, tag, page),
    keys: [keyOf.tagList(slug)],
    fields: { kind: 'tag' as const, kindLabel: text.t('topic.tag'), name: tag.name, emptyLabel: text.t('topic.empty') },
  });
}

export function sectionPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<TopicModel> {
  const { catalog } = ctx;
  const section = catalog.sections.get(slug);
  if (!section) return { kind: 'not-found' };
  const path = urls.section(slug);
  const text = siteText(catalog.site);
  return listPage(ctx, rawPage, {
    path,
    view: 'topic',
    title: section.name,
    description: section.description ?? text.t('topic.sectionDescription', { name: section.name, site: catalog.site.name }),
    currentNav: path,
    articles: catalog.articlesBySection.get(slug) ?? [],
    headingLevel: 2,
    head: (page) => sectionHead(catalog, section, page),
    keys: [keyOf.sectionList(slug), keyOf.section(slug)],
    fields: { kind: 'section' as const, kindLabel: text.t('topic.section'), name: section.name, emptyLabel: text.t('topic.empty'), ...(section.description && { description: section.description }) },
  });
}
