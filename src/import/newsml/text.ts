/**
 * Plain text out of NewsML-G2 properties: whitespace collapsed, control
 * characters dropped, and anything that still looks like a tag after XML
 * decoding (a provider's double-escaped `&lt;b&gt;`) removed, so no markup
 * reaches a record. Also bylines split into names.
 */
import { textContent, type XmlElement } from './xml';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;
const SCRIPT_LIKE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG_LIKE = /<\/?[A-Za-z][^<>]*>|<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>/g;

/**
 * Text with markup-like runs taken out: a script or style "element" with
 * what it holds, any other tag, comment or CDATA marker. For text that is
 * text once XML is decoded (CDATA, &lt;b&gt;), so it cannot pass for markup.
 */
export function stripMarkup(text: string): string {
  return text.replace(SCRIPT_LIKE, ' ').replace(TAG_LIKE, ' ');
}

export interface CleanText {
  text: string;
  /** Whether markup-like text was taken out. */
  hadMarkup: boolean;
}

/** Text with markup-like runs removed and whitespace collapsed; line breaks are kept when `keepLines`. */
export function cleanText(raw: string, keepLines = false): CleanText {
  const noControl = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  const text = stripMarkup(noControl);
  const collapsed = keepLines
    ? text
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .join('\n')
        .trim()
    : text.replace(/\s+/g, ' ').trim();
  return { text: collapsed, hadMarkup: text !== noControl };
}

/**
 * The plain text of a property element (headline, description, name…), or
 * undefined when it has none. Adds a note when markup-like text was removed.
 */
export function plainText(element: XmlElement | undefined, what: string, notes: string[]): string | undefined {
  if (!element) return undefined;
  const { text, hadMarkup } = cleanText(textContent(element));
  if (hadMarkup) notes.push(`removed markup-like text from the ${what}`);
  return text || undefined;
}

/**
 * The names in a byline: "By Ann Lee and Bo Park" → ["Ann Lee", "Bo Park"].
 * A leading "By" goes; names are split at commas, semicolons, "&" and "and".
 */
export function splitByline(line: string): string[] {
  const body = line.replace(/^\s*by[\s:]+/i, '');
  return body
    .split(/\s*(?:[,;&]|\band\b)\s*/i)
    .map((part) => part.replace(/^\s*by\s+/i, '').trim())
    .filter((part) => /\p{L}/u.test(part));
}
