/**
 * An article's body as one HTML string for feed readers: the same blocks the
 * article page prints, in plain HTML with no classes, and every site link made
 * absolute (a feed reader has no page to resolve "/articles/…" against).
 * Inline text goes through renderInline, so it is as safe here as on the page.
 */
import type { Catalog } from '../content/catalog';
import type { Article, Block, Picture, Site } from '../content/model';
import { absoluteUrl, urls } from '../routes/urls';
import { escapeHtml, plainInline, renderInline } from '../text/inline';

/** renderInline's output with site-relative links ("/…", not "//…") made absolute. */
function inlineHtml(site: Site, text: string): string {
  return renderInline(text).replace(/ href="\/(?!\/)/g, ` href="${escapeHtml(site.baseUrl)}/`);
}

export function figureHtml(site: Site, picture: Picture): string {
  const { asset } = picture;
  const caption = [picture.caption, picture.credit].filter((part): part is string => !!part).map(escapeHtml).join(' — ');
  const img = `<img src="${escapeHtml(absoluteUrl(site, asset.url))}" alt="${escapeHtml(picture.alt)}" width="${asset.width}" height="${asset.height}">`;
  return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

function blockHtml(catalog: Catalog, block: Block): string {
  const { site } = catalog;
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlineHtml(site, block.text)}</p>`;
    case 'heading':
      return `<h2>${escapeHtml(plainInline(block.text))}</h2>`;
    case 'image':
      return figureHtml(site, block.picture);
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(site, item)}</li>`).join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote><p>${inlineHtml(site, block.text)}</p>${block.attribution ? `<footer>— ${escapeHtml(block.attribution)}</footer>` : ''}</blockquote>`;
    case 'promo': {
      // Linked only while the target is visible: a feed must not point at a draft or an embargo.
      const target = block.targetSlug ? catalog.articleBySlug.get(block.targetSlug) : undefined;
      const label = block.label ? `<strong>${escapeHtml(block.label)}</strong> ` : '';
      const text = escapeHtml(block.text);
      return `<p>${label}${target ? `<a href="${escapeHtml(absoluteUrl(site, urls.article(target.slug)))}">${text}</a>` : text}</p>`;
    }
  }
}

/** The article body (its blocks, in order) as HTML. */
export function articleBodyHtml(catalog: Catalog, article: Article): string {
  return article.body.map((block) => blockHtml(catalog, block)).join('\n');
}
