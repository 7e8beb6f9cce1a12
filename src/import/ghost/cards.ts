/**
 * Ghost's cards (Koenig's kg-default-cards for mobiledoc, the same cards as
 * decorator nodes in kg-default-nodes for lexical, with the same payload
 * fields) → HTML for the one converter (src/import/html). Each card becomes
 * the plainest HTML that says what it held: an image a <figure>, a gallery a
 * figure of figures, a known embed an <iframe> the converter makes an embed
 * block of, a bookmark a paragraph with its link, code a <pre>. Cards that
 * only make sense on a Ghost site (signup forms, email-only content, the
 * paywall marker) are left out, and each leaves a note.
 */
import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../text/inline';
import { embedOf } from '../html';

export type Payload = Record<string, unknown>;

/** What a renderer gathers beside the HTML: notes for the report, and the site address for __GHOST_URL__. */
export interface RenderContext {
  notes: string[];
  siteUrl?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const attr = (value: unknown): string => escapeHtml(text(value));

/** Ghost 4+ writes its own site's address as __GHOST_URL__ in stored URLs; without the site's address, a path stays (a --media lookup by file name finds an image). */
export function ghostUrl(value: string, ctx: RenderContext): string {
  return value.includes('__GHOST_URL__') ? value.replaceAll('__GHOST_URL__', ctx.siteUrl?.replace(/\/+$/, '') ?? '') : value;
}

/** Ghost's markdown card: markdown-it with HTML allowed (Ghost's own renderer allows it; the converter keeps only what it knows). */
const markdown = new MarkdownIt({ html: true, linkify: true });

/** Plain words of a caption or title that Ghost stores as HTML (for an attribute). */
const wordsOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

function figure(src: string, alt: string, caption: string, ctx: RenderContext): string {
  if (!src) return '';
  const cap = caption.trim() ? `<figcaption>${caption}</figcaption>` : '';
  return `<figure><img src="${attr(ghostUrl(src, ctx))}" alt="${attr(alt)}">${cap}</figure>`;
}

function gallery(payload: Payload, ctx: RenderContext): string {
  const images = Array.isArray(payload.images) ? (payload.images as Payload[]).filter((image) => image && typeof image === 'object') : [];
  // Rows first, then place in the row: the order Ghost shows them in.
  const ordered = images.map((image, at) => ({ image, at })).sort((a, b) => (Number(a.image.row) || 0) - (Number(b.image.row) || 0) || a.at - b.at);
  const inner = ordered.map(({ image }) => figure(text(image.src), text(image.alt), text(image.caption), ctx)).join('');
  if (!inner) return '';
  const caption = text(payload.caption).trim();
  return `<figure class="kg-gallery-card">${inner}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

const isHttp = (url: string): boolean => /^https?:\/\//i.test(url);

function link(url: string, words: string): string {
  return `<a href="${attr(url)}">${escapeHtml(words || url)}</a>`;
}

function embed(payload: Payload, ctx: RenderContext): string {
  const url = ghostUrl(text(payload.url), ctx);
  const caption = wordsOf(text(payload.caption));
  if (url && embedOf(url)) return `<p><iframe src="${attr(url)}" title="${attr(caption)}"></iframe></p>`;
  const html = text(payload.html);
  // The provider's own embed code may be one the converter knows (a YouTube iframe, an X blockquote).
  if (html && !url) return html;
  const metadata = (payload.metadata ?? {}) as Payload;
  if (!isHttp(url)) {
    ctx.notes.push('dropped an embed card without an address');
    return '';
  }
  ctx.notes.push(`an embed from ${hostName(url)} is shown as a link`);
  return `<p>${link(url, caption || wordsOf(text(metadata.title)))}</p>`;
}

function hostName(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'another site';
  }
}

/** A bookmark card (a link preview): its title as a link, then its description; our embed blocks only name video and post providers. */
function bookmark(payload: Payload, ctx: RenderContext): string {
  const metadata = (payload.metadata ?? {}) as Payload;
  const url = ghostUrl(text(payload.url) || text(metadata.url), ctx);
  if (!isHttp(url) && !url.startsWith('/')) {
    ctx.notes.push('dropped a bookmark card without an address');
    return '';
  }
  const title = wordsOf(text(metadata.title));
  const description = wordsOf(text(metadata.description));
  const caption = text(payload.caption).trim();
  return `<p>${link(url, title)}${description ? `: ${escapeHtml(description)}` : ''}</p>${caption ? `<p>${caption}</p>` : ''}`;
}

function code(payload: Payload): string {
  const source = text(payload.code);
  if (!source.trim()) return '';
  const language = text(payload.language).trim().toLowerCase();
  const cls = /^[a-z0-9][a-z0-9#+_.-]{0,23}$/.test(language) ? ` class="language-${language}"` : '';
  const caption = text(payload.caption).trim();
  return `<pre><code${cls}>${escapeHtml(source)}</code></pre>${caption ? `<p>${caption}</p>` : ''}`;
}

/** A button, or a card's button: a paragraph with the link, when it leads somewhere. */
function button(words: unknown, url: unknown, ctx: RenderContext): string {
  const href = ghostUrl(text(url), ctx);
  return (isHttp(href) || href.startsWith('/')) && text(words).trim() ? `<p>${link(href, text(words).trim())}</p>` : '';
}

/** A file, audio or video card: a link to the file when it is on the web; our blocks do not play media. */
function media(kind: string, payload: Payload, ctx: RenderContext): string {
  const src = ghostUrl(text(payload.src), ctx);
  const title = text(payload.fileTitle) || text(payload.title) || text(payload.fileName) || text(payload.caption);
  if (isHttp(src)) {
    ctx.notes.push(`the ${kind} card is a link to the file`);
    return `<p>${link(src, wordsOf(title) || `the ${kind}`)}</p>`;
  }
  ctx.notes.push(`dropped ${kind === 'audio' ? 'an' : 'a'} ${kind} card (${src || 'no file'}): its file is not on the web`);
  return '';
}

/** Cards with nothing to show outside Ghost: the note says why each is left out. */
const LEFT_OUT: Record<string, string> = {
  paywall: 'the members-only marker (paywall card) is left out: the whole post is imported',
  signup: 'dropped a signup form card (members sign up on the Ghost site)',
  email: 'dropped an email-only card (its content went only to newsletter emails)',
  'email-cta': 'dropped an email-only card (its content went only to newsletter emails)',
  collection: 'dropped a collection card (a list of posts made by the Ghost site)',
};

/** One card as HTML; an empty string when it shows nothing (with a note when something was lost). */
export function renderCard(name: string, payload: Payload, ctx: RenderContext): string {
  switch (name) {
    case 'image':
      return figure(text(payload.src), text(payload.alt), text(payload.caption), ctx);
    case 'gallery':
      return gallery(payload, ctx);
    case 'embed':
      return embed(payload, ctx);
    case 'bookmark':
      return bookmark(payload, ctx);
    case 'code':
    case 'codeblock':
      return code(payload);
    case 'html':
      return ghostUrl(text(payload.html), ctx);
    case 'markdown':
    case 'card-markdown':
      return ghostUrl(markdown.render(text(payload.markdown)), ctx);
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    case 'callout': {
      // The emoji opens the callout's first paragraph (lexical's calloutText is paragraphs, mobiledoc's inline HTML).
      const emoji = text(payload.calloutEmoji) ? `${escapeHtml(text(payload.calloutEmoji))} ` : '';
      const body = text(payload.calloutText);
      return /^\s*<p>/i.test(body) ? body.replace(/<p>/i, `<p>${emoji}`) : `<p>${emoji}${body}</p>`;
    }
    case 'toggle': {
      const heading = wordsOf(text(payload.heading));
      return `${heading ? `<p><strong>${escapeHtml(heading)}</strong></p>` : ''}<div>${text(payload.content)}</div>`;
    }
    case 'button':
      return button(payload.buttonText, payload.buttonUrl, ctx);
    case 'header': {
      const header = wordsOf(text(payload.header) || text(payload.heading));
      const sub = text(payload.subheader) || text(payload.subheading);
      return `${header ? `<h2>${escapeHtml(header)}</h2>` : ''}${sub ? `<div>${sub}</div>` : ''}${payload.buttonEnabled ? button(payload.buttonText, payload.buttonUrl, ctx) : ''}`;
    }
    case 'product': {
      const title = wordsOf(text(payload.productTitle));
      const image = text(payload.productImageSrc) ? figure(text(payload.productImageSrc), title, '', ctx) : '';
      return `${image}${title ? `<p><strong>${escapeHtml(title)}</strong></p>` : ''}<div>${text(payload.productDescription)}</div>${payload.productButtonEnabled ? button(payload.productButton, payload.productUrl, ctx) : ''}`;
    }
    case 'audio':
    case 'video':
    case 'file':
      return media(name, payload, ctx);
    default: {
      ctx.notes.push(LEFT_OUT[name] ?? `dropped a Ghost "${name.slice(0, 40)}" card this importer does not know`);
      return '';
    }
  }
}
