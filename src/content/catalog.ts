/**
 * The catalog: what readers can see at one moment, indexed for the pages.
 * Built from loaded content and a clock reading: drafts and articles whose
 * publishedAt is still ahead (embargoes) are left out of every index, so no
 * page can mention them. A catalog knows when it goes stale (the next embargo
 * lifting); CatalogStore swaps in a fresh one then, without a restart, grown
 * from the one before rather than rebuilt (liftEmbargoes). A reload that
 * changed only some articles changes the catalog the same way (withArticlesReplaced).
 */
import { byNewest, indexArticles, isVisible, withArticlesAdded, withArticlesChanged, type ArticleIndexes } from './catalog-indexes';
import type { Article, Author, Content, Page, Site, Source } from './model';
import { compileRedirects, type RedirectTable } from './redirect-table';

export { byNewest, isVisible, type ArticleCorrection } from './catalog-indexes';

export interface Catalog extends ArticleIndexes {
  /** Changes whenever what readers can see changes: a reload or an embargo lifting. */
  readonly version: string;
  readonly site: Site;
  readonly content: Content;
  readonly authors: ReadonlyMap<string, Author>;
  readonly sources: ReadonlyMap<string, Source>;
  /** Published static pages by slug (drafts are served nowhere). */
  readonly pages: ReadonlyMap<string, Page>;
  /** The published pages marked `nav: true`, as the footer lists them: by title in the site's language, then by slug. */
  readonly navPages: readonly Page[];
  /**
   * The redirects that answer now, compiled for lookup: the ones waiting for an
   * embargoed article join when it becomes visible (compiled again then).
   */
  readonly redirects: RedirectTable;
  /** Epoch ms at which the next embargoed article becomes visible (Infinity if none). */
  readonly validUntil: number;
  readonly builtAt: Date;
}

