/**
 * The first pass over a WXR file: the small tables posts refer to, which a
 * single pass could not know in time (WordPress writes attachments and menu
 * items after the posts that use them). Post bodies are not kept.
 *
 * - attachments: id → file URL, alt text (_wp_attachment_image_alt), caption
 *   (the attachment's excerpt), parent post and menu order (for a [gallery]
 *   without ids, which shows the post's attached images);
 * - pages that a navigation menu links to (→ nav: true);
 * - the channel's authors (login → display name) and categories (term id →
 *   name, for Yoast's primary category).
 */
import { htmlToText } from '../html';
import { childText, postMeta, readWxr, WxrCutShort, type WxrNode } from './reader';

export interface Attachment {
  url: string;
  alt?: string;
  caption?: string;
  parent: string;
  menuOrder: number;
}

/**
 * Which upload a URL shows, whatever size of it: the path after "/uploads/" (else the whole path),
 * lower-cased, without WordPress's "-300x200" size suffix or a query ("?w=604"). A post's body
 * names the sizes; the attachment names the original.
 */
export function uploadKey(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const at = path.indexOf('/uploads/');
  return (at >= 0 ? path.slice(at + 9) : path.replace(/^https?:\/\/[^/]+/, '')).toLowerCase().replace(/-\d+x\d+(\.[a-z0-9]+)$/, '$1');
}

export interface WxrAuthor {
  name: string;
  login: string;
}

export interface Lookups {
  attachments: Map<string, Attachment>;
  /** Post id → its attachments' ids, in menu order. */
  attachedTo: Map<string, string[]>;
  /** Ids of pages a menu item links to. */
  navPages: Set<string>;
  /** Author login → author. */
  authors: Map<string, WxrAuthor>;
  /** Category term id → its name. */
  categories: Map<string, string>;
  /** An upload's file (uploadKey) → its alt text: for body images whose markup has none. */
  altByFile: Map<string, string>;
  /** The channel's wp:wxr_version ("1.2"), when it has one. */
  version?: string;
}

const FIRST_PASS_SKIPS: ReadonlySet<string> = new Set(['content:encoded', 'wp:comment_content']);

export async function collectLookups(file: string): Promise<Lookups> {
  const lookups: Lookups = { attachments: new Map(), attachedTo: new Map(), navPages: new Set(), authors: new Map(), categories: new Map(), altByFile: new Map() };
  try {
    for await (const node of readWxr(file, { skipText: FIRST_PASS_SKIPS })) collectNode(node, lookups);
  } catch (error) {
    // A file cut short keeps what came before the cut: the second pass reads those items and then says so.
    if (!(error instanceof WxrCutShort)) throw error;
  }
  for (const ids of lookups.attachedTo.values()) ids.sort((a, b) => (lookups.attachments.get(a)?.menuOrder ?? 0) - (lookups.attachments.get(b)?.menuOrder ?? 0));
  return lookups;
}

function collectNode(node: WxrNode, lookups: Lookups): void {
  if (node.name === 'item') collectItem(node, lookups);
  else if (node.name === 'wp:author') collectAuthor(node, lookups);
  else if (node.name === 'wp:category') collectCategory(childText(node, 'wp:term_id'), childText(node, 'wp:cat_name'), lookups);
  else if (node.name === 'wp:term' && childText(node, 'wp:term_taxonomy') === 'category') collectCategory(childText(node, 'wp:term_id'), childText(node, 'wp:term_name'), lookups);
  else if (node.name === 'wp:wxr_version') lookups.version = node.text.trim();
}

function collectItem(item: WxrNode, lookups: Lookups): void {
  const type = childText(item, 'wp:post_type');
  const id = childText(item, 'wp:post_id');
  if (type === 'attachment' && id) {
    const url = childText(item, 'wp:attachment_url') || childText(item, 'guid');
    if (!url) return;
    const meta = postMeta(item);
    const alt = meta.get('_wp_attachment_image_alt')?.trim();
    const caption = htmlToText(childText(item, 'excerpt:encoded'));
    const parent = childText(item, 'wp:post_parent') || '0';
    lookups.attachments.set(id, { url, ...(alt && { alt }), ...(caption && { caption }), parent, menuOrder: Number(childText(item, 'wp:menu_order')) || 0 });
    if (alt) lookups.altByFile.set(uploadKey(url), alt);
    if (parent !== '0') {
      const ids = lookups.attachedTo.get(parent);
      if (ids) ids.push(id);
      else lookups.attachedTo.set(parent, [id]);
    }
  } else if (type === 'nav_menu_item') {
    const meta = postMeta(item);
    if (meta.get('_menu_item_type') === 'post_type' && meta.get('_menu_item_object') === 'page') {
      const target = meta.get('_menu_item_object_id');
      if (target) lookups.navPages.add(target);
    }
  }
}

function collectAuthor(node: WxrNode, lookups: Lookups): void {
  const login = childText(node, 'wp:author_login');
  if (!login) return;
  const full = [childText(node, 'wp:author_first_name'), childText(node, 'wp:author_last_name')].filter(Boolean).join(' ');
  const name = htmlToText(childText(node, 'wp:author_display_name')) || full || login;
  lookups.authors.set(login, { name, login });
}

function collectCategory(id: string, name: string, lookups: Lookups): void {
  const plain = htmlToText(name);
  if (id && plain) lookups.categories.set(id, plain);
}
