/**
 * A small tree of the markup an item carries, built from htmlparser2's
 * tokenizer and parser events (the parser decides what a tag, an attribute,
 * an entity and an implied end tag are; nothing here reads markup itself).
 * Element names are lowercase local names ("nitf:p" → "p"), text is decoded,
 * comments and processing instructions are gone, and nesting deeper than
 * MAX_DEPTH is flattened into its deepest kept element, so every walk over
 * the tree stays shallow whatever the input.
 */
import { Parser } from 'htmlparser2';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}
/** A child: an element or a run of decoded text. */
export type Node = El | string;

export const MAX_DEPTH = 100;
/**
 * Where reading stops: htmlparser2 keeps its open elements in an array it
 * shifts, so each tag costs as much as the nesting is deep, and markup of
 * 100,000 unclosed tags would take minutes. Browsers stop nesting at 512.
 */
export const MAX_PARSE_DEPTH = 2000;

export interface Parsed {
  root: El;
  /** Whether some markup was nested deeper than MAX_DEPTH (and flattened). */
  flattened: boolean;
  /** Whether reading stopped where the markup nests deeper than MAX_PARSE_DEPTH (the rest is left out). */
  cut: boolean;
}

/** Thrown from a parser callback to stop reading. */
const STOP = Symbol('stop');

/** The local name of a tag, lowercase: "nitf:Body.Content" → "body.content". */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

/**
 * Parses HTML (a fragment or a whole document) or, with `xml`, an XML
 * document such as NITF: self-closing tags and CDATA are recognised, and HTML's
 * named entities are decoded as NITF's DTD declares them.
 */
export function parseMarkup(markup: string, xml = false): Parsed {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  let ignored = 0;
  let flattened = false;
  let cut = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (stack.length + ignored >= MAX_PARSE_DEPTH) throw STOP;
        if (stack.length > MAX_DEPTH) {
          ignored++;
          flattened = true;
          return;
        }
        const el: El = { name: localName(name), attrs: attribs, children: [] };
        (stack[stack.length - 1] as El).children.push(el);
        stack.push(el);
      },
      onclosetag() {
        if (ignored > 0) ignored--;
        else if (stack.length > 1) stack.pop();
      },
      ontext(data) {
        const children = (stack[stack.length - 1] as El).children;
        const last = children.length - 1;
        if (typeof children[last] === 'string') children[last] += data;
        else children.push(data);
      },
    },
    xml ? { lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true, recognizeCDATA: true } : {},
  );
  try {
    parser.write(markup);
    parser.end();
  } catch (error) {
    if (error !== STOP) throw error;
    cut = true;
  }
  return { root, flattened, cut };
}

export const isEl = (node: Node): node is El => typeof node !== 'string';

/** An attribute's value, trimmed; undefined when absent or empty. */
export function attr(el: El, name: string): string | undefined {
  const value = el.attrs[name]?.trim();
  return value ? value : undefined;
}

/** The element's class names, lowercase. */
export function classes(el: El): string[] {
  return (el.attrs.class ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function hasClass(el: El, test: (name: string) => boolean): boolean {
  return classes(el).some(test);
}

/** Every element below `el` (not `el` itself), depth first, in document order. */
export function* descendants(el: El, skip?: (child: El) => boolean): Generator<El> {
  for (const child of el.children) {
    if (!isEl(child) || skip?.(child)) continue;
    yield child;
    yield* descendants(child, skip);
  }
}

/** The first element below `el` (depth first, in document order) that passes `test`: descendants() without a generator. */
export function firstDescendant(el: El, test: (child: El) => boolean, skip?: (child: El) => boolean): El | undefined {
  for (const child of el.children) {
    if (!isEl(child) || skip?.(child)) continue;
    if (test(child)) return child;
    const found = firstDescendant(child, test, skip);
    if (found) return found;
  }
  return undefined;
}

/** Elements whose text is never content: their children are code, styles or metadata. */
const NO_TEXT = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'textarea', 'select', 'option', 'object', 'embed', 'applet', 'iframe', 'svg', 'math', 'canvas', 'audio', 'video']);

/** Elements that end a line of text where they sit (so their words do not run into their neighbours'). */
const LINE_BREAKING = new Set(['p', 'div', 'li', 'tr', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hl1', 'hl2', 'blockquote', 'bq', 'figcaption', 'caption', 'section', 'article', 'header', 'footer', 'block', 'table', 'ul', 'ol', 'pre', 'hr']);

/**
 * The text below `el` exactly as written (for preformatted code), `<br>` as a
 * line break; elements for which `skip` says yes are left out.
 */
export function rawText(el: El, skip?: (child: El) => boolean): string {
  let out = '';
  for (const child of el.children) {
    if (!isEl(child)) out += child;
    else if (child.name === 'br') out += '\n';
    else if (!NO_TEXT.has(child.name) && !skip?.(child)) {
      const inner = rawText(child, skip);
      out += LINE_BREAKING.has(child.name) ? `\n${inner}\n` : inner;
    }
  }
  return out;
}

/**
 * A run of HTML's whitespace (not the no-break space, which is written on
 * purpose) that is not already a single space: a lone space stays as it is
 * and is not matched, so ordinary text costs one scan and no replacements.
 */
const HTML_SPACE = /[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+/g;
/** C0 controls other than whitespace, and DEL: never content. */
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
/** Whether collapse() has anything to do: a control, a whitespace other than the space, or two spaces. */
const UNCOLLAPSED = /[\u0000-\u001f\u007f]| {2}/;

/** Text with its whitespace collapsed as a browser shows it, and control characters removed. */
export function collapse(text: string): string {
  return UNCOLLAPSED.test(text) ? text.replace(CONTROLS, '').replace(HTML_SPACE, ' ') : text;
}

/** The text below `el` as a reader sees it: whitespace collapsed, trimmed. */
export function plainText(el: El, skip?: (child: El) => boolean): string {
  return collapse(rawText(el, skip)).trim();
}

/** Whether a string holds anything but whitespace (the no-break space counts as whitespace here). */
export const hasWords = (text: string): boolean => /\S/.test(text);

/** A string cut to `max` characters, for attribute-borne text that may be absurdly long. */
export function capped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
