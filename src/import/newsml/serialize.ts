/**
 * Writes a parsed XHTML or NITF subtree back out as markup for the HTML and
 * NITF converters (src/import/html). Elements lose their prefixes and
 * namespace declarations (a prefixed `<h:p>` becomes `<p>`), text and
 * attribute values are escaped again, `xml:lang` becomes `lang` and other
 * prefixed attributes are dropped. Void elements are written `<br/>` and
 * every other element with an end tag, so an HTML parser and an XML parser
 * read the same tree. Text that looks like markup once XML is decoded
 * (a CDATA section or `&lt;script&gt;`) is taken out (stripMarkup), so it
 * cannot come back as text that passes for markup; `found.markup` says so.
 */
import { stripMarkup } from './text';
import type { XmlElement, XmlNode } from './xml';

export interface Found {
  markup: boolean;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

export function serializeNode(node: XmlNode, found: Found): string {
  if (node.kind === 'text') {
    const text = stripMarkup(node.text);
    if (text !== node.text) found.markup = true;
    return escapeText(text);
  }
  let attrs = '';
  for (const [name, value] of node.attrs) {
    const written = name === 'xml:lang' ? 'lang' : name;
    if (written.includes(':') || !/^[A-Za-z_][\w.-]*$/.test(written)) continue;
    attrs += ` ${written}="${escapeAttr(value)}"`;
  }
  if (VOID.has(node.name)) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${serializeChildren(node, found)}</${node.name}>`;
}

export function serializeChildren(element: XmlElement, found: Found): string {
  return element.children.map((child) => serializeNode(child, found)).join('');
}
