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

/** The banner's words, in one place (docs/decisions/0014-preview-links.md). */
export const PREVIEW_TEXT = {
  notPublished: 'Preview: not published',
  published: 'Preview: published',
  draft: 'This is a draft: it is not scheduled, and readers cannot find it.',
  scheduled: 'Scheduled for',
  live: 'This story is live:',
  liveLink: 'read the published version',
} as const;

function previewNotice(ctx: PageContext, article: Article): PreviewNotice {
  const { catalog } = ctx;
  // Live means in the catalog of this moment: published and past its embargo.
  if (catalog.articleBySlug.get(article.slug) === article) {
    return { label: PREVIEW_TEXT.published, text: PREVIEW_TEXT.live, link: { text: PREVIEW_TEXT.liveLink, url: urls.article(article.slug) } };
  }
  if (article.status === 'draft') return { label: PREVIEW_TEXT.notPublished, text: PREVIEW_TEXT.draft };
  return { label: PREVIEW_TEXT.notPublished, text: PREVIEW_TEXT.scheduled, scheduled: formatDateTime(catalog.site, article.publishedAt) };
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
  return { kind: 'page', status: 200, view: 'article', model: { ...model, layout: previewLayout(model.layout), preview: previewNotice(ctx, article) } };
}

