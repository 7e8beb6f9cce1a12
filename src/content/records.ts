/** Records as read from files and checked on their own (shape, slug), before references are resolved. */
import type { RedirectEntry } from './redirects-file';
import type { ArticleRecord, AuthorRecord, PageRecord, SourceRecord } from './schema';

export interface RawRecord<T> {
  file: string;
  record: T;
}

export interface CheckedRecords {
  authors: RawRecord<AuthorRecord>[];
  sources: RawRecord<SourceRecord>[];
  articles: RawRecord<ArticleRecord>[];
  /** Static pages (data/pages/). */
  pages: RawRecord<PageRecord>[];
  /** The entries of data/redirects.json that passed their own checks. */
  redirects: RedirectEntry[];
}
