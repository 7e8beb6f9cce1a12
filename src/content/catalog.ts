/**
 * The catalog: what readers can see at one moment, indexed for the pages.
 * Built from loaded content and a clock reading: drafts and articles whose
 * publishedAt is still ahead (embargoes) are left out of every index, so no
 * page can mention them. A catalog knows when it goes stale (the next embargo
 * lifting); CatalogStore swaps in a fresh one then, without a restart.
 */
import type { Article, Author, Content, Page, Section, Site, Source, Tag } from './model';

export interface Catalog {
  /** Changes whenever what readers can see changes: a reload or an embargo lifting. */
  readonly version: string;
  readonly site: Site;
  readonly content: Content;
  /** Visible articles, newest first. */
  readonly articles: readonly Article[];
  readonly articleBySlug: ReadonlyMap<string, Article>;
  readonly articlesByAuthor: ReadonlyMap<string, readonly Article[]>;
  /** Articles that cite a source or were adapted from it (origin), newest first. */
  readonly articlesBySource: ReadonlyMap<string, readonly Article[]>;
  readonly articlesByTag: ReadonlyMap<string, readonly Article[]>;
  readonly articlesBySection: ReadonlyMap<string, readonly Article[]>;
  readonly tags: ReadonlyMap<string, Tag>;
  /** Sections from site.json, in its order, then any other section an article uses. */
  readonly sections: ReadonlyMap<string, Section>;
  readonly authors: ReadonlyMap<string, Author>;
  readonly sources: ReadonlyMap<string, Source>;
  /** Published static pages by slug (drafts are served nowhere). */
  readonly pages: ReadonlyMap<string, Page>;
  /** The published pages marked `nav: true`, as the footer lists them: by title in the site's language, then by slug. */
  readonly navPages: readonly Page[];
  /** Epoch ms at which the next embargoed article becomes visible (Infinity if none). */
  readonly validUntil: number;
  readonly builtAt: Date;
}

export function isVisible(article: Article, now: number): boolean {
  return article.status === 'published' && article.publishedAt.getTime() <= now;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Newest first; slug breaks ties so the order never depends on file order. */
export function byNewest(a: Article, b: Article): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Published pages, and the ones for the footer in their order (by title as the site's language sorts, slug breaking ties). */
function publishedPages(content: Content): { pages: Map<string, Page>; navPages: Page[] } {
  const pages = new Map<string, Page>();
  for (const page of content.pages.values()) if (page.status === 'published') pages.set(page.slug, page);
  const collator = new Intl.Collator(content.site.language);
  const navPages = [...pages.values()].filter((page) => page.nav).sort((a, b) => collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { pages, navPages };
}

export function buildCatalog(content: Content, contentVersion: number, now: Date): Catalog {
  const nowMs = now.getTime();
  let validUntil = Infinity;
  const visible: Article[] = [];
  for (const article of content.articles.values()) {
    if (isVisible(article, nowMs)) visible.push(article);
    else if (article.status === 'published') validUntil = Math.min(validUntil, article.publishedAt.getTime());
  }
  visible.sort(byNewest);

  const articleBySlug = new Map<string, Article>();
  const articlesByAuthor = new Map<string, Article[]>();
  const articlesBySource = new Map<string, Article[]>();
  const articlesByTag = new Map<string, Article[]>();
  const articlesBySection = new Map<string, Article[]>();
  const tags = new Map<string, Tag>();
  const sections = new Map<string, Section>(content.site.sections.map((s) => [s.slug, s]));
  for (const article of visible) {
    articleBySlug.set(article.slug, article);
    for (const author of article.authors) pushTo(articlesByAuthor, author.slug, article);
    const sourceSlugs = new Set(article.citations.map((c) => c.source.slug));
    if (article.origin) sourceSlugs.add(article.origin.slug);
    for (const slug of sourceSlugs) pushTo(articlesBySource, slug, article);
    for (const tag of article.tags) {
      pushTo(articlesByTag, tag.slug, article);
      if (!tags.has(tag.slug)) tags.set(tag.slug, tag);
    }
    pushTo(articlesBySection, article.section.slug, article);
    if (!sections.has(article.section.slug)) sections.set(article.section.slug, article.section);
  }

  const embargoEpoch = visible.length; // how many are visible identifies the embargo state within one content version
  return {
    version: `${contentVersion}.${embargoEpoch}`,
    site: content.site,
    content,
    articles: visible,
    articleBySlug,
    articlesByAuthor,
    articlesBySource,
    articlesByTag,
    articlesBySection,
    tags,
    sections,
    authors: content.authors,
    sources: content.sources,
    ...publishedPages(content),
    validUntil,
    builtAt: now,
  };
}

/** Told of every new catalog, right after it is the one served; must not throw, and should hand heavy work off (it runs inside current()). */
export type CatalogListener = (next: Catalog, previous: Catalog) => void;

/** The longest a Node timer can wait (about 24.8 days); a later embargo is waited for in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Holds the current content and hands out the catalog for "now". Swapping in
 * new content is one assignment, so a request sees either the old catalog or
 * the new one, never a mix.
 */
export class CatalogStore {
  private contentVersion = 0;
  private catalog: Catalog;
  private expiryTimer: NodeJS.Timeout | undefined;
  private keeping = false;
  /** Called after every swap: a reload, a deletion, an embargo lifting (the purge side listens here). */
  readonly listeners: CatalogListener[] = [];

  constructor(
    private content: Content,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.catalog = buildCatalog(content, ++this.contentVersion, this.clock());
  }

  current(): Catalog {
    const now = this.clock();
    if (now.getTime() >= this.catalog.validUntil) this.swap(buildCatalog(this.content, this.contentVersion, now));
    return this.catalog;
  }

  replace(content: Content): Catalog {
    this.content = content;
    this.swap(buildCatalog(content, ++this.contentVersion, this.clock()));
    return this.catalog;
  }

  /**
   * Swaps the catalog at the next embargo lifting even when no request comes
   * to do it: with a cache in front, none may arrive, and the purge that tells
   * the cache about the story must still go out then. Until stopKeepingCurrent().
   */
  keepCurrent(): void {
    this.keeping = true;
    this.armExpiry();
  }

  stopKeepingCurrent(): void {
    this.keeping = false;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  private swap(next: Catalog): void {
    const previous = this.catalog;
    this.catalog = next;
    this.armExpiry();
    for (const listener of this.listeners) listener(next, previous);
  }

  private armExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const until = this.catalog.validUntil;
    if (!this.keeping || !Number.isFinite(until)) return;
    // At least 1 ms: a timer may fire a moment before the clock reaches `until`, and then simply waits again.
    const wait = Math.min(Math.max(1, until - this.clock().getTime()), LONGEST_TIMER_MS);
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.current();
      this.armExpiry();
    }, wait);
    this.expiryTimer.unref();
  }
}
