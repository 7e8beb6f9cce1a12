/**
 * The index as one catalog sees it: which documents that catalog may show
 * (drafts are never indexed; embargoed articles are, but stay invisible until
 * the catalog shows them) and each one's freshness at the catalog's build
 * time, folded into the one weight per document the engine takes. Kept apart
 * from the engine because an embargo lifting or a reload needs a new view of
 * the same index, never a new index.
 */
import type { Catalog } from '../content/catalog';
import type { Article } from '../content/model';
import type { SearchIndex } from './engine';

export interface SearchHit {
  article: Article;
  /** Relevance blended with freshness (see rankScore). */
  score: number;
  /** Words of the article that matched (normalised), for highlighting. */
  terms: string[];
}

export interface SearchOutcome {
  /** The hits asked for (a page of them), best first. */
  hits: SearchHit[];
  /** How many articles matched in all. */
  total: number;
  /** 'AND' when every hit has all the query's words; 'OR' when none did and any word was accepted. */
  combinedWith: 'AND' | 'OR';
  /** How many words the query had after tokenising (0: nothing searchable). */
  termCount: number;
}

const DAY_MS = 86_400_000;

/**
 * Ranking: BM25+ relevance (with the field boosts) times a freshness factor,
 *
 *     rank = relevance × (1 + 1 / (1 + ageDays / 365))
 *
 * where ageDays is the article's age when the catalog was built (never
 * negative). A story published today counts double, a year-old one 1.5×, a
 * ten-year-old one about 1.09×: freshness breaks near-ties and lifts recent
 * news, but a much better match (a headline hit against a passing mention)
 * still wins. Ties go to the newer article, then the slug.
 */
export function rankScore(relevance: number, publishedAt: Date, now: Date): number {
  return relevance * freshness(now.getTime() - publishedAt.getTime());
}

/** The freshness factor of an article `ageMs` old (rankScore's; a CatalogSearch weighs its documents by it). */
function freshness(ageMs: number): number {
  return 1 + 1 / (1 + Math.max(0, ageMs) / DAY_MS / 365);
}

/**
 * An index as one catalog sees it: the documents that catalog shows (by
 * slug), each weighted by its freshness at the catalog's build time. `stale`
 * when the index was built from an earlier content version (a reload whose
 * own index is still being built): then only articles the catalog shows can
 * be found, in their current version, by the words of their earlier one.
 */
export class CatalogSearch {
  private readonly weight: Float64Array;
  readonly documentCount: number;

  constructor(
    readonly index: SearchIndex,
    private readonly catalog: Catalog,
    readonly stale = false,
  ) {
    const slugs = index.slugs;
    const n = slugs.length;
    const builtAt = catalog.builtAt.getTime();
    this.weight = new Float64Array(n);
    let count = 0;
    if (!stale) {
      // The index holds exactly the published articles of this catalog's content, and a catalog shows those published by its time.
      const published = index.publishedAt;
      for (let d = 0; d < n; d++) {
        const at = published[d] as number;
        if (at <= builtAt) {
          this.weight[d] = freshness(builtAt - at);
          count++;
        }
      }
    }
    if (stale || count !== catalog.articles.length) {
      // An earlier content's index (or, defensively, any mismatch): ask the catalog, slug by slug.
      this.weight.fill(0);
      count = 0;
      for (let d = 0; d < n; d++) {
        const article = catalog.articleBySlug.get(slugs[d] as string);
        if (article) {
          this.weight[d] = freshness(builtAt - article.publishedAt.getTime());
          count++;
        }
      }
    }
    this.documentCount = count;
  }

  /** Hits [offset, offset + limit) of the ranking (all of them by default), and the total. */
  search(query: string, page: { offset?: number; limit?: number } = {}): SearchOutcome {
    const result = this.index.search(query, this.weight, Math.max(0, page.offset ?? 0), page.limit ?? Infinity);
    const hits: SearchHit[] = result.docs.map((doc, i) => ({
      article: this.catalog.articleBySlug.get(this.index.slugs[doc] as string) as Article,
      score: result.ranks[i] as number,
      terms: result.terms[i] as string[],
    }));
    return { hits, total: result.total, combinedWith: result.combinedWith, termCount: result.termCount };
  }
}
