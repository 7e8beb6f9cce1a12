/**
 * What a source format's reader makes of one item, before it becomes records:
 * an article draft in our terms but with people, sources, tags and images
 * still named as the source names them. src/import/records.ts turns drafts
 * into records (slugs, matching existing authors and sources, media files),
 * and src/import/write.ts writes them. Readers never touch the data folder.
 */
import type { BlockRecord } from '../blocks/registry';
import type { SourceKind } from '../content/schema';

export interface PersonDraft {
  name: string;
  /** The source's own handle or slug for the person (WordPress author_login, Ghost user slug), when it has one: the record's slug, when free. */
  slug?: string;
  role?: string;
  bio?: string;
}

export interface SourceDraft {
  /** As the item names it ("AFP", "the Associated Press", "Meduza"); matched against source names and aliases. */
  name: string;
  /** The source's own site. */
  url?: string;
  kind?: SourceKind;
  /** The cited piece's own URL, when the item gives one. */
  citedUrl?: string;
}

/**
 * An image as an item names it: an absolute URL, a file name (looked up in
 * --media) or a path under the data folder ("images/…"). The writer makes
 * every one a file under data/images/ or drops it (and says so).
 */
export interface ImageDraft {
  src: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

export interface ArticleDraft {
  /** The item's own id in its source (a ninjs uri, a NewsML-G2 guid, a text file's name): how a re-import finds its record. */
  sourceId: string;
  /**
   * The source's own slug (WordPress post_name, Ghost slug), already decoded: used for the record
   * when it fits the contract and is free, so old paths map onto new ones; else one is made from the headline.
   */
  slug?: string;
  headline?: string;
  standfirst?: string;
  /**
   * Body blocks as records; image paths in them may be URLs or file names
   * (resolved by the writer through the block registry's blockWithImagePaths).
   */
  body: BlockRecord[];
  authors: PersonDraft[];
  /** The source the story was adapted from. */
  origin?: SourceDraft;
  /** Sources the story cites. */
  sources: SourceDraft[];
  /** Tag names or slugs as the source gives them ("Ukraine war", "ukraine-war"). */
  tags: string[];
  section?: string;
  /** ISO 8601 date-times with a zone. */
  publishedAt?: string;
  updatedAt?: string;
  status?: 'published' | 'draft';
  language?: string;
  image?: ImageDraft;
}

/**
 * A static page (About, Contact, Privacy): becomes data/pages/<slug>.json
 * (docs/content.md, "Static pages").
 */
export interface PageDraft {
  /** As ArticleDraft.sourceId. */
  sourceId: string;
  /** The source's own slug, decoded; a slug that is taken or would shadow a route is made unique, and said. */
  slug?: string;
  title?: string;
  /** One plain sentence for search engines and link previews. */
  description?: string;
  body: BlockRecord[];
  /** ISO 8601 date-time with a zone. */
  updatedAt?: string;
  status?: 'published' | 'draft';
  /** Listed in the site's navigation. */
  nav?: boolean;
  language?: string;
}

/** One item of an input file, as its reader sees it. */
export type ImportItem =
  | {
      kind: 'article';
      draft: ArticleDraft;
      /** What the reader guessed ("headline made from the standfirst") and what it dropped ("an <iframe> from example.org"). */
      notes: string[];
    }
  | { kind: 'page'; draft: PageDraft; notes: string[] }
  /**
   * Deliberately not imported, with the reason ("a picture item, not text", "pubstatus canceled").
   * `withdrawn`: the source takes the item back (canceled, withheld): an earlier import of it
   * must not stay published (the run makes it a draft with --update, and says so without).
   */
  | { kind: 'skip'; sourceId: string; reason: string; withdrawn?: boolean }
  /** Could not be read: a broken item (exit status 1). */
  | { kind: 'fail'; sourceId: string; reason: string };

export interface ReadOptions {
  /** The input file's path as given (for ids and messages). */
  file: string;
  /** --headline: plain text only. */
  headline?: string;
}

interface FormatBasics {
  name: string;
  /** One line for --help. */
  description: string;
}

/**
 * A format whose files are small (a wire item, a feed delivery): read whole.
 * sniff() sees the whole text.
 */
export interface WholeFileFormat extends FormatBasics {
  /** Whether the file's text looks like this format (used when --format is left out). */
  sniff(text: string, file: string): boolean;
  /** Every item in the file. Throws only for a file that is not this format at all. */
  read(text: string, options: ReadOptions): ImportItem[];
}

/**
 * A format whose files are whole archives (a WordPress export of a gigabyte):
 * streamed, never held whole. sniff() sees only the file's first 64 KiB.
 */
export interface StreamedFormat extends FormatBasics {
  /** Whether the file's first 64 KiB (`head`) look like this format. */
  sniffHead(head: string, file: string): boolean;
  /**
   * Every item in the file, as it is read (a reader may read the file more than once,
   * e.g. a first pass for what items refer to). Throws only for a file that is not this format at all.
   */
  stream(file: string, options: ReadOptions): AsyncIterable<ImportItem>;
}

/** A source format: one module in src/import/formats/, listed in src/import/formats/index.ts. */
export type ImportFormat = WholeFileFormat | StreamedFormat;

export const isStreamed = (format: ImportFormat): format is StreamedFormat => 'stream' in format;
