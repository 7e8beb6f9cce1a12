/**
 * The block editor's (Gutenberg's) marks in a post's HTML, resolved before
 * the HTML is converted. A block is serialized as HTML between comment
 * delimiters, "<!-- wp:name {json attributes} -->…<!-- /wp:name -->" or
 * "<!-- wp:name {…} /-->" for a block with no HTML of its own
 * (wp-includes/class-wp-block-parser.php reads the same grammar; the
 * serializer escapes "--" inside the attributes, so "-->" ends a delimiter).
 *
 * - embed blocks (wp:embed, and core-embed/<provider> of WordPress < 5.6)
 *   → their url attribute as a link on its own (an embed block when the
 *   provider is known), with the block's figcaption;
 * - <!--nextpage--> (a page break) → <hr>, a divider;
 * - <!--more--> (the teaser cut) and <!--noteaser--> → removed;
 * - every other delimiter → removed: the HTML between them is the content.
 */
import { escapeHtml } from '../../text/inline';

const EMBED_BLOCK = /<!--\s+wp:(embed|core-embed\/[a-z0-9-]+)\s+(\{[\s\S]*?\})\s+(\/)?-->(?:([\s\S]*?)<!--\s+\/wp:\1\s+-->)?/g;
const DELIMITER = /<!--\s+\/?wp:[a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?\s+(?:\{[\s\S]*?\}\s+)?\/?-->/g;
const FIGCAPTION = /<figcaption[^>]*>[\s\S]*?<\/figcaption>/i;

/** Whether the content was written in the block editor. */
export const hasBlocks = (html: string): boolean => html.includes('<!-- wp:');

export function resolveBlockComments(html: string, notes: Set<string>): string {
  let out = html;
  if (hasBlocks(out)) {
    out = out.replace(EMBED_BLOCK, (whole, _name: string, json: string, selfClosing: string | undefined, inner: string | undefined) => {
      const url = embedUrl(json);
      if (!url) {
        notes.add('an embed block without a URL: its HTML is kept');
        return selfClosing ? '' : (inner ?? '');
      }
      const safe = escapeHtml(url);
      const caption = inner ? (FIGCAPTION.exec(inner)?.[0] ?? '') : '';
      return `<figure><p><a href="${safe}">${safe}</a></p>${caption}</figure>`;
    });
    out = out.replace(DELIMITER, '');
  }
  if (out.includes('<!--')) {
    out = out.replace(/<!--nextpage-->/g, '<hr>').replace(/<!--more(?:[^-]|-(?!->))*-->|<!--noteaser-->/g, '');
  }
  return out;
}

function embedUrl(json: string): string | undefined {
  try {
    const attrs = JSON.parse(json) as { url?: unknown };
    return typeof attrs.url === 'string' && /^https?:\/\//i.test(attrs.url) ? attrs.url : undefined;
  } catch {
    return undefined;
  }
}
