/**
 * The catalog's article indexes (every visible article newest first, by
 * slug, by author, source, tag and section, and every correction), made in
 * full for a new content version and grown in place of a rebuild when
 * embargoes lift. Growing costs the articles that join times the lists they
 * join, plus copying those lists and the maps that hold them: every list and
 * map they do not join is shared with the catalog before, and nothing an
 * earlier catalog holds is changed, so a request still holding it sees it
 * whole. A grown index is exactly what a full build at the same moment makes,
 * Map order included (test/content/embargo-lift.test.ts checks that).
 * A reload that changed a few articles (src/content/article-reload.ts) takes
 * the old versions out and puts the new ones in the same way
 * (withArticlesChanged; test/content/catalog-change.test.ts).
 */
import { carryChangeTimes, carryNewestChange } from './list-dates';
import type { Article, Content, Correction, Section, Site, Tag } from './model';

/** One correction with the article it corrects. */
export interface ArticleCorrection {
  readonly article: Article;
  readonly correction: Correction;
}

export interface ArticleIndexes {
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
  /** Every correction of a visible article, newest first; on one date, the newer article first, then the article's own order. */
  readonly corrections: readonly ArticleCorrection[];
}

export function isVisible(article: Article, now: number): boolean {
  return article.status === 'published' && article.publishedAt.getTime() <= now;
}

/** Newest first; slug breaks ties so the order never depends on file order. */
export function byNewest(a: Article, b: Article): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Newest correction first; on one date, catalog order of the articles, then each article's own order of its corrections. */
function byNewestCorrection(a: ArticleCorrection, b: ArticleCorrection): number {
  return (
    b.correction.at.getTime() - a.correction.at.getTime() ||
    byNewest(a.article, b.article) ||
    (a.article.corrections ?? []).indexOf(a.correction) - (b.article.corrections ?? []).indexOf(b.correction)
  );
}

type ListIndex = 'articlesByAuthor' | 'articlesBySource' | 'articlesByTag' | 'articlesBySection';
const LIST_INDEXES: readonly ListIndex[] = ['articlesByAuthor', 'articlesBySource', 'articlesByTag', 'articlesBySection'];

/** The keys an article is listed under in one index, in the order it names them (a source it cites twice, or cites and was adapted from, once). */
function eachListKey(index: ListIndex, article: Article, visit: (key: string) => void): void {
  switch (index) {
    case 'articlesByAuthor':
      for (const author of article.authors) visit(author.slug);
      return;
    case 'articlesBySource': {
      const { citations, origin } = article;
      const cited = (slug: string, before: number) => {
        for (let j = 0; j < before; j++) if ((citations[j] as Article['citations'][number]).source.slug === slug) return true;
        return false;
      };
      for (let i = 0; i < citations.length; i++) {
        const slug = (citations[i] as Article['citations'][number]).source.slug;
        if (!cited(slug, i)) visit(slug);
      }
      if (origin && !cited(origin.slug, citations.length)) visit(origin.slug);
      return;
    }
    case 'articlesByTag':
      for (const tag of article.tags) visit(tag.slug);
      return;
    case 'articlesBySection':
      visit(article.section.slug);
  }
}

