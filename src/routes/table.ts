/**
 * Every public route, declared once: its name, its path pattern, the
 * Cache-Control policy its answers carry, its metrics `route` label and its
 * canonical form. Everything else is derived from this table:
 *
 *   - the Express routes (src/http/mount-routes.ts walks the table; each HTTP
 *     module gives a handler per route name, so a route without one does not
 *     type-check),
 *   - the URL builders (`build.*` here, `urls.*` in urls.ts),
 *   - the metrics label of any URL (label-matcher.ts, used by metrics.ts),
 *   - the trailing-slash redirects (a routed path with one more "/" answers
 *     301 to the path as declared).
 *
 * Patterns are Express 5's: literal segments, `:name` for one segment,
 * `*name` for the rest of the path (prefix mounts only). Order matters where
 * patterns overlap (`/sitemaps/news.xml` before `/sitemaps/:file`, every
 * route before the static pages' `/:slug`).
 */
import { CACHE_POLICIES, type CachePolicy } from './cache-policy';

/** A feed's file name by format: the same three at the site root and under every feed scope. */
export const FEED_FILES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFile = (typeof FEED_FILES)[keyof typeof FEED_FILES];
const FEED_FILE_NAMES: readonly FeedFile[] = Object.values(FEED_FILES);

export interface RouteSpec {
  /** Express 5 path pattern. */
  readonly path: string;
  /** The metrics `route` label; several routes may share one. */
  readonly label: string;
  /** Which Cache-Control policy (cache-policy.ts) its answers carry. */
  readonly cache: CachePolicy;
  /** Answers pass through the compression middleware (pages, feeds); false for precompressed or binary ones. */
  readonly compress: boolean;
  /** Values a `:name` parameter may take: any other value is not this route. */
  readonly oneOf?: Readonly<Record<string, readonly string[]>>;
  /**
   * The canonical form. Default: the path exactly as declared; the same path
   * with one more trailing slash answers 301 to it (query string kept).
   * 'either': both forms are served as they are (for routes that only redirect).
   */
  readonly trailingSlash?: 'either';
  /**
   * 'segment': the label covers every path under the route's first segment
   * (`/healthz/x`, `/static/missing.css`), not only the ones this route
   * serves. Default: only the paths the pattern matches.
   */
  readonly labelScope?: 'segment';
  /** 'prefix': mounted as a middleware for the whole tree before `*` (express.static). Default: a GET route. */
  readonly mount?: 'prefix';
}

