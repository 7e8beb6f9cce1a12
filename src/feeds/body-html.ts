/**
 * An article's body as one HTML string for feed readers: the same blocks the
 * article page prints, in plain HTML with no classes, and every site link made
 * absolute (a feed reader has no page to resolve "/articles/…" against).
 * Each block type writes its own feed form (src/blocks/).
 */
import { blockFeedHtml } from '../blocks/registry';
import type { FeedEnv } from '../blocks/types';
import type { Catalog } from '../content/catalog';
import type { Article } from '../content/model';
import { urls } from '../routes/urls';
import { itemText } from '../text/locale';

/** The article body (its blocks, in order) as HTML. */
export function articleBodyHtml(catalog: Catalog, article: Article): string {
  const env: FeedEnv = {
    site: catalog.site,
    text: itemText(catalog.site, article.language),
    visibleArticlePath: (slug) => (catalog.articleBySlug.has(slug) ? urls.article(slug) : undefined),
  };
  return catalog.content.bodies.blocks(article.body).map((block) => blockFeedHtml(block, env)).join('\n');
}
