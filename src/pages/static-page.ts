/**
 * The static page model (About, Contact, Privacy…): a title, the body blocks
 * printed as an article's are, and the date it was last updated when the
 * record gives one. Only published pages are in the catalog, so a draft is
 * the 404 page like any slug nobody wrote.
 */
import type { BlockModel } from '../blocks/registry';
import { urls } from '../routes/urls';
import { bodyModels } from './body';
import type { PageContext, PageResult } from './context';
import { formatDate, languageOf, type DateModel } from './dates';
import type { Direction } from './direction';
import { layoutModel, type LayoutModel } from './layout';
import { staticPageHead, withHead } from './seo';
import { AnswerKeys, keyOf } from '../cache-keys/scheme';

export interface StaticPageModel {
  layout: LayoutModel;
  title: string;
  /** Set when the page is not in the site's language: lang/dir on the <article>. */
  lang?: string;
  dir?: Direction;
  blocks: BlockModel[];
  updated?: DateModel;
}

export function staticPage(ctx: PageContext, slug: string): PageResult<StaticPageModel> {
  const { catalog } = ctx;
  const page = catalog.pages.get(slug);
  if (!page) return { kind: 'not-found' };
  const site = catalog.site;
  const model: StaticPageModel = {
    layout: withHead(
      layoutModel(ctx, { title: page.title, description: page.description ?? site.description, path: urls.page(page.slug) }),
      (head) => staticPageHead(catalog, page, head),
    ),
    title: page.title,
    ...languageOf(site, page.language),
    blocks: bodyModels(catalog, page.body),
    ...(page.updatedAt && { updated: formatDate(site, page.updatedAt) }),
  };
  return { kind: 'page', status: 200, view: 'page', model, keys: new AnswerKeys().add(keyOf.page(page.slug)).list() };
}
