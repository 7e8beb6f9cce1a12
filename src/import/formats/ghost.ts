/**
 * Ghost's JSON export (Settings → Labs/Advanced → Export content, Ghost 2
 * to 5): `{"db": [{"meta": {"exported_on", "version"}, "data": {"posts": [...],
 * "tags", "users", "posts_tags", "posts_authors", "posts_meta", "settings", ...}}]}`.
 * Streamed in two passes (src/import/ghost/): the first keeps the small
 * tables posts refer to and notes where each post row is (found by its
 * bytes, not parsed), the second reads the posts there, one at a time.
 */
import type { StreamedFormat } from '../draft';
import { rowsAt } from '../ghost/export-stream';
import { readLookups } from '../ghost/lookups';
import { postItem } from '../ghost/post';

/** `{"db": [{"meta": {` or `{"meta": {` … `"exported_on"`, whitespace anywhere between, at the very start of the file. */
const GHOST_HEAD = /^\uFEFF?\s*\{\s*(?:"db"\s*:\s*\[\s*\{\s*)?"meta"\s*:\s*\{/;

export const ghost: StreamedFormat = {
  name: 'ghost',
  description: "Ghost's JSON export (Ghost 2 to 5): posts, pages, authors and tags",
  sniffHead(head) {
    return GHOST_HEAD.test(head) && /"exported_on"\s*:/.test(head) && /"version"\s*:/.test(head);
  },
  async *stream(file) {
    const { lookups, posts } = await readLookups(file);
    // Slugs seen so far, per kind: a second post with a slug is made unique by the records, and said here.
    const seen = new Set<string>();
    for await (const read of rowsAt(file, posts)) {
      if (!('row' in read)) {
        yield { kind: 'fail', sourceId: `ghost:post-at-byte-${read.offset}`, reason: read.tooBig };
        continue;
      }
      const { row } = read;
      try {
        const item = postItem(row, lookups);
        if (item.kind === 'article' || item.kind === 'page') {
          const slug = item.draft.slug && `${item.kind}:${item.draft.slug}`;
          if (slug && seen.has(slug)) item.notes.push(`slug "${item.draft.slug}" is an earlier ${item.kind === 'page' ? 'page' : 'post'}'s in this export: this one gets a slug of its own`);
          else if (slug) seen.add(slug);
        }
        yield item;
      } catch (error) {
        const id = typeof row.uuid === 'string' ? row.uuid : String(row.id ?? '?');
        yield { kind: 'fail', sourceId: `ghost:${id}`, reason: (error as Error).message };
      }
    }
    // The first pass met a break: the posts before it are read, and the file is a failed line of the report.
    if (lookups.broken) throw lookups.broken.error;
  },
};