export const ROUTES = {
  home: { path: '/', label: 'home', cache: 'page', compress: true },
  'home-page-alias': { path: '/page/:n', label: 'home-page-alias', cache: 'redirect', compress: true, trailingSlash: 'either', labelScope: 'segment' },
  article: { path: '/articles/:slug', label: 'article', cache: 'page', compress: true },
  author: { path: '/authors/:slug', label: 'author', cache: 'page', compress: true },
  source: { path: '/sources/:slug', label: 'source', cache: 'page', compress: true },
  tag: { path: '/tags/:slug', label: 'tag', cache: 'page', compress: true },
  section: { path: '/sections/:slug', label: 'section', cache: 'page', compress: true },
  search: { path: '/search', label: 'search', cache: 'page', compress: true },
  corrections: { path: '/corrections', label: 'corrections', cache: 'page', compress: true },
  feed: { path: '/:file', label: 'feed', cache: 'feed', compress: true, oneOf: { file: FEED_FILE_NAMES } },
  'author-feed': { path: '/authors/:slug/:file', label: 'author-feed', cache: 'feed', compress: true, oneOf: { file: FEED_FILE_NAMES } },
  'source-feed': { path: '/sources/:slug/:file', label: 'source-feed', cache: 'feed', compress: true, oneOf: { file: FEED_FILE_NAMES } },
  'tag-feed': { path: '/tags/:slug/:file', label: 'tag-feed', cache: 'feed', compress: true, oneOf: { file: FEED_FILE_NAMES } },
  robots: { path: '/robots.txt', label: 'robots', cache: 'feed', compress: true, labelScope: 'segment' },
  sitemap: { path: '/sitemap.xml', label: 'sitemap', cache: 'feed', compress: true, labelScope: 'segment' },
  'news-sitemap': { path: '/sitemaps/news.xml', label: 'sitemap', cache: 'feed', compress: true, labelScope: 'segment' },
  'sitemap-page': { path: '/sitemaps/:file', label: 'sitemap', cache: 'feed', compress: true, labelScope: 'segment' },
  static: { path: '/static/:name', label: 'static', cache: 'immutable', compress: false, labelScope: 'segment' },
  favicon: { path: '/favicon.ico', label: 'static', cache: 'redirect', compress: false, labelScope: 'segment' },
  image: { path: '/images/*path', label: 'image', cache: 'original-image', compress: false, labelScope: 'segment', mount: 'prefix' },
  'image-variant': { path: '/img/:name', label: 'image-variant', cache: 'immutable', compress: false, labelScope: 'segment' },
  // Signed previews of drafts and embargoed articles (preview-signature.ts): private, never cached, in no list.
  preview: { path: '/preview/:slug', label: 'preview', cache: 'preview', compress: true },
  healthz: { path: '/healthz', label: 'healthz', cache: 'no-store', compress: false, labelScope: 'segment' },
  readyz: { path: '/readyz', label: 'readyz', cache: 'no-store', compress: false, labelScope: 'segment' },
  // Static pages (data/pages/<slug>.json) at the root: last, so every route above wins its own
  // first segment, and validation refuses a page slug that is one (RESERVED_FIRST_SEGMENTS).
  page: { path: '/:slug', label: 'page', cache: 'page', compress: true },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
/** The metrics label of a URL no route declares. */
export const UNROUTED_LABEL = 'other';
export type RouteLabel = (typeof ROUTES)[RouteName]['label'] | typeof UNROUTED_LABEL;

/** The parameters of a pattern, in order, as a tuple of strings. */
type ParamsOf<P extends string> = P extends `${string}:${string}/${infer Rest}`
  ? [string, ...ParamsOf<`/${Rest}`>]
  : P extends `${string}${':' | '*'}${string}`
    ? [string]
    : [];

/** Builds a route's path from its parameters, in pattern order. Parameters are used as given (slugs need no escaping). */
export type UrlBuilder<P extends string> = (...params: ParamsOf<P>) => string;

/** One segment of a pattern: a literal, a parameter (with the values it may take), or the rest of the path. */
export type Segment = { literal: string } | { param: string; oneOf?: readonly string[] } | { rest: string };

export interface Route extends RouteSpec {
  readonly name: RouteName;
  readonly label: RouteLabel;
  readonly segments: readonly Segment[];
  /** The pattern with its parameters filled in, in pattern order. */
  readonly build: (...params: string[]) => string;
}

const PARAM = /^([:*])([A-Za-z_][A-Za-z0-9_]*)$/;

function parseSegments(name: string, spec: RouteSpec): Segment[] {
  if (!spec.path.startsWith('/')) throw new Error(`route ${name}: the path must start with "/"`);
  const parts = spec.path === '/' ? [] : spec.path.slice(1).split('/');
  return parts.map((part, i): Segment => {
    if (part === '') throw new Error(`route ${name}: empty segment in ${spec.path}`);
    const param = PARAM.exec(part);
    if (!param) {
      if (/[:*?()[\]{}+!]/.test(part)) throw new Error(`route ${name}: "${part}" mixes a parameter into a literal`);
      return { literal: part };
    }
    const id = param[2] as string;
    if (param[1] === '*') {
      if (i !== parts.length - 1 || spec.mount !== 'prefix') throw new Error(`route ${name}: *${id} must end a prefix mount`);
      return { rest: id };
    }
    const oneOf = spec.oneOf?.[id];
    return oneOf ? { param: id, oneOf } : { param: id };
  });
}

/**
 * A builder for a pattern, made once: the literal text between parameters is
 * split out here, so a call is only string concatenation (cards call
 * urls.article thousands of times per list page).
 */
function compileBuilder(name: string, path: string): (...params: string[]) => string {
  const pieces = path.split(/[:*][A-Za-z_][A-Za-z0-9_]*/);
  const [a = '', b = '', c = ''] = pieces;
  switch (pieces.length - 1) {
    case 0:
      return () => a;
    case 1:
      return b === '' ? (p) => a + p : (p) => a + p + b;
    case 2:
      return (p, q) => a + p + b + q + c;
    default:
      throw new Error(`route ${name}: at most two parameters`);
  }
}

function compile(name: RouteName, spec: RouteSpec): Route {
  const segments = parseSegments(name, spec);
  for (const param of Object.keys(spec.oneOf ?? {})) {
    if (!segments.some((s) => 'param' in s && s.param === param)) throw new Error(`route ${name}: oneOf names :${param}, which ${spec.path} has not`);
  }
  return { ...spec, name, label: spec.label as RouteLabel, segments, build: compileBuilder(name, spec.path) };
}

/** The table in declaration order, each route compiled once. */
export const TABLE: readonly Route[] = (Object.keys(ROUTES) as RouteName[]).map((name) => compile(name, ROUTES[name]));

/** Every route's URL builder by name, typed by its pattern: build.article('x') is "/articles/x". */
export const build = Object.fromEntries(TABLE.map((route) => [route.name, route.build])) as {
  readonly [N in RouteName]: UrlBuilder<(typeof ROUTES)[N]['path']>;
};

/**
 * The Cache-Control value a route's answers carry, from its declared policy;
 * `overrides` are what the operator configured (HTML_CACHE_CONTROL for pages).
 */
export function cacheControlOf(name: RouteName, overrides: Partial<Record<CachePolicy, string>> = {}): string | undefined {
  const policy = ROUTES[name].cache;
  return overrides[policy] ?? CACHE_POLICIES[policy];
}

/**
 * The first path segments the routes claim ("articles", "search", "feed.xml",
 * "healthz", …): a static page's slug must be none of them, or its page
 * would shadow a route, or the route it. Derived from the table, so a route
 * added later is refused as a page slug without anyone remembering to.
 * A route whose first segment is a parameter any value may fill (the static
 * page route itself) claims nothing here.
 */
export const RESERVED_FIRST_SEGMENTS: ReadonlySet<string> = new Set(
  TABLE.flatMap((route): readonly string[] => {
    const first = route.segments[0];
    if (!first) return [];
    if ('literal' in first) return [first.literal];
    if ('param' in first && first.oneOf) return first.oneOf;
    return [];
  }),
);
