/** Records as read from files and checked on their own (shape, slug), before references are resolved. */
import type { StoredBody } from './body-store';
import type { RedirectEntry } from './redirects-file';
import type { ArticleRecord, AuthorRecord, PageRecord, SourceRecord } from './schema';

export interface RawRecord<T> {
  file: string;
  record: T;
}

/** An article record once checked: its body is in the body store, and only where it is stays on the heap. */
export type StoredArticleRecord = Omit<ArticleRecord, 'body'> & { body: StoredBody };

export interface CheckedRecords {
  authors: RawRecord<AuthorRecord>[];
  sources: RawRecord<SourceRecord>[];
  articles: RawRecord<StoredArticleRecord>[];
  /** Static pages (data/pages/). */
  pages: RawRecord<PageRecord>[];
  /** The entries of data/redirects.json that passed their own checks. */
  redirects: RedirectEntry[];
}
