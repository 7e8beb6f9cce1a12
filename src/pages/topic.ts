/** Tag and section pages: a named list of articles, paged. */
import { urls } from '../routes/urls';
import type { PageContext, PageResult } from './context';
import { listPage, type ListPageModel } from './list-page';
import { sectionHead, tagHead } from './seo';
import { keyOf } from '../cache-keys/scheme';

export interface TopicModel extends ListPageModel {
  kind: 'Tag' | 'Section';
  name: string;
  description?: string;
}

export function tagPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<TopicModel> {
  const { catalog } = ctx;
  const tag = catalog.tags.get(slug);
  if (!tag) return { kind: 'not-found' }; // a tag exists only while a visible article carries it
  return listPage(ctx, rawPage, {
    path: urls.tag(slug),
    view: 'topic',
    title: tag.name,
    description: `Articles tagged “${tag.name}” on ${catalog.site.name}.`,
    articles: catalog.articlesByTag.get(slug) ?? [],
    headingLevel: 2,
    head: (page) => tagHead(catalog, tag, page),
    // A tag has no record of its own (its name comes from its slug): its list is all there is to it.
    keys: [keyOf.tagList(slug)],
    fields: { kind: 'Tag' as const, name: tag.name },
  });
}

export function sectionPage(ctx: PageContext, slug: string, rawPage: unknown): PageResult<TopicModel> {
  const { catalog } = ctx;
  const section = catalog.sections.get(slug);
  if (!section) return { kind: 'not-found' };
  const path = urls.section(slug);
  return listPage(ctx, rawPage, {
    path,
    view: 'topic',
    title: section.name,
    description: section.description ?? `${section.name} news from ${catalog.site.name}.`,
    currentNav: path,
    articles: catalog.articlesBySection.get(slug) ?? [],
    headingLevel: 2,
    head: (page) => sectionHead(catalog, section, page),
    keys: [keyOf.sectionList(slug), keyOf.section(slug)],
    fields: { kind: 'Section' as const, name: section.name, ...(section.description && { description: section.description }) },
  });
}