/** Where `key` comes among the keys the article is listed under (for two lists whose newest article is the same). */
function keyPosition(index: ListIndex, article: Article, key: string): number {
  let position = -1;
  let seen = 0;
  eachListKey(index, article, (k) => {
    if (position < 0 && k === key) position = seen;
    seen++;
  });
  return position;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The visible articles by slug, answered from the content's own map (keyed by slug) and the catalog's moment: no map of its own to copy when an embargo lifts. */
class VisibleArticles implements ReadonlyMap<string, Article> {
  constructor(
    private readonly all: ReadonlyMap<string, Article>,
    private readonly newestFirst: readonly Article[],
    private readonly nowMs: number,
  ) {}

  get size(): number {
    return this.newestFirst.length;
  }

  get(slug: string): Article | undefined {
    const article = this.all.get(slug);
    return article !== undefined && isVisible(article, this.nowMs) ? article : undefined;
  }

  has(slug: string): boolean {
    return this.get(slug) !== undefined;
  }

  /** Newest first, as the catalog lists them. */
  *entries(): MapIterator<[string, Article]> {
    for (const article of this.newestFirst) yield [article.slug, article];
  }

  *keys(): MapIterator<string> {
    for (const article of this.newestFirst) yield article.slug;
  }

  *values(): MapIterator<Article> {
    yield* this.newestFirst;
  }

  forEach(callback: (value: Article, key: string, map: ReadonlyMap<string, Article>) => void, thisArg?: unknown): void {
    for (const article of this.newestFirst) callback.call(thisArg, article, article.slug, this);
  }

  [Symbol.iterator](): MapIterator<[string, Article]> {
    return this.entries();
  }
}

/**
 * `added` (sorted by `compare`, none of them in `sorted`) put in their places in a copy of `sorted`:
 * a binary search each, then one copy of the whole list in pieces.
 */
export function insertSorted<T>(sorted: readonly T[], added: readonly T[], compare: (a: T, b: T) => number): T[] {
  const pieces: T[][] = [];
  let from = 0;
  for (const item of added) {
    let lo = from;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(sorted[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    pieces.push(sorted.slice(from, lo), [item]);
    from = lo;
  }
  pieces.push(sorted.slice(from));
  return ([] as T[]).concat(...pieces);
}

/** The tags that have a visible article, in the order a newest-first walk meets them, each as its newest article names it. */
function tagsOf(articlesByTag: ReadonlyMap<string, readonly Article[]>): Map<string, Tag> {
  const tags = new Map<string, Tag>();
  for (const [slug, list] of articlesByTag) {
    const tag = (list[0] as Article).tags.find((t) => t.slug === slug);
    if (tag) tags.set(slug, tag);
  }
  return tags;
}

/** site.json's sections in its order, then the others articles use, in the order a newest-first walk meets them. */
function sectionsOf(site: Site, articlesBySection: ReadonlyMap<string, readonly Article[]>): Map<string, Section> {
  const sections = new Map<string, Section>(site.sections.map((s) => [s.slug, s]));
  for (const [slug, list] of articlesBySection) if (!sections.has(slug)) sections.set(slug, (list[0] as Article).section);
  return sections;
}

function correctionsOf(articles: readonly Article[]): ArticleCorrection[] {
  const all: ArticleCorrection[] = [];
  for (const article of articles) for (const correction of article.corrections ?? []) all.push({ article, correction });
  return all.sort(byNewestCorrection);
}

/** The indexes of `visible` (sorted by byNewest), the articles of `content` visible at `nowMs`. */
export function indexArticles(content: Content, visible: readonly Article[], nowMs: number): ArticleIndexes {
  const lists = Object.fromEntries(LIST_INDEXES.map((index) => [index, new Map<string, Article[]>()])) as Record<ListIndex, Map<string, Article[]>>;
  for (const article of visible) {
    for (const index of LIST_INDEXES) {
      const map = lists[index];
      eachListKey(index, article, (key) => pushTo(map, key, article));
    }
  }
  return {
    articles: visible,
    articleBySlug: new VisibleArticles(content.articles, visible, nowMs),
    ...lists,
    tags: tagsOf(lists.articlesByTag),
    sections: sectionsOf(content.site, lists.articlesBySection),
    corrections: correctionsOf(visible),
  };
}

/** `previous` with `added` (sorted byNewest, visible at `nowMs`, none of them in `previous`) joined, as indexArticles would make it. */
export function withArticlesAdded(previous: ArticleIndexes, content: Content, added: readonly Article[], nowMs: number): ArticleIndexes {
  return withArticlesChanged(previous, content, [], added, nowMs);
}

/** Where a build meets `key` among an index's keys: by its list's newest article, then by where that article names it. */
function keyOrder(index: ListIndex, listOf: (key: string) => readonly Article[]): (a: string, b: string) => number {
  return (a, b) => {
    const headA = listOf(a)[0] as Article;
    const headB = listOf(b)[0] as Article;
    return byNewest(headA, headB) || keyPosition(index, headA, a) - keyPosition(index, headB, b);
  };
}

/**
 * One list index with the articles in `gone` taken out and `added` (byNewest) put in: only the lists
 * they are in are copied. A list left empty goes (the others keep their order); a list whose newest
 * article changed, or a new one, takes its place in the build order.
 */
function changedIndex(index: ListIndex, previous: ReadonlyMap<string, readonly Article[]>, gone: ReadonlySet<Article>, removed: readonly Article[], added: readonly Article[]): ReadonlyMap<string, readonly Article[]> {
  const touched = new Map<string, Article[]>();
  for (const article of removed) eachListKey(index, article, (key) => touched.has(key) || touched.set(key, []));
  for (const article of added) eachListKey(index, article, (key) => pushTo(touched, key, article));
  /** The new list of each touched key; null: it has none left. */
  const changed = new Map<string, readonly Article[] | null>();
  let reorder = false;
  for (const [key, more] of touched) {
    const old = previous.get(key);
    const kept = old ? (old.some((article) => gone.has(article)) ? old.filter((article) => !gone.has(article)) : old) : [];
    const list = more.length ? insertSorted(kept, more, byNewest) : kept;
    if (list === old) continue;
    if (list.length === 0) {
      if (old) changed.set(key, null);
      continue;
    }
    if (old) carryNewestChange(old, list, removed, more);
    changed.set(key, list);
    if (!old || list[0] !== old[0]) reorder = true;
  }
  if (changed.size === 0) return previous;
  const listOf = (key: string) => (changed.has(key) ? changed.get(key) : previous.get(key)) as readonly Article[];
  const keys: string[] = [];
  for (const key of previous.keys()) if (changed.get(key) !== null) keys.push(key);
  for (const [key, list] of changed) if (list !== null && !previous.has(key)) keys.push(key);
  if (reorder) keys.sort(keyOrder(index, listOf));
  return new Map(keys.map((key) => [key, listOf(key)]));
}

/**
 * `previous` with `removed` taken out (articles it lists or not) and `added` put in (any
 * articles of `content`: those not visible at `nowMs` stay out), as indexArticles would make
 * it for `content`. Costs one pass over the visible articles plus the lists they are in.
 */
export function withArticlesChanged(previous: ArticleIndexes, content: Content, removed: readonly Article[], added: readonly Article[], nowMs: number): ArticleIndexes {
  const gone = new Set(removed);
  const joining = added.filter((article) => isVisible(article, nowMs)).sort(byNewest);
  const kept = gone.size ? previous.articles.filter((article) => !gone.has(article)) : previous.articles;
  const articles = joining.length ? insertSorted(kept, joining, byNewest) : kept;
  carryNewestChange(previous.articles, articles, removed, joining);
  carryChangeTimes(previous.articles, articles, gone);
  const lists = Object.fromEntries(LIST_INDEXES.map((index) => [index, changedIndex(index, previous[index], gone, removed, joining)])) as Record<ListIndex, ReadonlyMap<string, readonly Article[]>>;
  const keptCorrections = removed.some((article) => article.corrections?.length) ? previous.corrections.filter((c) => !gone.has(c.article)) : previous.corrections;
  const addedCorrections = correctionsOf(joining);
  return {
    articles,
    articleBySlug: new VisibleArticles(content.articles, articles, nowMs),
    ...lists,
    tags: lists.articlesByTag === previous.articlesByTag ? previous.tags : tagsOf(lists.articlesByTag),
    sections: lists.articlesBySection === previous.articlesBySection ? previous.sections : sectionsOf(content.site, lists.articlesBySection),
    corrections: addedCorrections.length ? insertSorted(keptCorrections, addedCorrections, byNewestCorrection) : keptCorrections,
  };
}
