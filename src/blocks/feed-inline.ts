/** Inline text for feed readers: renderInline's HTML with site-relative links made absolute (a reader has no page to resolve them against). */
import type { HasBaseUrl } from '../routes/urls';
import { escapeHtml, renderInline } from '../text/inline';

/** renderInline's output with site-relative links ("/…", not "//…") made absolute. */
export function feedInlineHtml(site: HasBaseUrl, text: string): string {
  return renderInline(text).replace(/ href="\/(?!\/)/g, ` href="${escapeHtml(site.baseUrl)}/`);
}
