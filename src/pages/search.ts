/**
 * The search page: /search?q=…&page=N. The query is bounded and cleaned
 * before it reaches the index; results are paged 10 at a time; every search
 * page is `noindex, follow` (result lists are not content of their own).
 * Highlighted headline, excerpt and byline HTML come from src/search/highlight.ts,
 * which escapes everything; every other field is plain text for `<%=`.
 */
import { excerpt, firstMatch, highlight } from '../search/highlight';
import { cachedBodyText, searchFor, type SearchHit } from '../search/index';
import type { PageContext, PageResult } from './context';
import { formatDate, languageOf, type DateModel } from './dates';
import { layoutModel, SEARCH_QUERY_MAX_LENGTH, type LayoutModel } from './layout';
import { PAGE_SIZE, paginationFor, requestedPage, type Pagination, type PagingLabels } from './paging';
import { absoluteUrl, urls } from '../routes/urls';
import type { Direction } from './direction';
import { errorModel, type ErrorModel } from './errors';
import { plainInline } from '../text/inline';
import { itemText, siteText, type Text } from '../text/locale';
import { SEARCH_KEY, SITE_KEY } from '../cache-keys/scheme';

/**
 * Search answers may be kept by a cache in front (a query is a URL like any
 * other); what they show depends on every article, so they carry one key,
 * `search`, purged whenever any content changes.
 */
const SEARCH_KEYS = [SITE_KEY, SEARCH_KEY] as const;

export const MAX_QUERY_LENGTH = SEARCH_QUERY_MAX_LENGTH;

/** Search results go down a ranking, not back in time. */
function resultPaging(text: Text): PagingLabels {
  return { name: text.t('paging.resultsName'), prev: text.t('paging.previousResults'), next: text.t('paging.moreResults') };
}

/** A message split around the query, which the template prints inside <bdi>. */
export interface AroundQuery {
  before: string;
  after: string;
}

/** The search page's own words, in the site's language. */
export interface SearchLabels {
  /** The <h1>: "Search", or split around the query ("Search results for “…”"). */
  heading: AroundQuery;
  formLabel: string;
  inputLabel: string;
  button: string;
  truncated: string;
  hint: string;
  noResults: AroundQuery;
  suggestions: string;
  tipSpelling: string;
  tipGeneral: string;
  browse: string;
  /** "12 results for “…”", split around the query. */
  count: AroundQuery;
  /** " · page 2 of 3" is printed after the count when there is more than one page. */
  countPage?: string;
  anyWord: string;
}

export interface SearchResultModel {
  url: string;
  /** Safe HTML: the escaped headline with matches in <mark>. */
  headlineHtml: string;
  /** Safe HTML: an escaped excerpt with matches in <mark>. */
  excerptHtml: string;
  section: { name: string; url: string };
  published: DateModel;
  /** Safe HTML: the escaped author names with matches in <mark>. */
  bylinesHtml: string;
  /** What the byline says around the names ("By " before them). */
  byline: { before: string; after: string };
  lang?: string;
  dir?: Direction;
}

export interface SearchModel {
  layout: LayoutModel;
  /** The cleaned query, as searched (plain text). */
  query: string;
  /** The reader's query was longer than MAX_QUERY_LENGTH and was cut. */
  truncated: boolean;
  maxLength: number;
  /** 'empty': no query yet; 'results': at least one hit; 'none': nothing found. */
  state: 'empty' | 'results' | 'none';
  resultCount: number;
  /** false when no article had every word, so articles with any of them are shown. */
  matchedAll: boolean;
  results: SearchResultModel[];
  pagination?: Pagination;
  /** Sections to browse instead, for the empty and no-results pages. */
  sections: { name: string; url: string; separator: string }[];
  labels: SearchLabels;
}

