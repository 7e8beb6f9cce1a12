/**
 * The walk over a parsed document that makes body blocks: block elements
 * each make their block (lists, tables, quotes and figures in modules of
 * their own), inline content between them makes paragraphs, containers
 * (div, section, NITF's block…) are walked through, and what is not content
 * (scripts, styles, forms, frames, objects) is dropped and noted.
 */
import type { ImportedBlock } from './blocks';
import type { Ctx } from './context';
import { attr, capped, classes, collapse, descendants, hasWords, isEl, rawText, type El, type Node } from './dom';
import { embedOf } from './embeds';
import { figureBlocks, imgPart, isFigure, isGallery, nitfMediaPart, picturePart, withAlt } from './figures';
import { BLOCK_MAKERS, DROPPED, inlineRuns, SILENT, splitRuns } from './inline';
import { listBlocks } from './lists';
import { droppedNote, Notes } from './notes';
import { quoteBlocks } from './quotes';
import { tableBlocks } from './tables';

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hl1', 'hl2']);
/** Elements that are blocks (or hold blocks) wherever they are. */
const BLOCK = new Set([
  'p', 'ul', 'ol', 'dl', 'dt', 'dd', 'li', 'blockquote', 'bq', 'figure', 'figcaption', 'table', 'caption', 'pre', 'hr',
  'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address', 'details', 'summary', 'hgroup', 'center',
  'body', 'html', 'block', 'body.content', 'media-caption', 'media-producer', 'credit', 'note', 'fn', 'nitf-table',
  ...HEADINGS,
]);
/** Parts of a NITF body that are metadata, not the story. */
const NITF_METADATA = new Set(['body.head', 'body.end']);
const MAX_TITLE = 200;

/** Whether an element at block level is inline content (part of a paragraph) rather than a block or a container of blocks. */
function isInline(el: El): boolean {
  if (BLOCK.has(el.name) || NITF_METADATA.has(el.name) || DROPPED.has(el.name) || SILENT.has(el.name)) return false;
  if (BLOCK_MAKERS.has(el.name) || el.name === 'br') return true;
  for (const child of descendants(el)) if (BLOCK.has(child.name)) return false;
  return true;
}

/** What a reader may tell the converter about its source. */
export interface ConvertOptions {
  /** Alt text for a picture whose markup has none (see Ctx.altFor). */
  altFor?: (src: string) => string | undefined;
}

export function createContext(notes: Notes, options: ConvertOptions = {}): Ctx {
  const ctx: Ctx = {
    notes,
    ...(options.altFor && { altFor: options.altFor }),
    walk: (nodes, out, options) => walk(nodes, out, ctx, options?.splitBreaks ?? false),
    runs: (nodes, options) => inlineRuns(nodes, { notes, inlineBlock: ctx.inlineBlock, plain: options?.plain }),
    inlineBlock: (el) => inlineBlock(el, ctx),
  };
  return ctx;
}

function walk(nodes: Node[], out: ImportedBlock[], ctx: Ctx, splitBreaks: boolean): void {
  let pending: Node[] = [];
  const flush = () => {
    if (pending.length && pending.some((node) => isEl(node) || hasWords(node))) out.push(...paragraphs(pending, ctx, splitBreaks));
    pending = [];
  };
  for (const node of nodes) {
    if (!isEl(node) || isInline(node)) pending.push(node);
    else {
      flush();
      block(node, ctx, out, splitBreaks);
    }
  }
  flush();
}

function block(el: El, ctx: Ctx, out: ImportedBlock[], splitBreaks: boolean): void {
  const { name } = el;
  if (SILENT.has(name) || NITF_METADATA.has(name)) return;
  if (DROPPED.has(name)) return ctx.notes.add(droppedNote(el));
  if (name === 'note' && /^npa$/i.test(attr(el, 'type') ?? '')) return ctx.notes.add('dropped a NITF <note> not for publication');
  // A definition list's term reads as a strong lead-in to its definitions.
  if (name === 'dt') return void out.push(...paragraphs([{ name: 'strong', attrs: {}, children: el.children }], ctx, splitBreaks));
  if (name === 'p' || name === 'dd' || name === 'caption' || name === 'summary') return void out.push(...paragraphs(el.children, ctx, splitBreaks));
  if (HEADINGS.has(name)) return void out.push(...splitRuns(ctx.runs(el.children, { plain: true }), (md) => ({ type: 'heading', text: md })));
  if (isFigure(el) || (isGallery(el) && pictureCount(el) > 1)) return figureBlocks(el, ctx, out);
  if (name === 'ul' || name === 'ol') return listBlocks(el, ctx, out);
  if (name === 'blockquote' || name === 'bq') return quoteBlocks(el, ctx, out);
  if (name === 'table') return tableBlocks(el, ctx, out);
  if (name === 'pre') return codeBlock(el, out);
  if (name === 'hr') {
    if (out[out.length - 1]?.type !== 'divider') out.push({ type: 'divider' });
    return;
  }
  walk(el.children, out, ctx, splitBreaks);
}

function pictureCount(el: El): number {
  let count = 0;
  for (const child of descendants(el)) if (child.name === 'img' || child.name === 'media') count++;
  return count;
}

/** Inline content → paragraphs, with the pictures and embeds in it as blocks between; a paragraph that is only a known embed's URL is that embed. */
function paragraphs(nodes: Node[], ctx: Ctx, splitBreaks: boolean): ImportedBlock[] {
  return splitRuns(
    ctx.runs(nodes),
    (md, plain) => {
      const embed = /^\S+$/.test(plain) ? embedOf(plain) : undefined;
      return embed ? { type: 'embed', ...embed } : { type: 'paragraph', text: md };
    },
    splitBreaks,
  );
}

function codeBlock(pre: El, out: ImportedBlock[]): void {
  // HTML drops a line break right after <pre>; the rest of the whitespace is the code's.
  const text = rawText(pre).replace(/^\r?\n/, '').replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '');
  if (!/\S/.test(text)) return;
  const code = pre.children.find((child): child is El => isEl(child) && child.name === 'code');
  const language = [...classes(pre), ...(code ? classes(code) : [])]
    .map((name) => /^(?:language|lang)-([a-z0-9][a-z0-9#+_.-]{0,23})$/.exec(name)?.[1])
    .find(Boolean);
  out.push({ type: 'code', text, ...(language && { language }) });
}

function inlineBlock(el: El, ctx: Ctx): ImportedBlock | undefined {
  const { name } = el;
  if (name === 'img' || name === 'picture' || name === 'media') {
    const part = name === 'img' ? imgPart(el, ctx) : name === 'picture' ? picturePart(el, ctx) : nitfMediaPart(el, ctx);
    return part && { type: 'image', ...withAlt(part, ctx) };
  }
  // iframe, object, embed, video, audio: a known embed, else dropped.
  const src = attr(el, 'src') ?? attr(el, 'data-src') ?? attr(el, 'data');
  const embed = src ? embedOf(src) : undefined;
  if (embed) {
    const title = capped(collapse(attr(el, 'title') ?? '').trim(), MAX_TITLE);
    return { type: 'embed', ...embed, ...(title && { title }) };
  }
  ctx.notes.add(droppedNote(el));
  return undefined;
}
