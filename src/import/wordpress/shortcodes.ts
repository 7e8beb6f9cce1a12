/**
 * WordPress shortcodes in a post's text, made HTML the body converter reads
 * (as WordPress's own handlers in wp-includes/media.php would show them):
 *
 * - [caption id align width caption]<img> text[/caption] (and the old
 *   [wp_caption]) → <figure> with the image and a <figcaption>;
 * - [gallery ids="…"] (or include="…", less exclude="…"; with neither, the
 *   images attached to the post, in menu order) → a gallery of the
 *   attachments' files, alt texts and captions;
 * - [embed]URL[/embed] → the URL on its own (an embed block when its
 *   provider is known, else a link);
 * - [audio], [video], [playlist] → removed (media files are not imported),
 *   unless their src is a known embed's URL;
 * - any other shortcode with attributes or a closing tag → removed, its
 *   inner text kept, and named in the notes. A bare "[word]" is left as
 *   text: it is as likely an editor's "[sic]" as a plugin's shortcode.
 *
 * "[[caption]]" is WordPress's escape for a literal "[caption]".
 */
import { escapeHtml } from '../../text/inline';
import { embedOf } from '../html';
import type { Attachment } from './lookups';

export interface ShortcodeContext {
  postId: string;
  attachments: ReadonlyMap<string, Attachment>;
  attachedTo: ReadonlyMap<string, readonly string[]>;
  notes: Set<string>;
  /** uploadKey → alt text (lookups.ts), for body images whose markup has none. */
  altByFile?: ReadonlyMap<string, string>;
}

/*
 * The shape of get_shortcode_regex(): "[" name, attributes up to "]" or "/]",
 * then optionally content and "[/name]"; a doubled bracket on both sides is an escape.
 */
const SHORTCODE = /\[(\[?)([A-Za-z][\w-]*)(?![\w-])((?:[^\]/]|\/(?!\]))*?)(?:(\/)\]|\](?:([\s\S]*?)\[\/\2\])?)(\]?)/g;
const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'audio', 'video', 'playlist']);
/** Past this depth nested shortcodes are left as text (a hostile post nesting thousands). */
const MAX_NESTING = 8;

/** shortcode_parse_atts(): name="value", name='value', name=value, and positional values. */
export function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
  let position = 0;
  for (const m of text.replace(/[\u00a0\u200b]/g, ' ').matchAll(pattern)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6] ?? '';
    else attrs[String(position++)] = m[7] ?? m[8] ?? m[9] ?? '';
  }
  return attrs;
}

export function expandShortcodes(text: string, ctx: ShortcodeContext, depth = 0): string {
  if (!text.includes('[') || depth > MAX_NESTING) return text;
  return text.replace(SHORTCODE, (whole, open: string, name: string, rawAttrs: string, selfClosing: string | undefined, inner: string | undefined, close: string) => {
    if (open === '[' && close === ']') return whole.slice(1, -1);
    const tag = name.toLowerCase();
    const attrs = parseAttributes(rawAttrs);
    const content = inner ?? '';
    if (!KNOWN.has(tag) && inner === undefined && !selfClosing && !rawAttrs.includes('=')) return whole;
    return `${open}${expand(tag, attrs, content, ctx, depth)}${close}`;
  });
}

function expand(tag: string, attrs: Record<string, string>, content: string, ctx: ShortcodeContext, depth: number): string {
  switch (tag) {
    case 'caption':
    case 'wp_caption':
      return caption(attrs, expandShortcodes(content, ctx, depth + 1));
    case 'gallery':
      return gallery(attrs, ctx);
    case 'embed':
      return linkParagraph(content.trim() || attrs.src || attrs.url || '', ctx, '[embed]');
    case 'audio':
    case 'video':
    case 'playlist': {
      const src = attrs.src ?? attrs.url ?? content.trim();
      if (src && embedOf(src)) return linkParagraph(src, ctx, `[${tag}]`);
      ctx.notes.add(`removed [${tag}] shortcodes: media files are not imported`);
      return '';
    }
    default:
      ctx.notes.add(`removed the [${tag}] shortcode (a plugin's, not WordPress's): its text is kept`);
      return expandShortcodes(content, ctx, depth + 1);
  }
}

const IMAGE_AT_START = /^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)([\s\S]*)$/i;

/** img_caption_shortcode(): the image first, then the caption text (or the caption attribute). */
function caption(attrs: Record<string, string>, content: string): string {
  let image = content;
  let text = attrs.caption ?? '';
  if (!attrs.caption) {
    const m = IMAGE_AT_START.exec(content);
    if (m) {
      image = m[1] ?? '';
      text = (m[2] ?? '').trim();
    }
  }
  const align = /^align(?:left|right|center|none)$/.test(attrs.align ?? '') ? ` ${attrs.align}` : '';
  return `<figure class="wp-caption${align}">${image}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}

const idList = (value: string | undefined): string[] => (value ?? '').split(/[\s,]+/).filter((id) => /^\d+$/.test(id));

/** gallery_shortcode(): the listed attachments, or the post's own. */
function gallery(attrs: Record<string, string>, ctx: ShortcodeContext): string {
  const listed = idList(attrs.ids ?? attrs.include);
  const excluded = new Set(idList(attrs.exclude));
  const ids = (listed.length ? listed : [...(ctx.attachedTo.get(ctx.postId) ?? [])]).filter((id) => !excluded.has(id));
  const figures: string[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const file = ctx.attachments.get(id);
    if (!file) {
      missing.push(id);
      continue;
    }
    const alt = file.alt ?? '';
    figures.push(`<figure><img src="${escapeHtml(file.url)}" alt="${escapeHtml(alt)}">${file.caption ? `<figcaption>${escapeHtml(file.caption)}</figcaption>` : ''}</figure>`);
  }
  if (missing.length) ctx.notes.add(`a [gallery] names attachment${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, not in the export: left out`);
  if (!figures.length) {
    ctx.notes.add('a [gallery] with no images in the export: left out');
    return '';
  }
  return `<figure class="gallery">${figures.join('')}</figure>`;
}

/** A URL as a paragraph of its own: an embed block when its provider is known, else a link. */
function linkParagraph(url: string, ctx: ShortcodeContext, what: string): string {
  if (!/^https?:\/\//i.test(url)) {
    ctx.notes.add(`removed an ${what} shortcode without a URL`);
    return '';
  }
  const safe = escapeHtml(url);
  return `<p><a href="${safe}">${safe}</a></p>`;
}
