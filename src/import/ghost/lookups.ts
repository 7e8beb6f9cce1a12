/**
 * What a Ghost post refers to, read in a first pass over the export (the
 * file may list these tables after the posts), which also notes where each
 * post row is, for the second pass to read them without scanning again: users, tags, which tags and
 * authors each post has and in what order, each post's posts_meta row (its
 * feature image's alt and caption, Ghost 4+), the site's settings, and the
 * export's meta. Small next to the posts: a site of 20,000 posts has a few
 * hundred users and tags and a row or two per post in the join tables.
 */
import { exportRows, RowPlaces, type Row } from './export-stream';
import { BrokenExport } from './json-scan';

export interface GhostUser {
  name: string;
  slug?: string;
  bio?: string;
}

export interface GhostTag {
  name: string;
  slug?: string;
  /** Ghost's internal tags (visibility "internal", names starting with "#") organise the site; they are not topics. */
  internal: boolean;
}

export interface FeatureImageMeta {
  alt?: string;
  caption?: string;
}

export interface GhostLookups {
  users: Map<string, GhostUser>;
  tags: Map<string, GhostTag>;
  /** post id → tag ids, in sort_order (the first is the primary tag). */
  postTags: Map<string, string[]>;
  /** post id → author (user) ids, in sort_order (the first is the primary author). Ghost 1.22+; Ghost 2/3 exports also have posts.author_id. */
  postAuthors: Map<string, string[]>;
  postMeta: Map<string, FeatureImageMeta>;
  /** The site's address, when the export says it (none of Ghost's own exports do: it lives in Ghost's config). */
  siteUrl?: string;
  /** settings.locale (Ghost 4+) or settings.default_locale (Ghost 2/3). */
  locale?: string;
  /** Paths the site's navigation links to (settings.navigation): pages there are listed in ours. */
  navPaths: Set<string>;
  /** meta.version: the Ghost version that wrote the export. */
  version?: string;
  /**
   * Where this pass found the file broken (a truncated export, broken JSON in
   * a row): the posts located are the whole ones before it, and the posts
   * pass reports the break after them.
   */
  broken?: { offset: number; error: Error };
}

const LOOKUP_TABLES = new Set(['meta', 'users', 'tags', 'posts_tags', 'posts_authors', 'posts_meta', 'settings']);
const POSTS = new Set(['posts']);

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const idOf = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

interface Ordered {
  id: string;
  order: number;
  at: number;
}

function addOrdered(map: Map<string, Ordered[]>, postId: string | undefined, id: string | undefined, order: unknown, at: number): void {
  if (!postId || !id) return;
  const list = map.get(postId) ?? [];
  if (!list.length) map.set(postId, list);
  list.push({ id, order: typeof order === 'number' ? order : Number(order) || 0, at });
}

/** Sorted by sort_order, rows without one in file order. */
const sortedIds = (map: Map<string, Ordered[]>): Map<string, string[]> =>
  new Map([...map].map(([post, list]) => [post, list.sort((a, b) => a.order - b.order || a.at - b.at).map((entry) => entry.id)]));

/** The paths of settings.navigation ("[{\"label\":\"About\",\"url\":\"/about/\"}]"), slashes trimmed. */
function navigationPaths(value: unknown): string[] {
  let items: unknown = value;
  if (typeof value === 'string') {
    try {
      items = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(items)) return [];
  return items
    .map((item) => str((item as Row | null)?.url))
    .filter((url): url is string => !!url)
    .map((url) => url.replace(/^__GHOST_URL__/, '').replace(/^https?:\/\/[^/]+/i, '').replace(/^\/+|\/+$/g, ''));
}

function readSetting(lookups: GhostLookups, row: Row): void {
  const key = str(row.key);
  if (key === 'locale' || (key === 'default_locale' && !lookups.locale)) lookups.locale = str(row.value);
  else if (key === 'navigation' || key === 'secondary_navigation') for (const nav of navigationPaths(row.value)) lookups.navPaths.add(nav);
  else if (key === 'url' || key === 'site_url') lookups.siteUrl = str(row.value);
}

/** The first pass: the lookups, and where the posts are. */
export async function readLookups(file: string): Promise<{ lookups: GhostLookups; posts: RowPlaces }> {
  const lookups: GhostLookups = { users: new Map(), tags: new Map(), postTags: new Map(), postAuthors: new Map(), postMeta: new Map(), navPaths: new Set() };
  const tagRows = new Map<string, Ordered[]>();
  const authorRows = new Map<string, Ordered[]>();
  let at = 0;
  const posts = new RowPlaces('posts');
  let offset = 0;
  try {
    await readRows(file, lookups, posts, tagRows, authorRows, (row) => {
      offset = row.offset;
      return ++at;
    });
  } catch (error) {
    // What was read before the break is kept: the posts pass reports the break, after the posts before it.
    lookups.broken = { offset: error instanceof BrokenExport ? error.offset : offset, error: error as Error };
  }
  lookups.postTags = sortedIds(tagRows);
  lookups.postAuthors = sortedIds(authorRows);
  return { lookups, posts };
}

async function readRows(file: string, lookups: GhostLookups, posts: RowPlaces, tagRows: Map<string, Ordered[]>, authorRows: Map<string, Ordered[]>, next: (row: { offset: number }) => number): Promise<void> {
  for await (const read of exportRows(file, LOOKUP_TABLES, { located: POSTS })) {
    const at = next(read);
    if ('bytes' in read) posts.add(read);
    // A lookup row of 64 MiB is no user or tag: passed over.
    if (!('row' in read)) continue;
    const { table, row } = read;
    if (table === 'meta') {
      lookups.version = str(row.version);
      lookups.siteUrl ??= str(row.url) ?? str(row.site_url);
    } else if (table === 'users') {
      const id = idOf(row.id);
      const name = str(row.name);
      if (id && name) lookups.users.set(id, { name, ...(str(row.slug) && { slug: str(row.slug) }), ...(str(row.bio) && { bio: str(row.bio) }) });
    } else if (table === 'tags') {
      const id = idOf(row.id);
      const name = str(row.name);
      if (id && name) lookups.tags.set(id, { name, ...(str(row.slug) && { slug: str(row.slug) }), internal: row.visibility === 'internal' || name.startsWith('#') });
    } else if (table === 'posts_tags') addOrdered(tagRows, idOf(row.post_id), idOf(row.tag_id), row.sort_order, at);
    else if (table === 'posts_authors') addOrdered(authorRows, idOf(row.post_id), idOf(row.author_id), row.sort_order, at);
    else if (table === 'posts_meta') {
      const postId = idOf(row.post_id);
      const alt = str(row.feature_image_alt);
      const caption = str(row.feature_image_caption);
      if (postId && (alt || caption)) lookups.postMeta.set(postId, { ...(alt && { alt }), ...(caption && { caption }) });
    } else if (table === 'settings') readSetting(lookups, row);
  }
}
