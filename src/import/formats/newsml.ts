/**
 * IPTC NewsML-G2 (XML): a newsItem, or a newsMessage whose itemSet carries
 * several items. Text news items become articles (src/import/newsml/item.ts
 * maps one); picture, video, audio and graphic items, packages, concepts,
 * knowledge and planning items are skipped with the reason; a picture item
 * that a text item of the same message links to becomes that article's main
 * image. When a message carries several versions of one guid, the highest
 * is read and the others are skipped.
 */
import type { ImageDraft, ImportItem, WholeFileFormat } from '../draft';
import { itemClassOf, notText, readNewsItem } from '../newsml/item';
import { pictureOfItem } from '../newsml/picture';
import { NAR, attr, childrenNamed, elements, parseXml, type XmlElement } from '../newsml/xml';

/** Items that are not news items, by root element, as a word for the skip reason. */
const OTHER_ITEMS = new Map([
  ['packageItem', 'package'],
  ['conceptItem', 'concept'],
  ['knowledgeItem', 'knowledge'],
  ['planningItem', 'planning'],
  ['catalogItem', 'catalog'],
]);
const ROOTS = new Set(['newsItem', 'newsMessage', ...OTHER_ITEMS.keys()]);

/** Where the root element starts, after white space, the XML declaration, comments, processing instructions and a DOCTYPE. */
function rootStart(text: string): number {
  let i = 0;
  while (i < text.length) {
    while (/\s/.test(text[i] ?? '')) i++;
    if (text.startsWith('<?', i)) i = end(text.indexOf('?>', i + 2), 2);
    else if (text.startsWith('<!--', i)) i = end(text.indexOf('-->', i + 4), 3);
    else if (text.startsWith('<!DOCTYPE', i)) {
      let depth = 0;
      for (i += 9; i < text.length && !(text[i] === '>' && depth <= 0); i++) depth += text[i] === '[' ? 1 : text[i] === ']' ? -1 : 0;
      i++;
    } else return i;
  }
  return -1;
}

function end(at: number, length: number): number {
  return at === -1 ? Number.MAX_SAFE_INTEGER : at + length;
}

const START_TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Whether the root element (after any prolog) is a NewsML-G2 item or message in the NewsML-G2 namespace. */
export function sniffNewsml(text: string): boolean {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '');
  const start = rootStart(head);
  if (start < 0 || start >= head.length) return false;
  START_TAG.lastIndex = start;
  const tag = START_TAG.exec(head);
  if (!tag) return false;
  const [qname = '', attributes = ''] = [tag[1], tag[2]];
  const colon = qname.indexOf(':');
  const local = colon === -1 ? qname : qname.slice(colon + 1);
  const declaration = colon === -1 ? 'xmlns' : `xmlns:${qname.slice(0, colon)}`;
  for (const match of attributes.matchAll(ATTRIBUTE)) if (match[1] === declaration) return ROOTS.has(local) && (match[2] ?? match[3]) === NAR;
  return false;
}

function versionOf(item: XmlElement): number {
  const version = Number(attr(item, 'version') ?? '1');
  return Number.isFinite(version) ? version : 1;
}

function readItems(items: XmlElement[], nar: string, inheritedLang: string | undefined): ImportItem[] {
  const newsItems = items.filter((item) => item.name === 'newsItem');
  const latest = new Map<string, XmlElement>();
  for (const item of newsItems) {
    const guid = attr(item, 'guid');
    const seen = guid && latest.get(guid);
    if (guid && (!seen || versionOf(item) > versionOf(seen))) latest.set(guid, item);
  }
  const pictures = new Map<string, ImageDraft>();
  for (const [guid, item] of latest) {
    if (itemClassOf(item, nar) !== 'picture') continue;
    const picture = pictureOfItem(item, nar, attr(item, 'xml:lang') ?? inheritedLang, []);
    if (picture) pictures.set(guid, picture);
  }
  return items.map((item): ImportItem => {
    const sourceId = attr(item, 'guid') ?? '(no guid)';
    const kind = OTHER_ITEMS.get(item.name);
    if (kind) return { kind: 'skip', sourceId, reason: notText(kind) };
    const winner = latest.get(sourceId);
    if (winner && winner !== item) {
      const reason = versionOf(winner) === versionOf(item) ? `a second copy of version ${versionOf(item)}` : `version ${versionOf(item)}, replaced by version ${versionOf(winner)} in the same file`;
      return { kind: 'skip', sourceId, reason };
    }
    try {
      return readNewsItem(item, { nar, pictures, ...(inheritedLang && { inheritedLang }) });
    } catch (error) {
      return { kind: 'fail', sourceId, reason: `could not be read: ${(error as Error).message}` };
    }
  });
}

export const newsml: WholeFileFormat = {
  name: 'newsml',
  description: 'IPTC NewsML-G2 XML: a newsItem or a newsMessage of several (text items with an XHTML, NITF or plain-text body)',
  sniff: (text) => sniffNewsml(text),
  read(text) {
    const root = parseXml(text);
    if (!ROOTS.has(root.name) || (root.ns !== NAR && root.ns !== '')) {
      throw new Error(`not NewsML-G2: the root element is <${root.name}>${root.ns ? ` in namespace ${root.ns}` : ''}, not a newsItem or newsMessage in ${NAR}`);
    }
    // A root without any namespace is read as if it were in NewsML-G2's.
    const nar = root.ns;
    if (root.name !== 'newsMessage') return readItems([root], nar, undefined);
    const itemSets = childrenNamed(root, nar, 'itemSet');
    const items = itemSets.flatMap((set) => elements(set).filter((e) => e.ns === nar && (e.name === 'newsItem' || OTHER_ITEMS.has(e.name))));
    return readItems(items, nar, attr(itemSets[0], 'xml:lang') ?? attr(root, 'xml:lang'));
  },
};
