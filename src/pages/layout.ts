/**
 * What every page's frame prints: <head> basics (title, description,
 * canonical, robots, feeds; seo.ts adds Open Graph and JSON-LD through
 * withHead), the masthead with its logo, search box and navigation, and the
 * footer with the static pages' links. Pure functions of the catalog.
 */
import type { ImageAsset } from '../content/model';
import { imageModel, type PlacedImage } from '../images/image-model';
import { absoluteUrl, pageUrl, urls } from '../routes/urls';
import { siteText, type Text } from '../text/locale';
import type { PageContext } from './context';
import { directionOf, type Direction } from './direction';
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

/** The frame's own words, in the site's language (locales/<lang>.json). */
export interface LayoutLabels {
  skipLink: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  sectionsNav: string;
  footerNav: string;
  /** "© 2026 Site. Built with newsreel." */
  footerSmall: string;
}

export interface LayoutModel {
  lang: string;
  /** The site's writing direction: rtl on an Arabic site. */
  dir: Direction;
  labels: LayoutLabels;
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
  /** The static pages marked `nav: true` (About, Contact…), then the corrections archive, in the footer's page links; the page being shown is current. */
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

function layoutLabels(text: Text, siteName: string, year: number): LayoutLabels {
  return {
    skipLink: text.t('layout.skipLink'),
    searchLabel: text.t('layout.searchLabel', { site: siteName }),
    searchPlaceholder: text.t('layout.searchPlaceholder'),
    searchButton: text.t('layout.searchButton'),
    sectionsNav: text.t('layout.sectionsNav'),
    footerNav: text.t('layout.footerNav'),
    // A year is not a quantity: no grouping ("2026", never "2,026").
    footerSmall: text.t('layout.footerSmall', { year: text.number(year, { useGrouping: false }), site: siteName }),
  };
}

export function layoutModel(
  ctx: PageContext,
  page: { title?: string; description: string; path: string; currentNav?: string; pagination?: Pagination },
): LayoutModel {
  const site = ctx.catalog.site;
  const text = siteText(site);
  const paged = (title: string) => (page.pagination && page.pagination.page > 1 ? text.t('layout.pagedTitle', { title, page: page.pagination.page }) : title);
  const toAbsolute = (url: string | undefined) => (url ? absoluteUrl(site, url) : undefined);
  const prevUrl = toAbsolute(page.pagination?.prevUrl);
  const nextUrl = toAbsolute(page.pagination?.nextUrl);
  return {
    lang: site.language,
    dir: directionOf(site.language),
    labels: layoutLabels(text, site.name, ctx.catalog.builtAt.getUTCFullYear()),
    title: page.title ? `${paged(page.title)} – ${site.name}` : paged(site.name),
    description: page.description,
    canonicalUrl: absoluteUrl(site, page.pagination ? pageUrl(page.path, page.pagination.page) : page.path),
    robots: 'index, follow, max-image-preview:large',
    siteName: site.name,
    siteDescription: site.description,
    ...(site.logo && { logo: logoImage(site.logo) }),
    nav: site.nav.map((item) => ({ label: item.label, url: item.url, current: item.url === page.currentNav })),
    footerNav: [
      ...ctx.catalog.navPages.map((navPage) => ({ label: navPage.title, url: urls.page(navPage.slug) })),
      { label: text.t('layout.footerCorrections'), url: urls.corrections() },
    ].map((item) => ({ ...item, current: item.url === page.path })),
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
