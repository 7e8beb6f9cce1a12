/** Cache-Control policies, in one place so every route that serves a kind of response uses the same one. */

/** HTML may be kept briefly by browsers and longer by a CDN, which can serve it stale while it refreshes. */
export const HTML_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400';
/** Fingerprinted static files never change under the same URL. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Original images keep their names when an editor replaces one, so a day, not a year. */
export const ORIGINAL_IMAGE_CACHE_CONTROL = 'public, max-age=86400';
/** Answers about this process at this moment (health, errors, refusals): nobody keeps them. */
export const NO_STORE = 'no-store';
/** A signed preview of an unpublished story: for the one reader holding the link, never kept by anyone. */
export const PRIVATE_NO_STORE = 'private, no-store';

/**
 * The policies by name, as the route table (table.ts) names them. `page` is
 * the one an operator may change (HTML_CACHE_CONTROL in the environment);
 * feeds, sitemaps and robots.txt keep the default; `preview` (signed
 * draft previews) is never stored by a browser, a CDN or the page cache. `redirect` routes only
 * answer 301s and set no Cache-Control of their own.
 */
export const CACHE_POLICIES = {
  page: HTML_CACHE_CONTROL,
  feed: HTML_CACHE_CONTROL,
  immutable: IMMUTABLE_CACHE_CONTROL,
  'original-image': ORIGINAL_IMAGE_CACHE_CONTROL,
  'no-store': NO_STORE,
  preview: PRIVATE_NO_STORE,
  redirect: undefined,
} as const satisfies Record<string, string | undefined>;

export type CachePolicy = keyof typeof CACHE_POLICIES;
