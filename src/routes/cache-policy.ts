/** Cache-Control policies, in one place so every route that serves a kind of response uses the same one. */

/** HTML may be kept briefly by browsers and longer by a CDN, which can serve it stale while it refreshes. */
export const HTML_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400';
/** Fingerprinted static files never change under the same URL. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
