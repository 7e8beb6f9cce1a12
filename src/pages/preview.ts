/**
 * A signed preview of an article (/preview/<slug>): the article page exactly
 * as it will look, built by the same model function, with a banner above it
 * and a <head> that keeps it out of search engines and link cards. Any
 * article in the content may be previewed, drafts and embargoes included;
 * whether the link is genuine is the HTTP layer's check (preview-signature.ts),
 * made before this is called. Nothing here adds the article to any index, so
 * it stays absent from every list, feed, sitemap and search.
 */
import type { Article } from '../content/model';
import { urls } from '../routes/urls';
import { articleModel, type ArticleModel, type PreviewNotice } from './article';
import type { PageContext, PageResult } from './context';
import { formatDateTime } from './dates';
import type { LayoutModel } from './layout';
import { siteText } from '../text/locale';

/** The banner is the site's own chrome: in the site's language (locales/<lang>.json, keys preview.*), whatever the article's. */
function previewNotice(ctx: PageContext, article: Article): PreviewNotice {
  const { catalog } = ctx;
  const text = siteText(catalog.site);
  // Live means in the catalog of this moment: published and past its embargo.
  if (catalog.articleBySlug.get(article.slug) === article) {
    return { label: text.t('preview.published'), text: text.t('preview.live'), link: { text: text.t('preview.liveLink'), url: urls.article(article.slug) } };
  }
  if (article.status === 'draft') return { label: text.t('preview.notPublished'), text: text.t('preview.draft') };
  return { label: text.t('preview.notPublished'), text: text.t('preview.scheduled'), scheduled: formatDateTime(catalog.site, article.publishedAt) };
}

/**
 * The head of a page with no public address: noindex and nofollow, no
 * canonical link (the public URL does not answer yet), no Open Graph or
 * JSON-LD (a link card or a search result must not be made from a draft).
 */
function previewLayout(layout: LayoutModel): LayoutModel {
  return { ...layout, canonicalUrl: '', robots: 'noindex, nofollow', meta: [], jsonLd: [] };
}

export function previewPage(ctx: PageContext, slug: string): PageResult<ArticleModel> {
  const article = ctx.catalog.content.articles.get(slug);
  if (!article) return { kind: 'not-found' };
  const model = articleModel(ctx, article);
  // No surrogate keys: a preview is private, no-store, and no cache in front may index it.
  return { kind: 'page', status: 200, view: 'article', model: { ...model, layout: previewLayout(model.layout), preview: previewNotice(ctx, article) }, keys: [] };
}

