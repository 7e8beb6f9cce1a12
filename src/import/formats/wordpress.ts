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
import { readWxr } from '../wordpress/reader';

const WXR_NAMESPACE = /xmlns:[\w.-]+\s*=\s*["']https?:\/\/wordpress\.org\/export\/\d+\.\d+\/["']/;

async function* stream(file: string, _options: ReadOptions): AsyncGenerator<ImportItem> {
  const lookups = await collectLookups(file);
  for await (const node of readWxr(file)) {
    if (node.name !== 'item') continue;
    try {
      yield itemToImport(node, lookups);
    } catch (error) {
      // One post the mapping cannot take is that post's failure, not the archive's.
      yield { kind: 'fail', sourceId: sourceIdOf(node), reason: (error as Error).message };
    }
  }
}

export const wordpress: StreamedFormat = {
  name: 'wordpress',
  description: "a WordPress export (WXR 1.0-1.2, Tools → Export): posts, pages, their authors, categories, tags and images",
  sniffHead: (head) => /<rss[\s>]/.test(head) && (WXR_NAMESPACE.test(head) || head.includes('<wp:wxr_version>')),
  stream,
};
