/**
 * Site search: a compact inverted index over the published articles of a
 * content version (build.ts), searched through a per-catalog view that hides
 * what that catalog does not show (drafts are never indexed; embargoed
 * articles are, but stay invisible until their catalog shows them), ranked by
 * BM25+ relevance times freshness. See docs/search.md and
 * docs/decisions/0008-search-at-scale.md.
 *
 * This is the public entry, so that pages, the server, tools and tests import
 * search from one place; the parts live beside it: documents.ts (what is
 * indexed), build.ts (the one pass that makes the postings), engine.ts (the
 * index and its scoring), expansion.ts (query words to index terms), view.ts
 * (what one catalog may find, and how freshness weighs), lifecycle.ts
 * (building indexes off the request path and keeping a running site's one
 * ready) and worker-build.ts with index-worker.ts (a large site's build in a
 * worker thread).
 */
export { articleBodyText, cachedBodyText } from './documents';
export { SearchIndex } from './engine';
export { MAX_EXPANSIONS } from './expansion';
export { buildIndexHere, keepSearchIndexed, prepareSearch, searchFor, searchIndexFor, searchReady, searchSettings, SLICE_MS, type SearchLog } from './lifecycle';
export { CatalogSearch, rankScore, type SearchHit, type SearchOutcome } from './view';
export { BuildCancelled } from './worker-build';
