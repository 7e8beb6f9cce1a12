/**
 * Inline text: the only markup a record may use is *emphasis*, **strong**
 * and [links](url). Everything else, raw HTML included, is printed as text.
 * Link targets must be http(s), mailto or a site path; external links get
 * rel="noopener noreferrer".
 */
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

const markdown = new MarkdownIt('zero', { html: false, linkify: false, typographer: false }).enable(['emphasis', 'link', 'escape']);

markdown.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim()) && !/[\u0000-\u001f]/.test(url);

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet('href') ?? ''); // markdown-it 15's own types: attrGet gives string | number | null
  if (token && /^(?:https?:)?\/\//i.test(href)) token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content or a quoted attribute value (for HTML built outside EJS). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

/** Renders one line of inline Markdown to safe HTML (no block elements, no raw HTML). */
export function renderInline(text: string): string {
  return markdown.renderInline(text);
}

/**
 * Characters that can start inline Markdown here (*emphasis*, **strong**, [links](url), \escapes)
 * or that markdown-it rewrites (\r, \0): text without any of them is its own plain text.
 */
const MARKDOWN_CHARS = /[*_[\]\\\r\0]/;

/** The same text with its Markdown removed, for places that take plain text (titles, meta, feeds, search). */
export function plainInline(text: string): string {
  return MARKDOWN_CHARS.test(text) ? plainInlineParsed(text) : text;
}

/** plainInline by a full markdown-it parse, whatever the text (the tests' oracle for the shortcut above). */
export function plainInlineParsed(text: string): string {
  const tokens = markdown.parseInline(text, {});
  let out = '';
  for (const token of tokens) for (const child of token.children ?? []) if (child.type === 'text') out += child.content;
  return out;
}
