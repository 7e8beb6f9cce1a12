/**
 * The streaming WXR reader: a WordPress export read chunk by chunk
 * (fs.createReadStream → htmlparser2's SAX Parser in XML mode, CDATA
 * recognised) and handed out one channel child at a time (an <item>, a
 * <wp:author>, a <wp:category>…) as each one closes, so memory holds one
 * post, never the file.
 *
 * Element names are given by namespace, not by the prefix a file happens to
 * use: whatever prefix is bound to http://wordpress.org/export/1.x/ reads as
 * "wp:", its excerpt namespace as "excerpt:", RSS content as "content:" and
 * Dublin Core as "dc:" (WXR 1.0, 1.1 and 1.2 differ only in the version in
 * those URIs). CDATA sections, split ones too ("]]]]><![CDATA[>"), are
 * text; entities a DOCTYPE declares are never expanded (the parser knows
 * only XML's five and numeric references).
 */
import { createReadStream } from 'node:fs';
import { Parser } from 'htmlparser2';
import { ownCopy } from '../../text/own-copy';

/** One element of a channel child, with its own text (not its children's) and its children. */
export interface WxrNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: WxrNode[];
  /** Set when the element's text ran past MAX_TEXT: it was cut there. */
  cut?: boolean;
}

export interface ReadWxrOptions {
  /** Elements (canonical names) whose text is not kept: a first pass needs no post bodies. */
  skipText?: ReadonlySet<string>;
}

/** More text than any real post holds (a body of 16 million characters): past it the reader stops keeping text, so a hostile file cannot fill memory. */
export const MAX_TEXT = 16 * 1024 * 1024;

const CANONICAL_PREFIXES: [RegExp, string][] = [
  [/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/?$/, 'excerpt'],
  [/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/, 'wp'],
  [/^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/, 'content'],
  [/^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/, 'dc'],
  [/^https?:\/\/wellformedweb\.org\/CommentAPI\/?$/, 'wfw'],
];

/** A file that is not a WXR export at all, or one cut short (the items read before stay read). */
export class WxrError extends Error {}
/** A file that ends before its channel closes. */
export class WxrCutShort extends WxrError {}

/**
 * Every child element of the file's <channel>, in order, as it completes.
 * Throws WxrError when the root is not <rss>, or when the file ends before
 * its channel closes (a truncated download): what was read before is out.
 */
export async function* readWxr(file: string, options: ReadWxrOptions = {}): AsyncGenerator<WxrNode> {
  const skipText = options.skipText ?? new Set<string>();
  const prefixes = new Map<string, string>();
  const canonical = (name: string): string => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const mapped = prefixes.get(name.slice(0, colon));
    return mapped ? `${mapped}${name.slice(colon)}` : name;
  };
  const done: WxrNode[] = [];
  // The open elements: depth 0 is <rss>, 1 <channel>, 2 a channel child (what is handed out).
  const open: (WxrNode | undefined)[] = [];
  let rootSeen = false;
  let channelClosed = false;
  let keepText = true;
  let notWxr: string | undefined;

  const parser = new Parser(
    {
      onopentag(rawName, attrs) {
        for (const [attr, value] of Object.entries(attrs)) {
          if (!attr.startsWith('xmlns:')) continue;
          const known = CANONICAL_PREFIXES.find(([uri]) => uri.test(value.trim()));
          if (known) prefixes.set(attr.slice(6), known[1]);
        }
        const name = canonical(rawName);
        const depth = open.length;
        if (depth === 0) {
          if (rootSeen) return void open.push(undefined);
          rootSeen = true;
          if (name !== 'rss') notWxr ??= `its root element is <${rawName}>, not <rss>`;
          return void open.push(undefined);
        }
        if (depth < 2) return void open.push(undefined);
        const node: WxrNode = { name, attrs, text: '', children: [] };
        open[depth - 1]?.children.push(node);
        open.push(node);
        keepText = !skipText.has(name);
      },
      ontext(text) {
        const node = open[open.length - 1];
        if (!node || !keepText || node.cut) return;
        if (node.text.length + text.length > MAX_TEXT) {
          node.text += text.slice(0, MAX_TEXT - node.text.length);
          node.cut = true;
        } else node.text += text;
      },
      onclosetag() {
        const node = open.pop();
        if (node) ownStrings(node);
        const depth = open.length;
        if (depth === 2 && node) done.push(node);
        if (depth === 1) channelClosed = true;
        const parent = open[open.length - 1];
        keepText = !parent || !skipText.has(parent.name);
      },
    },
    { xmlMode: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );

  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    parser.write(chunk as string);
    if (notWxr) throw new WxrError(`not a WordPress export: ${notWxr}`);
    yield* done.splice(0);
  }
  // Whatever closed properly was handed out above; what the end of the file leaves open is a cut-off element, not an item.
  const inside = open.length >= 3 ? open[2]?.name : undefined;
  const complete = channelClosed;
  parser.end(); // (it closes what is open, so `complete` is taken first)
  if (!rootSeen) throw new WxrError('not a WordPress export: no <rss> element');
  if (!complete) throw new WxrCutShort(`the file ends ${inside ? `inside an <${inside}>` : 'before its </channel>'}: cut short? What came before it was read`);
}

/** The node's text and attribute values as strings of their own, not views of the chunk they were read from (src/text/own-copy.ts). */
function ownStrings(node: WxrNode): void {
  node.text = ownCopy(node.text);
  for (const name in node.attrs) node.attrs[name] = ownCopy(node.attrs[name] as string);
}

/** The text of `node`'s first child named `name`, trimmed ("" when there is none). */
export function childText(node: WxrNode, name: string): string {
  for (const child of node.children) if (child.name === name) return child.text.trim();
  return '';
}

/** The children of `node` named `name`. */
export function childrenNamed(node: WxrNode, name: string): WxrNode[] {
  return node.children.filter((child) => child.name === name);
}

/** An item's post meta (wp:postmeta key → value; the first of a repeated key). */
export function postMeta(item: WxrNode): Map<string, string> {
  const meta = new Map<string, string>();
  for (const child of item.children) {
    if (child.name !== 'wp:postmeta') continue;
    const key = childText(child, 'wp:meta_key');
    if (key && !meta.has(key)) meta.set(key, childText(child, 'wp:meta_value'));
  }
  return meta;
}
