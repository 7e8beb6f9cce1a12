/**
 * What every page's frame prints: <head> basics (title, description,
 * canonical, robots, feeds; seo.ts adds Open Graph and JSON-LD through
 * withHead), the masthead with its logo, search box and navigation, and the
 * footer with the static pages' links. Pure functions of the catalog.
 */
import type { ImageAsset } from '../content/model';
import { imageModel, type PlacedImage } from '../images/image-model';
import { absoluteUrl, pageUrl, urls } from '../routes/urls';
import type { PageContext } from './context';
import { layoutFeedLinks, type FeedLink } from './feed-links';
import type { Pagination } from './paging';

/** The longest search query read (longer ones are cut, and the page says so); the search boxes' maxlength. */
export const SEARCH_QUERY_MAX_LENGTH = 200;

export interface NavItem {
  label: string;
  url: string;
  current: boolean;
}

/** A <meta> tag in <head>: `name` (description, twitter:*) or `property` (og:*, article:*). */
export interface MetaTag {
  name?: string;
  property?: string;
  content: string;
}

export interface LayoutModel {
  lang: string;
  /** The full <title>: "Page – Site". */
  title: string;
  description: string;
  /** Empty only on a page with no public address yet (a signed preview): then no canonical link is printed. */
  canonicalUrl: string;
  robots: string;
  siteName: string;
  siteDescription: string;
  logo?: PlacedImage;
  nav: NavItem[];
  /** The static pages marked `nav: true` (About, Contact…), in the footer's page links; the page being shown is current. */
  footerNav: NavItem[];
  stylesheetUrl: string;
  faviconUrl: string;
  prevUrl?: string;
  nextUrl?: string;
  year: number;
  /** Extra <meta> tags (Open Graph, Twitter, article:*), printed in order. */
  meta: MetaTag[];
  /** JSON-LD blocks, already serialised and escaped so no text can close the <script>. */
  jsonLd: string[];
  feeds: FeedLink[];
  /** The search box's current text (empty except on the search page). */
  searchQuery: string;
  searchMaxLength: number;
}

/** The masthead logo: shown 40 px square; its fallback is the original (a PNG keeps its transparency; a JPEG variant would not). */
function logoImage(logo: ImageAsset): PlacedImage {
  const { srcset } = imageModel(logo, '');
  return { className: 'masthead__logo', url: logo.url, width: 40, height: 40, alt: '', sizes: '40px', srcset: { avif: srcset.avif, webp: srcset.webp } };
}

export function layoutModel(
  ctx: PageContext,
  page: { title?: string; description: string; path: string; currentNav?: string; pagination?: Pagination },
): LayoutModel {
  const site = ctx.catalog.site;
  const paged = page.pagination && page.pagination.page > 1 ? ` (page ${page.pagination.page})` : '';
  const toAbsolute = (url: string | undefined) => (url ? absoluteUrl(site, url) : undefined);
  const prevUrl = toAbsolute(page.pagination?.prevUrl);
  const nextUrl = toAbsolute(page.pagination?.nextUrl);
  return {
    lang: site.language,
    title: page.title ? `${page.title}${paged} – ${site.name}` : `${site.name}${paged}`,
    description: page.description,
    canonicalUrl: absoluteUrl(site, page.pagination ? pageUrl(page.path, page.pagination.page) : page.path),
    robots: 'index, follow, max-image-preview:large',
    siteName: site.name,
    siteDescription: site.description,
    ...(site.logo && { logo: logoImage(site.logo) }),
    nav: site.nav.map((item) => ({ label: item.label, url: item.url, current: item.url === page.currentNav })),
    footerNav: ctx.catalog.navPages.map((navPage) => {
      const url = urls.page(navPage.slug);
      return { label: navPage.title, url, current: url === page.path };
    }),
    stylesheetUrl: ctx.assets.stylesheet,
    faviconUrl: ctx.assets.favicon,
    ...(prevUrl && { prevUrl }),
    ...(nextUrl && { nextUrl }),
    year: ctx.catalog.builtAt.getUTCFullYear(),
    meta: [],
    jsonLd: [],
    feeds: layoutFeedLinks(ctx.catalog, page.path),
    searchQuery: '',
    searchMaxLength: SEARCH_QUERY_MAX_LENGTH,
  };
}
