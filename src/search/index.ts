/**
 * Site search: a MiniSearch full-text index over the articles a catalog makes
 * visible. The index is built lazily, once per catalog object, and memoised in
 * a WeakMap keyed by that catalog: drafts and embargoed articles are never in
 * a catalog, so they are never indexed, and when an embargo lifts (or content
 * is reloaded) the new catalog gets a new index while the old one is
 * garbage-collected with its catalog.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { byNewest, type Catalog } from '../content/catalog';
import type { Article, Block } from '../content/model';
import { plainInline } from '../pages/inline';
import { normalizeTerm, tokenize } from './terms';

interface SearchDocument {
  slug: string;
  headline: string;
  standfirst: string;
  body: string;
  authors: string;
  sources: string;
  tags: string;
  section: string;
}

const FIELDS = ['headline', 'standfirst', 'body', 'authors', 'sources', 'tags', 'section'] as const;
const BOOST: Record<string, number> = { headline: 3, standfirst: 2, authors: 2 };

export interface SearchHit {
  article: Article;
  /** Relevance blended with freshness (see rankScore). */
  score: number;
  /** Words of the article that matched (normalised), for highlighting. */
  terms: string[];
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** 'AND' when every hit has all the query's words; 'OR' when none did and any word was accepted. */
  combinedWith: 'AND' | 'OR';
  /** How many terms the query had after tokenising (0: nothing searchable). */
  termCount: number;
}

function blockText(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [plainInline(block.text)];
    case 'list':
      return block.items.map(plainInline);
    case 'quote':
      return [plainInline(block.text), ...(block.attribution ? [plainInline(block.attribution)] : [])];
    case 'image':
      return block.picture.caption ? [plainInline(block.picture.caption)] : [];
    case 'promo':
      return [...(block.label ? [plainInline(block.label)] : []), plainInline(block.text)];
  }
}

const bodyTexts = new WeakMap<Article, string>();

/** The article's body as plain text: paragraphs, headings, list items, quotes, captions and promos, one per line. */
export function articleBodyText(article: Article): string {
  let text = bodyTexts.get(article);
  if (text === undefined) {
    text = article.body.flatMap(blockText).join('\n');
    bodyTexts.set(article, text);
  }
  return text;
}

function toDocument(article: Article): SearchDocument {
  const sources = new Set(article.citations.map((c) => c.source.name));
  if (article.origin) sources.add(article.origin.name);
  return {
    slug: article.slug,
    headline: article.headline,
    standfirst: plainInline(article.standfirst),
    body: [article.image?.caption ? plainInline(article.image.caption) : '', articleBodyText(article)].filter(Boolean).join('\n'),
    authors: article.authors.map((a) => a.name).join('\n'),
    sources: [...sources].join('\n'),
    tags: article.tags.map((t) => t.name).join('\n'),
    section: article.section.name,
  };
}

const DAY_MS = 86_400_000;

/**
 * Ranking: MiniSearch's BM25+ relevance (with the field boosts above) times a
 * freshness factor,
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
  const ageDays = Math.max(0, (now.getTime() - publishedAt.getTime()) / DAY_MS);
  return relevance * (1 + 1 / (1 + ageDays / 365));
}

/** Longest edit distance a fuzzy match may use, whatever the term length. */
const MAX_FUZZY = 2;

const BASE_OPTIONS: SearchOptions = {
  boost: BOOST,
  // Search-as-you-type for the last word only ("khabar" finds "Khabarovsk"); one letter is too broad.
  prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 2,
  // Typos: one edit per five characters, from five characters up.
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  maxFuzzy: MAX_FUZZY,
};

export class SearchIndex {
  private readonly miniSearch: MiniSearch<SearchDocument>;

  constructor(private readonly catalog: Catalog) {
    this.miniSearch = new MiniSearch<SearchDocument>({
      idField: 'slug',
      fields: [...FIELDS],
      storeFields: [], // the slug (the id) is all we keep; the catalog has the rest
      tokenize,
      processTerm: (term) => normalizeTerm(term) || null,
      searchOptions: BASE_OPTIONS,
    });
    this.miniSearch.addAll(catalog.articles.map(toDocument));
  }

  get documentCount(): number {
    return this.miniSearch.documentCount;
  }

  /** All matching visible articles, best first. Tries every word (AND), then any word (OR). */
  search(query: string): SearchOutcome {
    const termCount = tokenize(query).length;
    if (termCount === 0) return { hits: [], combinedWith: 'AND', termCount };
    let combinedWith: 'AND' | 'OR' = 'AND';
    let results = this.miniSearch.search(query, { combineWith: 'AND' });
    if (results.length === 0 && termCount > 1) {
      combinedWith = 'OR';
      results = this.miniSearch.search(query, { combineWith: 'OR' });
    }
    const now = this.catalog.builtAt;
    const hits: SearchHit[] = [];
    for (const result of results) {
      const article = this.catalog.articleBySlug.get(String(result.id));
      if (!article) continue;
      hits.push({ article, score: rankScore(result.score, article.publishedAt, now), terms: result.terms });
    }
    hits.sort((a, b) => b.score - a.score || byNewest(a.article, b.article));
    return { hits, combinedWith, termCount };
  }
}

const indexes = new WeakMap<Catalog, SearchIndex>();

/** The index for this catalog, built on first use. */
export function searchIndexFor(catalog: Catalog): SearchIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new SearchIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
