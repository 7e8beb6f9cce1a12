/**
 * The one escaping function every feed and sitemap uses, for text and for
 * attribute values alike. Besides the five markup characters it drops what
 * XML 1.0 cannot hold at all (C0 controls other than tab, newline and carriage
 * return, U+FFFE, U+FFFF and lone surrogates), so no record can make a feed
 * ill-formed.
 */

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text without the characters XML 1.0 forbids. */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Escapes text for an XML element body or a quoted attribute value. */
export function escapeXml(text: string): string {
  return xmlSafeText(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** An element with escaped text content; attribute values are escaped too. */
export function element(name: string, text: string, attributes: Record<string, string | number | undefined> = {}): string {
  return `<${name}${attrs(attributes)}>${escapeXml(text)}</${name}>`;
}

/** An empty element: `<name a="1"/>`. */
export function emptyElement(name: string, attributes: Record<string, string | number | undefined>): string {
  return `<${name}${attrs(attributes)}/>`;
}

function attrs(attributes: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out += ` ${key}="${escapeXml(String(value))}"`;
  return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
