/**
 * Checks shared by the feed and sitemap tests: a document is well-formed XML
 * (fast-xml-parser's validator, failures reported with line and column) and
 * holds no character XML 1.0 forbids; parse() reads it into plain objects.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function expectWellFormed(xml: string, label = 'document'): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { line, col, msg } = result.err;
    const context = xml.split('\n')[line - 1] ?? '';
    throw new Error(`${label} is not well-formed XML at line ${line}, column ${col}: ${msg}\n${context}`);
  }
  const bad = NOT_XML.exec(xml);
  if (bad) throw new Error(`${label} holds a character XML 1.0 forbids: U+${(bad[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at offset ${bad.index}`);
}

/** Repeated elements always come back as arrays, so tests can count them. */
const ALWAYS_ARRAYS = new Set(['item', 'entry', 'url', 'sitemap', 'dc:creator', 'category', 'author']);
/** Atom's <link> repeats; RSS's <link> is a single text element. */
const ARRAY_PATHS = new Set(['feed.link', 'feed.entry.link']);

export function parseXml(xml: string): Record<string, any> {
  expectWellFormed(xml);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name, jPath) => ALWAYS_ARRAYS.has(name) || ARRAY_PATHS.has(String(jPath)) }).parse(xml) as Record<string, any>;
}

/** Text of an element that may carry attributes (then fast-xml-parser puts the text in #text). */
export function text(node: unknown): string {
  if (node && typeof node === 'object' && '#text' in node) return String((node as { '#text': unknown })['#text']);
  return String(node);
}
