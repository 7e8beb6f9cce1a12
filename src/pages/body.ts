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
import type { Text } from '../text/locale';

/** `text`: the words blocks add of their own, in the body's language (the article's locale, else the site's). */
export function bodyModels(catalog: Catalog, body: readonly Block[], text: Text): BlockModel[] {
  const show: ShowEnv = { visibleArticlePath: (target) => (catalog.articleBySlug.has(target) ? urls.article(target) : undefined), text };
  return enhanceBody(body.map((block) => blockModel(block, show)));
}
