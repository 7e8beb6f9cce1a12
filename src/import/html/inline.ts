/**
 * Inline markup to inline Markdown (src/text/inline.ts: *emphasis*,
 * **strong** and [links](url), nothing else). Source text is escaped so that
 * it shows as written: a literal asterisk, underscore, bracket, backslash or
 * backtick gets a backslash, and "<script>" stays text, which markdown-it
 * (html: false) prints escaped. Images and embeds met inside a paragraph come
 * out as blocks of their own, between the paragraph's parts.
 */
import type { ImportedBlock } from './blocks';
import { attr, collapse, isEl, type El, type Node } from './dom';
import { droppedNote, type Notes } from './notes';
import { linkTarget } from './urls';
import { escapeMarkdown } from '../markdown';

export { escapeMarkdown };

/** A piece of a paragraph: text (as Markdown and as plain text), a line break, or a block found inline. */
export type Run = { kind: 'text'; md: string; plain: string } | { kind: 'break' } | { kind: 'block'; block: ImportedBlock };

export interface InlineContext {
  notes: Notes;
  /** Makes a block of an element met inline (one of BLOCK_MAKERS); undefined drops it (the callee notes why). */
  inlineBlock(el: El): ImportedBlock | undefined;
  /** Inside a heading: no emphasis or link markers (a heading is shown as plain text). */
  plain?: boolean;
  inLink?: boolean;
  em?: boolean;
  strong?: boolean;
}

const EMPHASIS = new Set(['em', 'i', 'cite', 'dfn', 'var']);
const STRONG = new Set(['strong', 'b']);
/** Elements a converter may make a block of (an image, an embed), or drop with a note. */
export const BLOCK_MAKERS = new Set(['img', 'picture', 'iframe', 'object', 'embed', 'media', 'video', 'audio']);
/** Elements whose text is not content: dropped and noted. */
export const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'applet', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'canvas', 'map', 'form', 'dialog', 'frame', 'frameset', 'portal']);
/** Elements that are never content and not worth a note. */
export const SILENT = new Set(['head', 'title', 'meta', 'link', 'base', 'wbr', 'source', 'track', 'param', 'area', 'media-object', 'col', 'colgroup', 'nitf-table-metadata']);
/** Block elements met inside inline content: their words are kept apart from their neighbours'. */
const SPACED = new Set(['p', 'div', 'li', 'tr', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hl1', 'hl2', 'blockquote', 'bq', 'figcaption', 'caption', 'section', 'article', 'header', 'footer', 'block', 'table', 'ul', 'ol', 'pre', 'hr', 'address']);

/** The runs of a list of nodes. */
export function inlineRuns(nodes: Node[], ctx: InlineContext): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    if (!isEl(node)) {
      const plain = collapse(node);
      if (plain) runs.push({ kind: 'text', md: escapeMarkdown(plain), plain });
      continue;
    }
    runs.push(...elementRuns(node, ctx));
  }
  return runs;
}

function elementRuns(el: El, ctx: InlineContext): Run[] {
  const { name } = el;
  if (name === 'br') return [{ kind: 'break' }];
  if (SILENT.has(name)) return [];
  if (DROPPED.has(name)) {
    ctx.notes.add(droppedNote(el));
    return [];
  }
  if (BLOCK_MAKERS.has(name)) {
    const block = ctx.inlineBlock(el);
    return block ? [{ kind: 'block', block }] : [];
  }
  if (SPACED.has(name)) return [SPACE, ...inlineRuns(el.children, ctx), SPACE];
  if (name === 'a') return linkRuns(el, ctx);
  if (name === 'sup' || name === 'sub') return scriptRuns(el, name, ctx);
  if (STRUCK.has(name)) {
    ctx.notes.add(`dropped struck-out text (<${name}>): the body has no strikethrough, and shown plain it would read as current`);
    return [];
  }
  if (name === 'q') return [text('"'), ...inlineRuns(el.children, ctx), text('"')];
  if (EMPHASIS.has(name) && !ctx.plain && !ctx.em) return wrap(inlineRuns(el.children, { ...ctx, em: true }), (md) => `*${md}*`);
  if (STRONG.has(name) && !ctx.plain && !ctx.strong) return wrap(inlineRuns(el.children, { ...ctx, strong: true }), (md) => `**${md}**`);
  return inlineRuns(el.children, ctx);
}

/** Struck-out text: a correction's old words. */
const STRUCK = new Set(['del', 's', 'strike']);
const SUPERSCRIPT: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ' };
const SUBSCRIPT: Record<string, string> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎' };

