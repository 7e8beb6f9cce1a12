/**
 * The resolved, validated content model. Records from data/ become these
 * objects once every reference has been checked; pages only ever see these.
 * Everything here is treated as immutable after load.
 */
import type { Block } from '../blocks/registry';
import type { Picture } from '../blocks/picture';
import type { ImageAsset } from '../images/asset';
import type { Bodies, StoredBody } from './bodies';
import type { Problem } from './problems';
import type { RedirectStatus } from './schema';

export type { ImageAsset } from '../images/asset';
export type { Picture } from '../blocks/picture';
export type { Block } from '../blocks/registry';

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

/** A dated correction or update notice; `text` is inline Markdown, rendered by the pages. */
export interface Correction {
  at: Date;
  text: string;
}

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
  /** Correction and update notices, oldest first; absent when there are none. */
  corrections?: Correction[];
  /** Slugs it was published under before, as written (redirects.ts turns the valid ones into redirects). */
  previousSlugs?: string[];
  status: 'published' | 'draft';
  language?: string;
  image?: Picture;
  /** Where its body is: Content.bodies reads and resolves it when a page needs it (bodies stay off the heap). */
  body: StoredBody;
  file: string;
}

/**
 * A checked redirect: from data/redirects.json or an article's previousSlugs.
 * `from` and `to` are as written, `:name` segments and all; redirect-table.ts
 * compiles them into the lookup the site answers from.
 */
export interface Redirect {
  /** A site path: exact, or with `:name` segments that match one segment each. */
  from: string;
  /** A site path or an absolute URL, with the `:name` segments of `from`; absent for 410. */
  to?: string;
  status: RedirectStatus;
  /**
   * The article the redirect leads to, when that is an embargoed one: the
   * redirect answers only once the article is visible, so no Location header
   * tells its address early.
   */
  waitsFor?: string;
  /** Where it was written: "redirects.json" and "[3]", or an article's file and "previousSlugs[0]". */
  file: string;
  field: string;
}

/** A static page (About, Contact, Privacy): data/pages/<slug>.json, served at /<slug>. */
export interface Page {
  slug: string;
  title: string;
  description?: string;
  body: Block[];
  updatedAt?: Date;
  /** Listed in the footer's page links. */
  nav: boolean;
  status: 'published' | 'draft';
  language?: string;
  file: string;
}

/** Everything that loaded, drafts and embargoed articles included, plus what did not. */
export interface Content {
  site: Site;
  authors: ReadonlyMap<string, Author>;
  sources: ReadonlyMap<string, Source>;
  /** By slug, in no order to rely on (a reload of some files puts new ones last): the catalog sorts. */
  articles: ReadonlyMap<string, Article>;
  /** Static pages by slug, drafts included. */
  pages: ReadonlyMap<string, Page>;
  /** Every redirect that passed its checks, previousSlugs first, then redirects.json in its order. */
  redirects: readonly Redirect[];
  problems: Problem[];
  loadedAt: Date;
  /** Reads articles' bodies (Article.body) from the body store, resolved against this load's images. */
  bodies: Bodies;
}
