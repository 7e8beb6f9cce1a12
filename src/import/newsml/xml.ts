/**
 * XML for the NewsML-G2 reader: fast-xml-parser checks well-formedness (with
 * the line and column of the first fault) and parses with fixed limits, and
 * this module turns its output into a small tree whose elements carry their
 * namespace, so `<nar:headline>` and a default-namespaced `<headline>` are
 * the same element and a provider's own `<x:headline>` is not.
 *
 * Limits (a hostile file must neither hang nor blow up memory): the text is at
 * most MAX_XML_CHARS; elements nest at most MAX_DEPTH deep; external entities
 * are refused by the parser; DOCTYPE entities are expanded only when their
 * value holds no markup and no other entity (so a "billion laughs" document
 * stays as written), at most MAX_ENTITIES of them, each at most 10,000
 * characters, with at most 1,000,000 characters and 10,000 expansions in all.
 */
import type { X2jOptions, XMLParser } from 'fast-xml-parser';

export const NAR = 'http://iptc.org/std/nar/2006-10-01/';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const MAX_XML_CHARS = 64 * 1024 * 1024;
export const MAX_DEPTH = 256;
const MAX_ENTITIES = 100;

export interface XmlElement {
  kind: 'element';
  /** The element's namespace URI ('' for none). */
  ns: string;
  /** The local name, without any prefix. */
  name: string;
  /** Attributes by their name as written ("guid", "xml:lang"); xmlns declarations are left out. */
  attrs: ReadonlyMap<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

/** fast-xml-parser's entity limits; `appliesTo` is read by 5.12.1 but missing from its types. */
const entityLimits = {
  enabled: true,
  maxEntitySize: 10_000,
  maxEntityCount: MAX_ENTITIES,
  maxExpandedLength: 1_000_000,
  maxTotalExpansions: 10_000,
  // Count only the entities a document declares itself, not &amp; or &#233; in a long story.
  appliesTo: 'external',
};

const PARSER_OPTIONS: X2jOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignorePiTags: true,
  ignoreDeclaration: true,
  // Numeric character references (&#233;) are decoded only with htmlEntities on; it also knows &nbsp; and friends.
  htmlEntities: true,
  maxNestedTags: MAX_DEPTH,
  processEntities: entityLimits,
};

/** fast-xml-parser and the parser, loaded when the first NewsML file is read: an import of other formats never needs them. */
let fastXml: { XMLValidator: typeof import('fast-xml-parser').XMLValidator; parser: XMLParser } | undefined;
function loadFastXml(): NonNullable<typeof fastXml> {
  if (!fastXml) {
    const { XMLParser: Parser, XMLValidator } = require('fast-xml-parser') as typeof import('fast-xml-parser');
    fastXml = { XMLValidator, parser: new Parser(PARSER_OPTIONS) };
  }
  return fastXml;
}

/** fast-xml-parser's ordered output: one key (the tag name, "#text") per entry, attributes under ":@". */
type Ordered = Record<string, unknown>;

/**
 * Parses a whole document. Throws an Error whose message says what is wrong
 * and where ("line 3, column 1: Expected closing tag 'b' …") for text that is
 * not well-formed XML or is over a limit.
 */
export function parseXml(text: string): XmlElement {
  if (text.length > MAX_XML_CHARS) throw new Error(`the file has ${text.length} characters; at most ${MAX_XML_CHARS} are read`);
  const { XMLValidator, parser } = loadFastXml();
  const checked = XMLValidator.validate(text);
  if (checked !== true) {
    const { line, col, msg } = checked.err;
    throw new Error(`not well-formed XML: line ${line}${col ? `, column ${col}` : ''}: ${msg}`);
  }
  let ordered: Ordered[];
  try {
    ordered = parser.parse(text) as Ordered[];
  } catch (error) {
    const message = (error as Error).message.replace(/^\[(?:EntityReplacer|SECURITY)\]\s*/, '');
    if (/nested tags/i.test(message)) throw new Error(`elements nest more than ${MAX_DEPTH} deep; refused`);
    throw new Error(`refused: ${message}`);
  }
  const roots = ordered.filter((entry) => elementName(entry) !== undefined);
  if (roots.length !== 1) throw new Error(`not well-formed XML: ${roots.length} root elements, one expected`);
  return toElement(roots[0] as Ordered, new Map([['xml', XML_NS]]));
}

function elementName(entry: Ordered): string | undefined {
  return Object.keys(entry).find((key) => key !== ':@' && key !== '#text');
}

function toElement(entry: Ordered, scope: ReadonlyMap<string, string>): XmlElement {
  const qname = elementName(entry) as string;
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, unknown>;
  let inScope = scope;
  const attrs = new Map<string, string>();
  for (const [key, value] of Object.entries(rawAttrs)) {
    const text = typeof value === 'string' ? value : String(value);
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (inScope === scope) inScope = new Map(scope);
      (inScope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), text);
    } else {
      attrs.set(key, text);
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const children: XmlNode[] = [];
  for (const child of (entry[qname] ?? []) as Ordered[]) {
    if ('#text' in child) children.push({ kind: 'text', text: String(child['#text']) });
    else if (elementName(child) !== undefined) children.push(toElement(child, inScope));
  }
  return { kind: 'element', ns: inScope.get(prefix) ?? '', name: colon === -1 ? qname : qname.slice(colon + 1), attrs, children };
}

export function elements(parent: XmlElement): XmlElement[] {
  return parent.children.filter((node): node is XmlElement => node.kind === 'element');
}

/** The children of `parent` called `name` in namespace `ns`. */
export function childrenNamed(parent: XmlElement | undefined, ns: string, name: string): XmlElement[] {
  return parent ? elements(parent).filter((child) => child.ns === ns && child.name === name) : [];
}

export function childNamed(parent: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  return childrenNamed(parent, ns, name)[0];
}

/** The first element called `name` (any namespace) at or below `root`, breadth first. */
export function findByLocalName(root: XmlElement, name: string): XmlElement | undefined {
  const queue: XmlElement[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const element = queue[i] as XmlElement;
    if (element.name === name) return element;
    queue.push(...elements(element));
  }
  return undefined;
}

/** An attribute's value, trimmed; undefined when absent or empty. */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.attrs.get(name)?.trim();
  return value ? value : undefined;
}

/** Every character of text at or below `node`, in document order; a <br/> is a space, ruby annotations are left out. */
export function textContent(node: XmlNode): string {
  if (node.kind === 'text') return node.text;
  if (node.name === 'br') return ' ';
  if (node.name === 'rt' || node.name === 'rp') return '';
  let out = '';
  for (const child of node.children) out += textContent(child);
  return out;
}
