/**
 * Site search: a compact inverted index over the published articles of a
 * content version (build.ts), searched through a per-catalog view that hides
 * what that catalog does not show (drafts are never indexed; embargoed
 * articles are, but stay invisible until their catalog shows them), ranked by
 * BM25+ relevance times freshness. See docs/search.md and
 * docs/decisions/0008-search-at-scale.md.
 *
 * The index is built off the request path: `keepSearchIndexed` starts a
 * background build (in slices, between requests) when the content is loaded
 * and after every reload; an embargo lifting needs no new index, only a new
 * view. A small site is indexed on its first search, synchronously.
 */
import type { Catalog, CatalogStore } from '../content/catalog';
import type { Article, Content } from '../content/model';
import * as build from './build';
import { IndexBuilder, type IndexData } from './build';
import { normalizeWord, tokenize } from './terms';
import { fuzzyTerms, prefixRange, termIndex } from './vocabulary';

export { articleBodyText, cachedBodyText } from './build';

// Module-local copies for the scoring loop (an imported binding may be a getter call per read).
const { HEADLINE, STANDFIRST, AUTHORS, REST_TF } = build;
const BM25_K = build.BM25.k;
const BM25_D = build.BM25.d;

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

/** Longest edit distance a fuzzy match may use, whatever the term length. */
const MAX_FUZZY = 2;
/** Weights of prefix and fuzzy matches against an exact one (MiniSearch's). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** A query word expands to at most this many prefix (and as many fuzzy) terms: the most frequent ones. */
export const MAX_EXPANSIONS = 200;

interface Expansion {
  term: number;
  weight: number;
}

/** One query word and the terms it matches: itself, and for the last word words it begins, for long words near misses. */
interface WordSpec {
  term: string;
  expansions: Expansion[];
}

/** The variable-length number at bytes[at]: 7 bits a byte, low bits first, the high bit set on every byte but the last. */
function varintAt(bytes: Uint8Array, at: number): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++] as number;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

/** How many bytes varintAt read for `value` (the builder writes no more than it needs). */
function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;
}

/** The immutable index of one content version. Search it through a CatalogSearch. */
export class SearchIndex {
  private readonly data: IndexData;
  // Scratch for one search at a time (searches are synchronous), one slot per document.
  private readonly stamp: Uint32Array;
  private readonly score: Float64Array;
  private readonly lastWord: Int32Array;
  private readonly words: Uint16Array;
  private readonly touched: Int32Array;
  private currentStamp = 0;

  constructor(data: IndexData) {
    this.data = data;
    const n = data.slugs.length;
    this.stamp = new Uint32Array(n);
    this.score = new Float64Array(n);
    this.lastWord = new Int32Array(n);
    this.words = new Uint16Array(n);
    this.touched = new Int32Array(n);
  }

  /** Documents indexed: every published article of the content, embargoed ones included. */
  get documentCount(): number {
    return this.data.slugs.length;
  }

  get termCount(): number {
    return this.data.terms.length;
  }

  get postingCount(): number {
    return this.data.flags.length;
  }

  /** Slugs of the indexed documents, newest first. */
  get slugs(): readonly string[] {
    return this.data.slugs;
  }

  /** Publication times (epoch ms) of the indexed documents. */
  get publishedAt(): Float64Array {
    return this.data.publishedAt;
  }

