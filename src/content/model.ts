/**
 * The resolved, validated content model. Records from data/ become these
 * objects once every reference has been checked; pages only ever see these.
 * Everything here is treated as immutable after load.
 */

export interface ImageAsset {
  /** Path relative to the data folder, as written in records ("images/demo/x.jpg"). */
  path: string;
  /** Site-relative URL the image is served at ("/images/demo/x.jpg"). */
  url: string;
  width: number;
  height: number;
  /** Fingerprint of the original's bytes: names its responsive variants (src/images/variants.ts). */
  hash: string;
}

export interface Picture {
  asset: ImageAsset;
  alt: string;
  caption?: string;
  credit?: string;
}

export interface Link {
  label: string;
  url: string;
}

export interface Section {
  slug: string;
  name: string;
  description?: string;
}

export interface Tag {
  slug: string;
  name: string;
}

export interface Site {
  name: string;
  baseUrl: string;
  language: string;
  locale: string;
  timeZone: string;
  description: string;
  logo?: ImageAsset;
  nav: Link[];
  sections: Section[];
}

export interface Author {
  slug: string;
  name: string;
  role?: string;
  bio?: string;
  avatar?: ImageAsset;
  links: Link[];
  file: string;
}

export interface Source {
  slug: string;
  name: string;
  url?: string;
  kind?: string;
  description?: string;
  file: string;
}

export interface Citation {
  source: Source;
  /** The cited piece's own URL, when the record gives one. */
  url?: string;
}

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'image'; picture: Picture }
  | { type: 'list'; items: string[]; ordered: boolean }
  | { type: 'quote'; text: string; attribution?: string }
  | { type: 'promo'; label?: string; text: string; targetSlug?: string };

export interface Article {
  slug: string;
  headline: string;
  standfirst: string;
  section: Section;
  tags: Tag[];
  authors: Author[];
  origin?: Source;
  citations: Citation[];
  publishedAt: Date;
  updatedAt?: Date;
  status: 'published' | 'draft';
  language?: string;
  image?: Picture;
  body: Block[];
  file: string;
}

/** Everything that loaded, drafts and embargoed articles included, plus what did not. */
export interface Content {
  site: Site;
  authors: ReadonlyMap<string, Author>;
  sources: ReadonlyMap<string, Source>;
  articles: ReadonlyMap<string, Article>;
  problems: import('./problems').Problem[];
  loadedAt: Date;
}