/** Published pages, and the ones for the footer in their order (by title as the site's language sorts, slug breaking ties). */
function publishedPages(content: Content): { pages: Map<string, Page>; navPages: Page[] } {
  const pages = new Map<string, Page>();
  for (const page of content.pages.values()) if (page.status === 'published') pages.set(page.slug, page);
  const collator = new Intl.Collator(content.site.language);
  const navPages = [...pages.values()].filter((page) => page.nav).sort((a, b) => collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { pages, navPages };
}

/**
 * What a catalog knows of the embargoes still ahead of it, sorted once per
 * content version and shared by every catalog lifted from it: finding the
 * next lifting is reading one entry.
 */
interface Embargoes {
  readonly contentVersion: number;
  /** Published articles not yet visible when the content version was built, earliest first. */
  readonly pending: readonly Article[];
  /** How many of `pending` this catalog shows. */
  readonly lifted: number;
  /** Slugs some redirect waits for (Redirect.waitsFor). */
  readonly awaited: ReadonlySet<string>;
}

const embargoesOf = new WeakMap<Catalog, Embargoes>();

function nextLifting(embargoes: Embargoes): number {
  return embargoes.pending[embargoes.lifted]?.publishedAt.getTime() ?? Infinity;
}

/** How many visible articles identifies the embargo state within one content version. */
function versionOf(contentVersion: number, indexes: ArticleIndexes): string {
  return `${contentVersion}.${indexes.articles.length}`;
}

function answeringRedirects(content: Content, articleBySlug: ReadonlyMap<string, Article>): RedirectTable {
  return compileRedirects(content.redirects.filter((r) => r.waitsFor === undefined || articleBySlug.has(r.waitsFor)));
}

export function buildCatalog(content: Content, contentVersion: number, now: Date): Catalog {
  const nowMs = now.getTime();
  const visible: Article[] = [];
  const pending: Article[] = [];
  for (const article of content.articles.values()) {
    if (isVisible(article, nowMs)) visible.push(article);
    else if (article.status === 'published') pending.push(article);
  }
  visible.sort(byNewest);
  pending.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const embargoes: Embargoes = { contentVersion, pending, lifted: 0, awaited: new Set(content.redirects.flatMap((r) => (r.waitsFor === undefined ? [] : [r.waitsFor]))) };

  const indexes = indexArticles(content, visible, nowMs);
  return catalogOf(content, indexes, publishedPages(content), answeringRedirects(content, indexes.articleBySlug), embargoes, now);
}

/** A catalog of one content version from its parts, remembering the embargoes still ahead of it. */
function catalogOf(content: Content, indexes: ArticleIndexes, pages: Pick<Catalog, 'pages' | 'navPages'>, redirects: RedirectTable, embargoes: Embargoes, now: Date): Catalog {
  const catalog: Catalog = {
    version: versionOf(embargoes.contentVersion, indexes),
    site: content.site,
    content,
    ...indexes,
    authors: content.authors,
    sources: content.sources,
    ...pages,
    redirects,
    validUntil: nextLifting(embargoes),
    builtAt: now,
  };
  embargoesOf.set(catalog, embargoes);
  return catalog;
}

/**
 * The catalog at `now`, made from `previous` (a catalog of the same content,
 * from buildCatalog or an earlier lifting) by adding the articles whose
 * embargo has lifted since: equal to buildCatalog(previous.content, its
 * content version, now), at the cost of the articles lifted and the lists
 * they join (catalog-indexes.ts). `previous` is left as it was.
 */
export function liftEmbargoes(previous: Catalog, now: Date): Catalog {
  const embargoes = embargoesOf.get(previous);
  if (!embargoes) throw new Error('liftEmbargoes: that catalog was not made by buildCatalog or liftEmbargoes');
  const nowMs = now.getTime();
  // A clock that went back could hide articles again: only a full build says which.
  if (nowMs < previous.builtAt.getTime()) return buildCatalog(previous.content, embargoes.contentVersion, now);
  const { pending } = embargoes;
  let lifted = embargoes.lifted;
  while (lifted < pending.length && (pending[lifted] as Article).publishedAt.getTime() <= nowMs) lifted++;
  const joining = pending.slice(embargoes.lifted, lifted).sort(byNewest);
  const indexes = joining.length ? withArticlesAdded(previous, previous.content, joining, nowMs) : previous;
  const next: Embargoes = { ...embargoes, lifted };
  const catalog: Catalog = {
    ...previous,
    ...indexes,
    version: versionOf(embargoes.contentVersion, indexes),
    redirects: joining.some((article) => embargoes.awaited.has(article.slug)) ? answeringRedirects(previous.content, indexes.articleBySlug) : previous.redirects,
    validUntil: nextLifting(next),
    builtAt: now,
  };
  embargoesOf.set(catalog, next);
  return catalog;
}

/**
 * What a reload changed, when it changed only articles: the content it
 * started from, the articles of that content it took out (a file deleted,
 * or the old version of one edited) and the articles it put in. Everything
 * else (site, authors, sources, pages) is the same objects as in `base`.
 */
export interface ArticleChange {
  readonly base: Content;
  readonly removed: readonly Article[];
  readonly added: readonly Article[];
}

const earliestFirst = (a: Article, b: Article) => a.publishedAt.getTime() - b.publishedAt.getTime();

/**
 * The catalog of `content` (= the content of `previous` changed by `change`)
 * at `now`, equal to buildCatalog(content, contentVersion, now) at the cost
 * of the visible list and the lists the changed articles are in, not a sort
 * and an index of every article (test/content/catalog-change.test.ts).
 */
export function withArticlesReplaced(previous: Catalog, content: Content, change: ArticleChange, contentVersion: number, now: Date): Catalog {
  const embargoes = embargoesOf.get(previous);
  if (!embargoes || previous.content !== change.base || content.site !== change.base.site || now.getTime() < previous.builtAt.getTime()) return buildCatalog(content, contentVersion, now);
  // Up to now first, so what is still ahead is the tail of `pending`.
  const current = now.getTime() >= previous.validUntil ? liftEmbargoes(previous, now) : previous;
  const lifted = embargoesOf.get(current) as Embargoes;
  const nowMs = now.getTime();
  const gone = new Set(change.removed);
  const stillAhead = lifted.pending.slice(lifted.lifted).filter((article) => !gone.has(article));
  const newlyAhead = change.added.filter((article) => article.status === 'published' && !isVisible(article, nowMs));
  const pending = newlyAhead.length ? [...stillAhead, ...newlyAhead].sort(earliestFirst) : stillAhead;
  const redirectsChanged = content.redirects !== change.base.redirects;
  const awaited = redirectsChanged ? new Set(content.redirects.flatMap((r) => (r.waitsFor === undefined ? [] : [r.waitsFor]))) : lifted.awaited;
  const next: Embargoes = { contentVersion, pending, lifted: 0, awaited };

  const indexes = withArticlesChanged(current, content, change.removed, change.added, nowMs);
  const touchesRedirect = [...change.removed, ...change.added].some((article) => awaited.has(article.slug));
  const pages = content.pages === change.base.pages ? { pages: current.pages, navPages: current.navPages } : publishedPages(content);
  return catalogOf(content, indexes, pages, redirectsChanged || touchesRedirect ? answeringRedirects(content, indexes.articleBySlug) : current.redirects, next, now);
}

/**
 * The published articles the catalog does not show yet (their embargo is still ahead), newest
 * first: read from what the catalog knows of its embargoes, not from a walk of every article.
 */
export function embargoedArticles(catalog: Catalog): Article[] {
  const embargoes = embargoesOf.get(catalog);
  if (!embargoes) return [...catalog.content.articles.values()].filter((a) => a.status === 'published' && !catalog.articleBySlug.has(a.slug)).sort(byNewest);
  return embargoes.pending.slice(embargoes.lifted).sort(byNewest);
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
    if (now.getTime() >= this.catalog.validUntil) this.swap(liftEmbargoes(this.catalog, now));
    return this.catalog;
  }

  /** Serves `content` from now on; `change`, when only articles changed from the content served now, spares a full build. */
  replace(content: Content, change?: ArticleChange): Catalog {
    const base = this.content;
    this.content = content;
    const contentVersion = ++this.contentVersion;
    const now = this.clock();
    this.swap(change && change.base === base ? withArticlesReplaced(this.catalog, content, change, contentVersion, now) : buildCatalog(content, contentVersion, now));
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