  /** Bytes held in typed arrays (postings, lengths, scratch); the term and slug strings come on top. */
  get byteSize(): number {
    const d = this.data;
    const arrays = [d.publishedAt, d.postStart, d.gapStart, d.docGaps, d.flags, d.normHeadline, d.normStandfirst, d.normAuthors, d.normRest, this.stamp, this.score, this.lastWord, this.words, this.touched];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** A stamp no slot of `stamp` holds yet: slots stamped with it are this pass's. */
  private nextStamp(): number {
    if (++this.currentStamp === 0xffffffff) {
      this.stamp.fill(0);
      this.currentStamp = 1;
    }
    return this.currentStamp;
  }

  private documentFrequency(term: number): number {
    return (this.data.postStart[term + 1] as number) - (this.data.postStart[term] as number);
  }

  /** Query words and their expansions, as MiniSearch would make them. */
  private specs(words: readonly string[]): WordSpec[] {
    const { terms } = this.data;
    const specs: WordSpec[] = [];
    const seen = new Set<string>();
    words.forEach((word, i) => {
      const prefix = i === words.length - 1 && word.length >= 2;
      const key = `${prefix ? '*' : '='}${word}`;
      if (seen.has(key)) return;
      seen.add(key);
      const expansions: Expansion[] = [];
      const exact = termIndex(terms, word);
      if (exact >= 0) expansions.push({ term: exact, weight: 1 });
      const byPrefix = new Set<number>();
      if (prefix) {
        const [start, end] = prefixRange(terms, word);
        const found: Expansion[] = [];
        for (let t = start; t < end; t++) {
          if (t === exact) continue;
          const length = (terms[t] as string).length;
          found.push({ term: t, weight: (PREFIX_WEIGHT * length) / (length + 0.3 * (length - word.length)) });
          byPrefix.add(t);
        }
        expansions.push(...this.mostFrequent(found));
      }
      const maxDistance = word.length >= 5 ? Math.min(MAX_FUZZY, Math.round(word.length * 0.2)) : 0;
      if (maxDistance > 0) {
        const found: Expansion[] = [];
        fuzzyTerms(terms, word, maxDistance, (t, distance) => {
          if (distance === 0 || byPrefix.has(t)) return;
          const length = (terms[t] as string).length;
          found.push({ term: t, weight: (FUZZY_WEIGHT * length) / (length + distance) });
        });
        expansions.push(...this.mostFrequent(found));
      }
      specs.push({ term: word, expansions });
    });
    return specs;
  }

  private mostFrequent(expansions: Expansion[]): Expansion[] {
    if (expansions.length <= MAX_EXPANSIONS) return expansions;
    return expansions.sort((a, b) => this.documentFrequency(b.term) - this.documentFrequency(a.term) || a.term - b.term).slice(0, MAX_EXPANSIONS);
  }

  /**
   * Scores every visible document (weight[d] > 0) that matches any word;
   * returns how many were touched. score[d] is the BM25+ sum, words[d] how
   * many distinct query words matched.
   */
  private scoreAll(specs: readonly WordSpec[], weight: Float64Array): number {
    const { postStart, gapStart, docGaps, flags, normHeadline, normStandfirst, normAuthors, normRest } = this.data;
    const { stamp, score, lastWord, words, touched } = this;
    const current = this.nextStamp();
    const n = this.documentCount;
    const k1 = BM25_K + 1;
    const delta = BM25_D;
    let count = 0;
    specs.forEach((spec, wi) => {
      for (const { term, weight: termWeight } of spec.expansions) {
        const df = this.documentFrequency(term);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const w = termWeight * idf;
        let at = gapStart[term] as number;
        let doc = -1;
        const end = postStart[term + 1] as number;
        for (let p = postStart[term] as number; p < end; p++) {
          const gap = varintAt(docGaps, at);
          at += varintLength(gap);
          doc += gap;
          if ((weight[doc] as number) === 0) continue;
          const f = flags[p] as number;
          let s = 0;
          const tf = f & REST_TF;
          if (tf) s += delta + (tf * k1) / (tf + (normRest[doc] as number));
          if (f & HEADLINE) s += 3 * (delta + k1 / (1 + (normHeadline[doc] as number)));
          if (f & STANDFIRST) s += 2 * (delta + k1 / (1 + (normStandfirst[doc] as number)));
          if (f & AUTHORS) s += 2 * (delta + k1 / (1 + (normAuthors[doc] as number)));
          s *= w;
          if (stamp[doc] !== current) {
            stamp[doc] = current;
            score[doc] = s;
            lastWord[doc] = wi;
            words[doc] = 1;
            touched[count++] = doc;
          } else {
            score[doc] = (score[doc] as number) + s;
            if (lastWord[doc] !== wi) {
              lastWord[doc] = wi;
              words[doc] = (words[doc] as number) + 1;
            }
          }
        }
      }
    });
    return count;
  }

  /** The terms of each hit document that the query's words matched, in query order. */
  private matchedTerms(specs: readonly WordSpec[], hitDocs: readonly number[]): string[][] {
    const { postStart, gapStart, docGaps, terms } = this.data;
    const out = hitDocs.map(() => [] as string[]);
    if (hitDocs.length === 0) return out;
    // Mark the hits in the scratch arrays: stamp says "a hit", lastWord holds its slot.
    const { stamp, lastWord } = this;
    const hit = this.nextStamp();
    let last = -1;
    hitDocs.forEach((doc, slot) => {
      stamp[doc] = hit;
      lastWord[doc] = slot;
      if (doc > last) last = doc;
    });
    for (const spec of specs) {
      for (const { term } of spec.expansions) {
        let at = gapStart[term] as number;
        let doc = -1;
        const end = postStart[term + 1] as number;
        for (let p = postStart[term] as number; p < end && doc < last; p++) {
          const gap = varintAt(docGaps, at);
          at += varintLength(gap);
          doc += gap;
          if (stamp[doc] === hit) {
            const list = out[lastWord[doc] as number] as string[];
            const text = terms[term] as string;
            if (!list.includes(text)) list.push(text);
          }
        }
      }
    }
    return out;
  }

  /**
   * Searches the documents with weight[d] > 0 (weight is the view's
   * visibility and freshness). Every word must match (AND); if no document
   * has them all, any (OR). Returns hits [offset, offset + limit) of the
   * ranking, and how many matched in all.
   */
  search(query: string, weight: Float64Array, offset: number, limit: number): { docs: number[]; ranks: number[]; terms: string[][]; total: number; combinedWith: 'AND' | 'OR'; termCount: number } {
    const queryWords = tokenize(query);
    const termCount = queryWords.length;
    const specs = termCount === 0 ? [] : this.specs(queryWords.map(normalizeWord).filter(Boolean));
    if (specs.length === 0) return { docs: [], ranks: [], terms: [], total: 0, combinedWith: 'AND', termCount };
    const touchedCount = this.scoreAll(specs, weight);
    const { score, words, touched } = this;
    const need = specs.length;
    let combinedWith: 'AND' | 'OR' = 'AND';
    let total = 0;
    for (let i = 0; i < touchedCount; i++) if (words[touched[i] as number] === need) total++;
    if (total === 0 && termCount > 1 && touchedCount > 0) {
      combinedWith = 'OR';
      total = touchedCount;
    }
    const wanted = Math.max(0, Math.min(total, offset + limit));
    // The best `wanted` by rank (ties: the lower document number, i.e. newer, then slug), kept in a min-heap on "worse".
    const heapDocs = new Int32Array(wanted);
    const heapRanks = new Float64Array(wanted);
    let size = 0;
    const worse = (ra: number, da: number, rb: number, db: number) => ra < rb || (ra === rb && da > db);
    const siftDown = (from: number) => {
      let i = from;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && worse(heapRanks[l] as number, heapDocs[l] as number, heapRanks[m] as number, heapDocs[m] as number)) m = l;
        if (r < size && worse(heapRanks[r] as number, heapDocs[r] as number, heapRanks[m] as number, heapDocs[m] as number)) m = r;
        if (m === i) return;
        const rd = heapDocs[i] as number;
        const rr = heapRanks[i] as number;
        heapDocs[i] = heapDocs[m] as number;
        heapRanks[i] = heapRanks[m] as number;
        heapDocs[m] = rd;
        heapRanks[m] = rr;
        i = m;
      }
    };
    if (wanted > 0) {
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i] as number;
        const matched = words[doc] as number;
        if (combinedWith === 'AND' && matched !== need) continue;
        const rank = (score[doc] as number) * matched * (weight[doc] as number);
        if (size < wanted) {
          // Sift up.
          let j = size++;
          heapDocs[j] = doc;
          heapRanks[j] = rank;
          while (j > 0) {
            const parent = (j - 1) >> 1;
            if (!worse(heapRanks[j] as number, heapDocs[j] as number, heapRanks[parent] as number, heapDocs[parent] as number)) break;
            const pd = heapDocs[parent] as number;
            const pr = heapRanks[parent] as number;
            heapDocs[parent] = heapDocs[j] as number;
            heapRanks[parent] = heapRanks[j] as number;
            heapDocs[j] = pd;
            heapRanks[j] = pr;
            j = parent;
          }
        } else if (worse(heapRanks[0] as number, heapDocs[0] as number, rank, doc)) {
          heapDocs[0] = doc;
          heapRanks[0] = rank;
          siftDown(0);
        }
      }
    }
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => (heapRanks[b] as number) - (heapRanks[a] as number) || (heapDocs[a] as number) - (heapDocs[b] as number));
    const page = order.slice(Math.min(offset, size));
    const docs = page.map((i) => heapDocs[i] as number);
    const ranks = page.map((i) => heapRanks[i] as number);
    return { docs, ranks, terms: this.matchedTerms(specs, docs), total, combinedWith, termCount };
  }
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

