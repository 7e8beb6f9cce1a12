/**
 * Body blocks as a page prints them, for articles and static pages alike:
 * each block's model from the block registry, promos linked only to articles
 * readers can see now, then the body enhancers (unique heading ids, …).
 */
import { blockModel, type BlockModel } from '../blocks/registry';
import { enhanceBody } from '../blocks/enhancers';
import type { ShowEnv } from '../blocks/types';
import type { Catalog } from '../content/catalog';
import type { Block } from '../content/model';
import { urls } from '../routes/urls';

export function bodyModels(catalog: Catalog, body: readonly Block[]): BlockModel[] {
  const show: ShowEnv = { visibleArticlePath: (target) => (catalog.articleBySlug.has(target) ? urls.article(target) : undefined) };
  return enhanceBody(body.map((block) => blockModel(block, show)));
}
