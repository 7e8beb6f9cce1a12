/**
 * The body of a text item from its contentSet. Renditions are tried in this
 * order and the first that gives any block is the body:
 *  1. inlineXML in XHTML (contenttype application/xhtml+xml, or an <html> or
 *     <body> inside): the inner markup of <body> goes to htmlToBlocks;
 *  2. inlineXML in NITF (application/nitf+xml, or a <nitf> inside): the
 *     <nitf> element goes to nitfToBlocks;
 *  3. inlineData in HTML (text/html, application/xhtml+xml): htmlToBlocks;
 *  4. inlineData in plain text (text/plain or no contenttype): textToBlocks
 *     (paragraphs split at blank lines, or one a line when there is none).
 * remoteContent is never fetched, and encoded inlineData (base64…) is not
 * decoded; both are noted. Also the headline, sub-headline, abstract and
 * byline of the chosen XHTML or NITF head, for items whose contentMeta
 * lacks them.
 */
import type { BlockRecord } from '../../blocks/registry';
import { htmlToBlocks, nitfToBlocks, textToBlocks } from '../html';
import { cleanText, plainText, splitByline, stripMarkup } from './text';
import { serializeChildren, serializeNode } from './serialize';
import { attr, elements, findByLocalName, textContent, type XmlElement } from './xml';

export interface BodyHead {
  headline?: string;
  subheadline?: string;
  abstract?: string;
  byline?: { names: string[]; role?: string };
}

export interface Body {
  blocks: BlockRecord[];
  head: BodyHead;
}

type Kind = 'xhtml' | 'nitf' | 'html' | 'text';
const ORDER: readonly Kind[] = ['xhtml', 'nitf', 'html', 'text'];

function mediaType(element: XmlElement): string {
  return (attr(element, 'contenttype') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function kindOf(rendition: XmlElement, notes: string[]): Kind | undefined {
  const type = mediaType(rendition);
  if (rendition.name === 'inlineXML') {
    const first = elements(rendition)[0];
    if (type === 'application/xhtml+xml' || (!type && (first?.name === 'html' || first?.name === 'body'))) return 'xhtml';
    if (type === 'application/nitf+xml' || (!type && first?.name === 'nitf')) return 'nitf';
    notes.push(`an inlineXML rendition in ${type || `<${first?.name ?? 'nothing'}>`} is not read`);
    return undefined;
  }
  if (rendition.name === 'inlineData') {
    if (attr(rendition, 'encoding') || attr(rendition, 'encodinguri')) {
      notes.push(`an encoded inlineData rendition (${attr(rendition, 'encoding') ?? attr(rendition, 'encodinguri')}) is not read`);
      return undefined;
    }
    if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
    if (type === 'text/plain' || type === '') return 'text';
    notes.push(`an inlineData rendition in ${type} is not read`);
    return undefined;
  }
  if (rendition.name === 'remoteContent') {
    notes.push(`a remote rendition (${cleanText(attr(rendition, 'href') ?? attr(rendition, 'residref') ?? 'no href').text.slice(0, 80)}) is not fetched`);
  }
  return undefined;
}

function xhtmlBody(rendition: XmlElement, notes: string[]): Body {
  const html = elements(rendition).find((e) => e.name === 'html');
  const body = html ? elements(html).find((e) => e.name === 'body') : elements(rendition).find((e) => e.name === 'body');
  const title = html && findByLocalName(html, 'title');
  const headline = plainText(title, 'XHTML title', notes);
  const found = { markup: false };
  const converted = htmlToBlocks(serializeChildren(body ?? rendition, found));
  if (found.markup) notes.push('removed markup-like text from the XHTML body');
  notes.push(...converted.notes);
  return { blocks: converted.blocks, head: headline ? { headline } : {} };
}

function nitfHead(nitf: XmlElement, notes: string[]): BodyHead {
  const head: BodyHead = {};
  const bodyHead = findByLocalName(nitf, 'body.head');
  const hedline = bodyHead && findByLocalName(bodyHead, 'hedline');
  const headline = plainText(hedline && findByLocalName(hedline, 'hl1'), 'NITF headline', notes) ?? plainText(findByLocalName(nitf, 'title'), 'NITF title', notes);
  const subheadline = plainText(hedline && findByLocalName(hedline, 'hl2'), 'NITF sub-headline', notes);
  const abstract = plainText(bodyHead && findByLocalName(bodyHead, 'abstract'), 'NITF abstract', notes);
  if (headline) head.headline = headline;
  if (subheadline) head.subheadline = subheadline;
  if (abstract) head.abstract = abstract;
  const byline = bodyHead && findByLocalName(bodyHead, 'byline');
  if (byline) {
    const title = findByLocalName(byline, 'byttl');
    const withoutTitle = byline.children.filter((child) => child !== title);
    const names = splitByline(cleanText(withoutTitle.map(textContent).join('')).text);
    const role = title ? cleanText(textContent(title)).text.replace(/^[,\s]+/, '') : '';
    if (names.length) head.byline = role ? { names, role } : { names };
  }
  return head;
}

function nitfBody(rendition: XmlElement, notes: string[]): Body {
  const nitf = elements(rendition).find((e) => e.name === 'nitf') ?? rendition;
  const found = { markup: false };
  const converted = nitfToBlocks(nitf === rendition ? `<nitf>${serializeChildren(rendition, found)}</nitf>` : serializeNode(nitf, found));
  if (found.markup) notes.push('removed markup-like text from the NITF body');
  notes.push(...converted.notes);
  return { blocks: converted.blocks, head: nitfHead(nitf, notes) };
}

function textBody(rendition: XmlElement, notes: string[]): Body {
  const raw = textContent(rendition);
  const text = stripMarkup(raw);
  if (text !== raw) notes.push('removed markup-like text from the plain-text body');
  const converted = textToBlocks(text);
  notes.push(...converted.notes);
  return { blocks: converted.blocks, head: {} };
}

/** HTML carried as text: it is markup by its content type, so it goes to the converter as it is. */
function htmlDataBody(rendition: XmlElement, notes: string[]): Body {
  const converted = htmlToBlocks(textContent(rendition));
  notes.push(...converted.notes);
  return { blocks: converted.blocks, head: {} };
}

const READERS: Record<Kind, (rendition: XmlElement, notes: string[]) => Body> = { xhtml: xhtmlBody, nitf: nitfBody, html: htmlDataBody, text: textBody };

/** The body of the item's contentSet, or undefined when no rendition gives a block. */
export function bodyOf(contentSet: XmlElement | undefined, nar: string, notes: string[]): Body | undefined {
  if (!contentSet) return undefined;
  const renditions = elements(contentSet)
    .filter((e) => e.ns === nar)
    .map((element) => ({ element, kind: kindOf(element, notes) }))
    .filter((r): r is { element: XmlElement; kind: Kind } => r.kind !== undefined);
  for (const kind of ORDER) {
    for (const { element } of renditions.filter((r) => r.kind === kind)) {
      const body = READERS[kind](element, notes);
      if (body.blocks.length) return body;
    }
  }
  return undefined;
}