// ---------------------------------------------------------------------------
// Which index a catalog uses, and building them off the request path.

/**
 * syncBuildLimit: a site with at most this many published articles is
 * indexed on its first search if its index is not ready (0.1–0.3 s at 3,000);
 * a larger one never blocks a request. Tests lower it to see the background path.
 */
export const searchSettings = { syncBuildLimit: 3000 };
/** A background build works in slices of this many milliseconds, yielding to requests between them. */
export const SLICE_MS = 12;

interface Build {
  builder: IndexBuilder;
  done: Promise<SearchIndex>;
  resolve: (index: SearchIndex) => void;
  reject: (error: unknown) => void;
  scheduled: boolean;
  cancelled: boolean;
}

const ready = new WeakMap<Content, SearchIndex>();
const builds = new WeakMap<Content, Build>();
/** For a content whose index is not built yet: the index of the content it replaced (kept by keepSearchIndexed). */
const earlier = new WeakMap<Content, SearchIndex>();
const views = new WeakMap<Catalog, CatalogSearch>();

function buildFor(catalog: Catalog): Build {
  let build = builds.get(catalog.content);
  if (!build) {
    let resolve!: (index: SearchIndex) => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<SearchIndex>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined); // a failed background build is reported to whoever awaits it, never as unhandled
    build = { builder: new IndexBuilder(catalog), done, resolve, reject, scheduled: false, cancelled: false };
    builds.set(catalog.content, build);
  }
  return build;
}