// C0/C1 controls (whitespace among them), bidi embeddings, overrides and isolates, BOM.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Bounds the raw `q` parameter: a repeated `q` counts as its first string,
 * anything that is not a string as empty; control characters and bidi
 * controls become spaces, lone surrogates U+FFFD; whitespace is collapsed and
 * trimmed; then the query is cut to MAX_QUERY_LENGTH UTF-16 units (the same
 * unit as the input's maxlength) without splitting a character.
 */
export function boundQuery(raw: unknown): { query: string; truncated: boolean } {
  const first = Array.isArray(raw) ? raw.find((v): v is string => typeof v === 'string') : raw;
  if (typeof first !== 'string') return { query: '', truncated: false };
  let query = first.replace(LONE_SURROGATE, '\ufffd').replace(CONTROLS, ' ').normalize('NFC').replace(/\s+/g, ' ').trim();
  const truncated = query.length > MAX_QUERY_LENGTH;
  if (truncated) {
    query = query.slice(0, MAX_QUERY_LENGTH);
    if (/[\ud800-\udbff]$/.test(query)) query = query.slice(0, -1);
    query = query.trim();
  }
  return { query, truncated };
}

/** `/search?q=…` and `/search?q=…&page=N` (page 1 has no page parameter). */
export function searchUrl(query: string, page = 1): string {
  const base = `/search?q=${encodeURIComponent(query)}`;
  return page > 1 ? `${base}&page=${page}` : base;
}

function resultModel(ctx: PageContext, hit: SearchHit): SearchResultModel {
  const { article, terms } = hit;
  const site = ctx.catalog.site;
  const body = cachedBodyText(ctx.catalog.content.bodies, article);
  const standfirst = plainInline(article.standfirst);
  // The excerpt comes from the body around the first match; if only the headline, byline etc. matched, the standfirst.
  const bodyHasMatch = firstMatch(body, terms) !== -1;
  // The result carries the article's lang: its byline and date are in that language when a locale ships for it.
  const text = itemText(site, article.language);
  const separators = text.separators(article.authors.length);
  return {
    url: urls.article(article.slug),
    headlineHtml: highlight(article.headline, terms),
    excerptHtml: excerpt(bodyHasMatch ? body.replace(/\n/g, ' ') : standfirst, terms),
    section: { name: article.section.name, url: urls.section(article.section.slug) },
    published: formatDate(site, article.publishedAt, text.intlLocale),
    bylinesHtml: highlight(article.authors.map((a, i) => separators[i] + a.name).join(''), terms),
    byline: text.around('card.byline', 'names'),
    ...languageOf(site, article.language),
  };
}

export function searchPage(ctx: PageContext, rawQuery: unknown, rawPage: unknown): PageResult<SearchModel | ErrorModel> {
  const { catalog } = ctx;
  const { query, truncated } = boundQuery(rawQuery);
  const text = siteText(catalog.site);
  const sectionList = [...catalog.sections.values()].filter((s) => catalog.articlesBySection.has(s.slug));
  const sectionSeparators = text.separators(sectionList.length);
  const sections = sectionList.map((s, i) => ({ name: s.name, url: urls.section(s.slug), separator: sectionSeparators[i] as string }));
  const labelsFor = (count: number, pagination?: Pagination): SearchLabels => ({
    heading: query ? text.around('search.heading', 'query') : { before: text.t('search.title'), after: '' },
    formLabel: text.t('search.formLabel'),
    inputLabel: text.t('search.inputLabel'),
    button: text.t('search.button'),
    truncated: text.t('search.truncated', { max: MAX_QUERY_LENGTH }),
    hint: text.t('search.hint'),
    noResults: text.around('search.noResults', 'query'),
    suggestions: text.t('search.suggestions'),
    tipSpelling: text.t('search.tipSpelling'),
    tipGeneral: text.t('search.tipGeneral'),
    browse: text.t('search.browse'),
    count: text.around('search.count', 'query', { count }),
    ...(pagination && pagination.pageCount > 1 && { countPage: text.t('search.countPage', { page: pagination.page, pageCount: pagination.pageCount }) }),
    anyWord: text.t('search.anyWord'),
  });

  const layoutFor = (page: number, pagination?: Pagination): LayoutModel => {
    const base = layoutModel(ctx, {
      title: query ? (page > 1 ? text.t('layout.pagedTitle', { title: text.t('search.queryTitle', { query }), page }) : text.t('search.queryTitle', { query })) : text.t('search.title'),
      description: query ? text.t('search.description', { site: catalog.site.name, query }) : text.t('search.emptyDescription', { site: catalog.site.name }),
      path: query ? searchUrl(query, page) : '/search',
    });
    const { prevUrl: _prev, nextUrl: _next, ...rest } = base;
    return {
      ...rest,
      robots: 'noindex, follow',
      searchQuery: query,
      ...(pagination?.prevUrl && { prevUrl: absoluteUrl(catalog.site, pagination.prevUrl) }),
      ...(pagination?.nextUrl && { nextUrl: absoluteUrl(catalog.site, pagination.nextUrl) }),
    };
  };

  const common = { query, truncated, maxLength: MAX_QUERY_LENGTH, sections };
  if (!query) {
    return {
      kind: 'page',
      status: 200,
      view: 'search',
      keys: SEARCH_KEYS,
      model: { ...common, layout: layoutFor(1), state: 'empty', resultCount: 0, matchedAll: true, results: [], labels: labelsFor(0) },
    };
  }

  const page = requestedPage(rawPage, searchUrl(query));
  if (typeof page !== 'number') return page;

  const search = searchFor(catalog);
  if (!search) {
    // A large site's index is still being built (the first seconds after start): say so, never block or guess.
    const heading = text.t('search.notReadyTitle');
    const base = errorModel(ctx, '/search', 503, { title: heading, description: heading, heading, message: text.t('search.notReadyMessage', { count: catalog.articles.length }) });
    const model: ErrorModel = { ...base, layout: { ...layoutFor(1), title: `${heading} – ${catalog.site.name}` } };
    // No keys: a 503 is sent no-store, nobody keeps it.
    return { kind: 'page', status: 503, view: 'error', model, keys: [] };
  }
  // Only this page's hits are ranked out in full and looked up: the work per request is the matching, not the paging.
  const outcome = search.search(query, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const pagination = paginationFor(page, outcome.total, (p) => searchUrl(query, p), text, PAGE_SIZE, resultPaging(text));
  if (!pagination) return { kind: 'not-found' };
  return {
    kind: 'page',
    status: 200,
    view: 'search',
    keys: SEARCH_KEYS,
    model: {
      ...common,
      layout: layoutFor(page, pagination),
      state: outcome.total ? 'results' : 'none',
      resultCount: outcome.total,
      matchedAll: outcome.combinedWith === 'AND',
      results: outcome.hits.map((hit) => resultModel(ctx, hit)),
      pagination,
      labels: labelsFor(outcome.total, pagination),
    },
  };
}