/** <sup>/<sub>: Unicode's superscript or subscript characters when it has one for every character (10³, H₂O), else the text as it is (a footnote's "[1]"). */
function scriptRuns(el: El, name: 'sup' | 'sub', ctx: InlineContext): Run[] {
  const runs = inlineRuns(el.children, ctx);
  const { plain } = joinRuns(runs);
  const table = name === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
  const chars = [...plain];
  if (chars.length === 0 || !chars.every((c) => table[c])) return runs;
  return [text(chars.map((c) => table[c]).join(''))];
}

const text = (plain: string): Run => ({ kind: 'text', md: escapeMarkdown(plain), plain });
const SPACE: Run = { kind: 'text', md: ' ', plain: ' ' };

type Stretch = { md: string; plain: string } | { block: ImportedBlock };

/** The runs as stretches of text (a line break in one counts as a space) and the blocks between them. */
function stretches(runs: Run[]): Stretch[] {
  const out: Stretch[] = [];
  let text: { md: string; plain: string } | undefined;
  for (const run of runs) {
    if (run.kind === 'block') {
      text = undefined;
      out.push({ block: run.block });
      continue;
    }
    if (!text) out.push((text = { md: '', plain: '' }));
    text.md += run.kind === 'text' ? run.md : ' ';
    text.plain += run.kind === 'text' ? run.plain : ' ';
  }
  return out;
}

/** Wraps each stretch of text with `fold` (emphasis, a link), leaving its outer spaces outside (so the emphasis parses). */
function wrap(runs: Run[], fold: (md: string) => string): Run[] {
  return stretches(runs).map((stretch): Run => {
    if ('block' in stretch) return { kind: 'block', block: stretch.block };
    const { md, plain } = stretch;
    const lead = /^[ \u00a0]*/.exec(md)?.[0] ?? '';
    const trail = /[ \u00a0]*$/.exec(md.slice(lead.length))?.[0] ?? '';
    const inner = md.slice(lead.length, md.length - trail.length);
    return { kind: 'text', md: inner && /\S/.test(plain) ? `${lead}${fold(inner)}${trail}` : md, plain };
  });
}

function linkRuns(el: El, ctx: InlineContext): Run[] {
  const href = attr(el, 'href');
  if (!href || ctx.plain || ctx.inLink) return inlineRuns(el.children, ctx);
  const target = linkTarget(href);
  const inner = inlineRuns(el.children, { ...ctx, inLink: true });
  if ('reason' in target) {
    ctx.notes.add(`kept the text of ${target.reason}, not the link`);
    return inner;
  }
  return wrap(inner, (md) => `[${md}](${target.url})`);
}

/**
 * The paragraphs and blocks a list of runs makes: two or more line breaks in
 * a row start a new paragraph, one is a space; blocks found inline sit
 * between the paragraphs around them. `onText` turns a paragraph's text into
 * a block (or nothing, when it is empty).
 */
export function splitRuns(runs: Run[], onText: (md: string, plain: string) => ImportedBlock | undefined, splitOnEveryBreak = false): ImportedBlock[] {
  const blocks: ImportedBlock[] = [];
  let md = '';
  let plain = '';
  let breaks = 0;
  const flush = () => {
    const block = finish(md, plain, onText);
    if (block) blocks.push(block);
    md = '';
    plain = '';
  };
  for (const run of runs) {
    if (run.kind === 'break') {
      breaks++;
      if (splitOnEveryBreak || breaks === 2) flush();
      else {
        md += ' ';
        plain += ' ';
      }
      continue;
    }
    if (run.kind === 'block') {
      flush();
      blocks.push(run.block);
      breaks = 0;
      continue;
    }
    if (/\S/.test(run.plain)) breaks = 0;
    md += run.md;
    plain += run.plain;
  }
  flush();
  return blocks;
}

/**
 * collapse() for text joined from runs: each run's text is collapsed already
 * (no controls, no whitespace but single spaces), and Markdown markers and
 * link targets add none, so only where runs meet can spaces double up.
 */
function collapseJoined(text: string): string {
  return text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text;
}

function finish(md: string, plain: string, onText: (md: string, plain: string) => ImportedBlock | undefined): ImportedBlock | undefined {
  const words = collapseJoined(plain).trim();
  if (!/\S/.test(words)) return undefined;
  return onText(collapseJoined(md).trim(), words);
}

/** The runs' text as one line of Markdown and as plain text, and the blocks found in them. */
export function joinRuns(runs: Run[]): { md: string; plain: string; blocks: ImportedBlock[] } {
  const parts = stretches(runs);
  const texts = parts.filter((part): part is { md: string; plain: string } => !('block' in part));
  return {
    md: collapseJoined(texts.map((part) => part.md).join(' ')).trim(),
    plain: collapseJoined(texts.map((part) => part.plain).join(' ')).trim(),
    blocks: parts.flatMap((part) => ('block' in part ? [part.block] : [])),
  };
}