function finish(content: Content, build: Build): SearchIndex {
  const index = new SearchIndex(build.builder.finish());
  ready.set(content, index);
  builds.delete(content);
  earlier.delete(content);
  build.resolve(index);
  return index;
}

/** The catalog's content's own index, finishing its build now if asked to (or if the site is small); undefined while a large one builds. */
function ownIndex(catalog: Catalog, now: boolean): SearchIndex | undefined {
  const index = ready.get(catalog.content);
  if (index) return index;
  const build = buildFor(catalog);
  if (now || build.builder.documentCount <= searchSettings.syncBuildLimit) return finish(catalog.content, build);
  schedule(catalog.content, build);
  return undefined;
}

function schedule(content: Content, build: Build): void {
  if (build.scheduled) return;
  build.scheduled = true;
  const slice = () => {
    if (build.cancelled || ready.has(content)) return;
    try {
      if (build.builder.step(performance.now() + SLICE_MS)) finish(content, build);
      else setImmediate(slice);
    } catch (error) {
      builds.delete(content);
      build.reject(error);
    }
  };
  setImmediate(slice);
}

function viewFor(catalog: Catalog, index: SearchIndex, stale: boolean): CatalogSearch {
  const cached = views.get(catalog);
  if (cached && cached.index === index) return cached;
  const view = new CatalogSearch(index, catalog, stale);
  views.set(catalog, view);
  return view;
}

/**
 * Search for this catalog, if it can be had without blocking: its content's
 * own index; else the index of the content it replaced (stale, see
 * CatalogSearch); else undefined, while the index is built in the background.
 * A small site's index is built on the spot.
 */
export function searchFor(catalog: Catalog): CatalogSearch | undefined {
  const own = ownIndex(catalog, false);
  if (own) return viewFor(catalog, own, false);
  const previous = earlier.get(catalog.content);
  return previous ? viewFor(catalog, previous, true) : undefined;
}

/** Search for this catalog, building its index now if need be (tests, benchmarks, tools). */
export function searchIndexFor(catalog: Catalog): CatalogSearch {
  return viewFor(catalog, ownIndex(catalog, true) as SearchIndex, false);
}

/** Starts building the catalog's index in the background (if it is not built); resolves when it is ready. */
export function prepareSearch(catalog: Catalog): Promise<SearchIndex> {
  const index = ready.get(catalog.content);
  if (index) return Promise.resolve(index);
  const build = buildFor(catalog);
  schedule(catalog.content, build);
  return build.done;
}

/** Whether the catalog's own index is built. */
export function searchReady(catalog: Catalog): boolean {
  return ready.has(catalog.content);
}

/**
 * Keeps a running site's search index ready: builds it now, in the
 * background, and again after every reload (`reloads` is LiveContent's
 * listener list); until a reload's index is ready, searches use the previous
 * one, filtered by the new catalog. An embargo lifting needs nothing: the
 * index has every published article, and the new catalog's view shows it.
 */
export function keepSearchIndexed(store: CatalogStore, reloads: { push(listener: () => void): unknown }): void {
  let content = store.current().content;
  void prepareSearch(store.current());
  reloads.push(() => {
    const catalog = store.current();
    if (catalog.content === content) return; // the reload failed: same content
    const previous = ready.get(content) ?? earlier.get(content);
    if (previous && !ready.has(catalog.content)) earlier.set(catalog.content, previous);
    const superseded = builds.get(content);
    if (superseded) {
      superseded.cancelled = true;
      builds.delete(content);
    }
    content = catalog.content;
    void prepareSearch(catalog);
  });
}
