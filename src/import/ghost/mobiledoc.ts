/**
 * Mobiledoc 0.3.x (the format Ghost 1 to 4 stored posts in, bustle's
 * mobiledoc-kit MOBILEDOC.md) → HTML. A document is
 * `{version, atoms: [[name, text, payload]], cards: [[name, payload]],
 * markups: [[tagName, [attrName, attrValue, …]]], sections: [...]}`; a section is
 * [1, tagName, markers] (p, h1–h6, blockquote, aside, pull-quote), [2, src] (an image),
 * [3, "ul"|"ol", [markers, …]] (a list; mobiledoc lists do not nest) or [10, cardIndex];
 * a marker is [0 text | 1 atom, openedMarkupIndexes, closedCount, value].
 * Ghost's one atom is "soft-return" (a line break); cards are cards.ts's.
 */
import { escapeHtml } from '../../text/inline';
import { ghostUrl, renderCard, type Payload, type RenderContext } from './cards';

type Markup = [string, unknown[]?];

const MARKUP_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'strike', 'code', 'sub', 'sup', 'mark', 'span']);
/** Section tags written as they are; Ghost's aside and pull-quote (quotes set apart) become blockquotes, which the converter knows. */
const SECTION_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function openTag(markup: Markup, ctx: RenderContext): string {
  const [tag] = markup;
  if (tag !== 'a') return `<${tag}>`;
  const attrs = asArray(markup[1]);
  for (let i = 0; i + 1 < attrs.length; i += 2) {
    if (String(attrs[i]).toLowerCase() === 'href') return `<a href="${escapeHtml(ghostUrl(String(attrs[i + 1]), ctx))}">`;
  }
  return '<a>';
}

/** A section's markers as inline HTML: markups opened and closed as the markers say, atoms as their text (soft-return a <br>). */
function markersHtml(markers: unknown[], markups: Markup[], atoms: unknown[], ctx: RenderContext): string {
  let html = '';
  const open: string[] = [];
  for (const marker of markers) {
    const [type, opened, closed, value] = asArray(marker);
    for (const index of asArray(opened)) {
      const markup = markups[Number(index)];
      // An unknown or missing markup still takes a place on the stack, so the closed counts stay true.
      const tag = markup && MARKUP_TAGS.has(String(markup[0]).toLowerCase()) ? String(markup[0]).toLowerCase() : 'span';
      html += markup && tag !== 'span' ? openTag([tag, markup[1]], ctx) : '<span>';
      open.push(tag);
    }
    if (type === 1) {
      const atom = asArray(atoms[Number(value)]);
      html += atom[0] === 'soft-return' ? '<br>' : escapeHtml(typeof atom[1] === 'string' ? atom[1] : '');
    } else if (typeof value === 'string') {
      html += escapeHtml(value);
    }
    for (let n = Math.min(Number(closed) || 0, open.length); n > 0; n--) html += `</${open.pop()}>`;
  }
  while (open.length) html += `</${open.pop()}>`;
  return html;
}

/** A whole mobiledoc document as HTML. Throws for something that is not one (no sections array). */
export function mobiledocToHtml(doc: unknown, ctx: RenderContext): string {
  const { atoms, cards, markups, sections } = (doc ?? {}) as Record<string, unknown>;
  if (!Array.isArray(sections)) throw new Error('not a mobiledoc document (no sections)');
  const markupList = asArray(markups).map((m) => asArray(m) as Markup);
  const atomList = asArray(atoms);
  const cardList = asArray(cards);
  const parts: string[] = [];
  for (const section of sections) {
    const [kind, a, b] = asArray(section);
    if (kind === 1) {
      const tag = String(a).toLowerCase();
      const inner = markersHtml(asArray(b), markupList, atomList, ctx);
      const block = SECTION_TAGS.has(tag) ? tag : 'blockquote';
      parts.push(`<${block}>${inner}</${block}>`);
    } else if (kind === 2) {
      if (typeof a === 'string') parts.push(`<figure><img src="${escapeHtml(ghostUrl(a, ctx))}" alt=""></figure>`);
    } else if (kind === 3) {
      const tag = String(a).toLowerCase() === 'ol' ? 'ol' : 'ul';
      parts.push(`<${tag}>${asArray(b).map((item) => `<li>${markersHtml(asArray(item), markupList, atomList, ctx)}</li>`).join('')}</${tag}>`);
    } else if (kind === 10) {
      const [name, payload] = asArray(cardList[Number(a)]);
      if (typeof name === 'string') parts.push(renderCard(name, (payload ?? {}) as Payload, ctx));
    } else {
      ctx.notes.push(`dropped a mobiledoc section of unknown kind ${String(kind).slice(0, 10)}`);
    }
  }
  return parts.join('\n');
}
