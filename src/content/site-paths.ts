/**
 * What answers at a site path, asked of the loaded content through the route
 * table: an article, an author's page, a static page, the search page… or
 * nothing. Redirect validation (redirects.ts) asks it twice per redirect:
 * a `from` must be an address nothing answers (else the redirect would shadow
 * a live page, or be shadowed by it), and a `to` on this site must be one
 * something answers. Every route must say how its pages are found (the
 * record below is typed by route name), so a route added later cannot be
 * forgotten here.
 *
 * A `:name` segment (a redirect pattern's placeholder) may be any value:
 * a route with a parameter there "may" answer.
 */
import { SLUG_PATTERN } from '../fields';
import { TABLE, type Route, type RouteName } from '../routes/table';
import type { Article, Author, Page, Section, Source } from './model';
import { PLACEHOLDER, segmentsOf } from './redirect-table';

/** What the content holds, as the routes find their pages in it. */
export interface SiteIndex {
  articles: ReadonlyMap<string, Article>;
  authors: ReadonlyMap<string, Author>;
  sources: ReadonlyMap<string, Source>;
  pages: ReadonlyMap<string, Page>;
  /** Tags of published articles. */
  tags: ReadonlySet<string>;
  /** Sections named in site.json or used by a published article. */
  sections: ReadonlySet<string>;
  now: Date;
}

export type Occupant =
  /** A page answers there (or, for a placeholder, may). */
  | { kind: 'page'; what: string }
  /** An article or static page that is a draft: nothing answers yet, but it will take the address when published. */
  | { kind: 'draft'; what: string }
  /** A published article whose time has not come: it answers from then on. */
  | { kind: 'embargoed'; what: string; slug: string }
  /** The site's own files (styles, image variants, original images): not pages. */
  | { kind: 'files'; what: string }
  | { kind: 'none' };

export function siteIndex(articles: ReadonlyMap<string, Article>, authors: ReadonlyMap<string, Author>, sources: ReadonlyMap<string, Source>, pages: ReadonlyMap<string, Page>, siteSections: readonly Section[], now: Date): SiteIndex {
  const tags = new Set<string>();
  const sections = new Set(siteSections.map((s) => s.slug));
  for (const article of articles.values()) {
    if (article.status !== 'published') continue;
    for (const tag of article.tags) tags.add(tag.slug);
    sections.add(article.section.slug);
  }
  return { articles, authors, sources, pages, tags, sections, now };
}

const NONE: Occupant = { kind: 'none' };

/** A parameter's value: a placeholder may be anything, else it must be a slug the set holds. */
const has = (value: string, set: { has(slug: string): boolean }) => PLACEHOLDER.test(value) || (SLUG_PATTERN.test(value) && set.has(value));

function keyed(what: string, value: string, set: { has(slug: string): boolean }): Occupant {
  return has(value, set) ? { kind: 'page', what: `${what} ${PLACEHOLDER.test(value) ? 'page' : `"${value}"`}` } : NONE;
}

function article(index: SiteIndex, slug: string): Occupant {
  if (PLACEHOLDER.test(slug)) return { kind: 'page', what: 'an article page' };
  const found = index.articles.get(slug);
  if (!found) return NONE;
  if (found.status === 'draft') return { kind: 'draft', what: `the draft article ${found.file}` };
  if (found.publishedAt > index.now) return { kind: 'embargoed', what: `the embargoed article ${found.file}`, slug };
  return { kind: 'page', what: `the article ${found.file}` };
}

function staticPage(index: SiteIndex, slug: string): Occupant {
  if (PLACEHOLDER.test(slug)) return { kind: 'page', what: 'a static page' };
  const found = SLUG_PATTERN.test(slug) ? index.pages.get(slug) : undefined;
  if (!found) return NONE;
  return found.status === 'draft' ? { kind: 'draft', what: `the draft page ${found.file}` } : { kind: 'page', what: `the page ${found.file}` };
}

const fixed = (what: string) => (): Occupant => ({ kind: 'page', what });
const files = (what: string) => (): Occupant => ({ kind: 'files', what });

/** How each route finds what it answers with; params in pattern order. */
const OCCUPANTS: Record<RouteName, (index: SiteIndex, params: readonly string[]) => Occupant> = {
  home: fixed('the front page'),
  'home-page-alias': fixed('the front page’s /page/N address'),
  article: (index, [slug = '']) => article(index, slug),
  author: (index, [slug = '']) => keyed('the author', slug, index.authors),
  source: (index, [slug = '']) => keyed('the source', slug, index.sources),
  tag: (index, [slug = '']) => keyed('the tag', slug, index.tags),
  section: (index, [slug = '']) => keyed('the section', slug, index.sections),
  search: fixed('the search page'),
  corrections: fixed('the corrections page'),
  feed: fixed('the site’s feed'),
  'author-feed': (index, [slug = '']) => keyed('the feed of author', slug, index.authors),
  'source-feed': (index, [slug = '']) => keyed('the feed of source', slug, index.sources),
  'tag-feed': (index, [slug = '']) => keyed('the feed of tag', slug, index.tags),
  robots: fixed('robots.txt'),
  sitemap: fixed('the sitemap'),
  'news-sitemap': fixed('the news sitemap'),
  'sitemap-page': fixed('a sitemap'),
  static: files('the site’s static files'),
  favicon: fixed('the favicon'),
  image: files('the original images'),
  'image-variant': files('the image variants'),
  healthz: fixed('the health check'),
  readyz: fixed('the readiness check'),
  page: (index, [slug = '']) => staticPage(index, slug),
};

/** The route's parameters in the path, or undefined when the route does not match it (first match wins, as in Express). */
function paramsOf(route: Route, segments: readonly string[]): string[] | undefined {
  const last = route.segments[route.segments.length - 1];
  const rest = last !== undefined && 'rest' in last;
  if (rest ? segments.length < route.segments.length : segments.length !== route.segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < route.segments.length; i += 1) {
    const part = route.segments[i] as Route['segments'][number];
    const value = segments[i] as string;
    if (value === '') return undefined;
    if ('literal' in part) {
      // Express routes ignore case ("case sensitive routing" is off).
      if (part.literal.toLowerCase() !== value.toLowerCase()) return undefined;
    } else if ('param' in part) {
      if (part.oneOf && !PLACEHOLDER.test(value) && !part.oneOf.includes(value)) return undefined;
      params.push(value);
    } else {
      params.push(segments.slice(i).join('/'));
    }
  }
  return params;
}

/** What answers at a site path (no query string); a `:name` segment stands for any value. */
export function occupantOf(index: SiteIndex, path: string): Occupant {
  const segments = segmentsOf(path);
  for (const route of TABLE) {
    const params = paramsOf(route, segments);
    if (params === undefined) continue;
    // The first route that matches answers (or 404s) itself; a oneOf route has already passed on values it does not take.
    return OCCUPANTS[route.name](index, params);
  }
  return NONE;
}
