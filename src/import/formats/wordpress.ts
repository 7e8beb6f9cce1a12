/**
 * WordPress's own export (WXR, "WordPress eXtended RSS", versions 1.0-1.2:
 * Tools → Export in the admin). Streamed twice: a first pass collects the
 * small tables posts refer to (attachments, menu links, authors, category
 * ids: wordpress/lookups.ts), the second makes each <item> an import item
 * as it is read (wordpress/item.ts). Mapping and migration guide:
 * docs/import.md, "WordPress (WXR)".
 */
import type { ImportItem, ReadOptions, StreamedFormat } from '../draft';
import { itemToImport, sourceIdOf } from '../wordpress/item';
import { collectLookups } from '../wordpress/lookups';
import { childText, readWxr } from '../wordpress/reader';

const WXR_NAMESPACE = /xmlns:[\w.-]+\s*=\s*["']https?:\/\/wordpress\.org\/export\/\d+\.\d+\/["']/;

async function* stream(file: string, _options: ReadOptions): AsyncGenerator<ImportItem> {
  const lookups = await collectLookups(file);
  // Ids already given in this export: a guid can repeat (a post copied by a plugin, a site imported
  // into another), and two posts under one id would be one record, the second replacing the first.
  const given = new Set<string>();
  for await (const node of readWxr(file)) {
    if (node.name !== 'item') continue;
    let sourceId = sourceIdOf(node);
    if (given.has(sourceId)) sourceId = `${sourceId}#wp-post-${childText(node, 'wp:post_id') || given.size}`;
    given.add(sourceId);
    try {
      const item = itemToImport(node, lookups, sourceId);
      if (sourceId !== sourceIdOf(node) && (item.kind === 'article' || item.kind === 'page')) item.notes.push(`its guid is another item's too in this export: imported as ${sourceId}`);
      yield item;
    } catch (error) {
      // One post the mapping cannot take is that post's failure, not the archive's.
      yield { kind: 'fail', sourceId, reason: (error as Error).message };
    }
  }
}

export const wordpress: StreamedFormat = {
  name: 'wordpress',
  description: "a WordPress export (WXR 1.0-1.2, Tools → Export): posts, pages, their authors, categories, tags and images",
  sniffHead: (head) => /<rss[\s>]/.test(head) && (WXR_NAMESPACE.test(head) || head.includes('<wp:wxr_version>')),
  stream,
};
