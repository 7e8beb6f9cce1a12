/**
 * Lexical (the format Ghost 5 stores posts in: Koenig's kg-default-nodes,
 * rendered by kg-lexical-html-renderer) → HTML. A document is
 * `{root: {children: [...]}}`; element nodes (paragraph, heading with its
 * `tag`, quote, aside, list with `listType` bullet/number/check and its
 * listitems, link/autolink with `url`) have children; text nodes have `text`
 * and a `format` bitmask (bold 1, italic 2, strikethrough 4, underline 8,
 * code 16, subscript 32, superscript 64, highlight 128); linebreak, tab and
 * horizontalrule stand alone; Ghost's cards are decorator nodes whose fields
 * are the mobiledoc cards' payloads (cards.ts).
 */
import { escapeHtml } from '../../text/inline';
import { ghostUrl, renderCard, type Payload, type RenderContext } from './cards';

type LexicalNode = Record<string, unknown>;

/** How deep the renderer follows nested nodes; deeper content is left out (a document nested thousands deep is an attack, not a post). */
export const MAX_LEXICAL_DEPTH = 100;

const FORMATS: [number, string][] = [
  [16, 'code'],
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [32, 'sub'],
  [64, 'sup'],
  [128, 'mark'],
];

const HEADING = /^h[1-6]$/;

const childrenOf = (node: LexicalNode): LexicalNode[] => (Array.isArray(node.children) ? (node.children as unknown[]).filter((c): c is LexicalNode => !!c && typeof c === 'object') : []);

function textHtml(node: LexicalNode): string {
  let html = escapeHtml(typeof node.text === 'string' ? node.text : '');
  const format = typeof node.format === 'number' ? node.format : 0;
  for (const [bit, tag] of FORMATS) if (format & bit) html = `<${tag}>${html}</${tag}>`;
  return html;
}

class LexicalRenderer {
  private cut = false;

  constructor(private readonly ctx: RenderContext) {}

  document(doc: unknown): string {
    const root = (doc as { root?: unknown } | null)?.root;
    if (!root || typeof root !== 'object') throw new Error('not a lexical document (no root)');
    const html = this.children(root as LexicalNode, 0, '\n');
    if (this.cut) this.ctx.notes.push(`left out content nested more than ${MAX_LEXICAL_DEPTH} levels deep`);
    return html;
  }

  private children(node: LexicalNode, depth: number, separator = ''): string {
    if (depth >= MAX_LEXICAL_DEPTH) {
      this.cut = true;
      return '';
    }
    return childrenOf(node)
      .map((child) => this.node(child, depth + 1))
      .join(separator);
  }

  private node(node: LexicalNode, depth: number): string {
    const type = typeof node.type === 'string' ? node.type : '';
    switch (type) {
      case 'text':
      case 'extended-text':
      case 'hashtag':
        return textHtml(node);
      case 'linebreak':
        return '<br>';
      case 'tab':
        return ' ';
      case 'paragraph':
        return `<p>${this.children(node, depth)}</p>`;
      case 'heading':
      case 'extended-heading': {
        const tag = typeof node.tag === 'string' && HEADING.test(node.tag) ? node.tag : 'h2';
        return `<${tag}>${this.children(node, depth)}</${tag}>`;
      }
      case 'quote':
      case 'extended-quote':
      case 'aside':
        return `<blockquote>${this.children(node, depth)}</blockquote>`;
      case 'link':
      case 'autolink': {
        const url = typeof node.url === 'string' ? ghostUrl(node.url, this.ctx) : '';
        return `<a href="${escapeHtml(url)}">${this.children(node, depth)}</a>`;
      }
      case 'list':
        return this.list(node, depth);
      case 'listitem':
        return `<li>${this.children(node, depth)}</li>`;
      default:
        if (Array.isArray(node.children)) {
          this.ctx.notes.push(`read a lexical "${type.slice(0, 40)}" node this importer does not know as its text`);
          return `<div>${this.children(node, depth)}</div>`;
        }
        return renderCard(type, node as Payload, this.ctx);
    }
  }

  /**
   * Lexical nests a list as an item of its own that holds only the list,
   * after the item it belongs to; it is moved into that item, as HTML nests it.
   */
  private list(node: LexicalNode, depth: number): string {
    const tag = node.listType === 'number' || node.tag === 'ol' ? 'ol' : 'ul';
    const items: string[] = [];
    for (const item of childrenOf(node)) {
      const kids = childrenOf(item);
      const onlyLists = kids.length > 0 && kids.every((kid) => kid.type === 'list');
      if (onlyLists && items.length) {
        const nested = this.children(item, depth + 1);
        items[items.length - 1] = (items[items.length - 1] as string).replace(/<\/li>$/, `${nested}</li>`);
      } else {
        const checked = node.listType === 'check' ? (item.checked ? '☑ ' : '☐ ') : '';
        items.push(`<li>${checked}${this.children(item, depth + 1)}</li>`);
      }
    }
    return `<${tag}>${items.join('')}</${tag}>`;
  }
}

/** A whole lexical document as HTML. Throws for something that is not one (no root). */
export function lexicalToHtml(doc: unknown, ctx: RenderContext): string {
  return new LexicalRenderer(ctx).document(doc);
}
