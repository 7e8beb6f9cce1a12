/**
 * Everything in <head> for search engines and link cards: Open Graph, Twitter
 * and article:* meta tags, and JSON-LD structured data, per page type.
 * Pure functions of the catalog and the page's layout (title, description,
 * canonical URL); every URL they emit is absolute. They only ever see what the
 * page model hands them, and page models only use the catalog's visible
 * indexes, so drafts and embargoed articles never appear here.
 *
 * Longer than our ~300-line rule on purpose: like Ghost's ghost_head, one
 * module owns <head>, so every page type's meta and JSON-LD read side by side
 * and share one set of node builders (publisher, person, image, breadcrumbs).
 */
import type {
  BreadcrumbList,
  CollectionPage,
  CorrectionComment,
  CreativeWork,
  ImageObject,
  NewsArticle,
  NewsMediaOrganization,
  Organization,
  Person,
  ProfilePage,
  SearchAction,
  WebPage,
  WebSite,
  WithActionConstraints,
  WithContext,
} from 'schema-dts';
import type { Catalog } from '../content/catalog';
import { lastModified } from '../content/last-modified';
import { OG_SIZE, variantUrl } from '../images/variants';
import type { Article, Author, ImageAsset, Page, Section, Site, Source, Tag } from '../content/model';
import type { LayoutModel, MetaTag } from './layout';
import { absoluteUrl, urls } from '../routes/urls';
import { plainInline } from '../text/inline';
import { siteText } from '../text/locale';

/** What a page contributes to <head> beyond the layout basics. */
export interface HeadModel {
  meta: MetaTag[];
  jsonLd: string[];
}

/** The parts of the layout the builders read: the page's description, canonical URL and language. */
export type PageHead = Pick<LayoutModel, 'description' | 'canonicalUrl' | 'lang'>;

/** An image for link cards, with its absolute URL. */
interface CardImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  /** A large picture (the article's own image) earns the large Twitter card. */
  large: boolean;
}

const SCHEMA_CONTEXT = 'https://schema.org' as const;

const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Serialises a JSON-LD value for a <script type="application/ld+json"> element.
 * `<`, `>` and `&` only ever occur inside JSON strings, where the \u escapes
 * mean the same text to a JSON parser, so no text can close the script or open
 * a comment; U+2028/U+2029 are escaped for old JavaScript parsers.
 */
export function jsonLdScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('jsonLdScript: value is not serialisable as JSON');
  return json.replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c] ?? c);
}

/** "en-GB" → "en_GB", the form Open Graph expects. */
export function ogLocale(locale: string): string {
  return locale.replace(/-/g, '_');
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function homeUrl(site: Site): string {
  return absoluteUrl(site, '/');
}

/**
 * An image with its pixel size. schema-dts types width/height as Distance text;
 * plain numbers of pixels are what search engines document and read, hence the cast.
 */
function imageObject(site: Site, asset: ImageAsset): ImageObject {
  return { '@type': 'ImageObject', url: absoluteUrl(site, asset.url), width: asset.width, height: asset.height } as unknown as ImageObject;
}

/**
 * The 1200×630 crop link cards and search engines are shown for an article:
 * the size Open Graph and X/Twitter recommend, so no service crops it itself.
 */
function articleCrop(site: Site, asset: ImageAsset): { url: string; width: number; height: number } {
  return { url: absoluteUrl(site, variantUrl(asset.hash, { kind: 'og' })), width: OG_SIZE.width, height: OG_SIZE.height };
}

function cropObject(site: Site, asset: ImageAsset): ImageObject {
  return { '@type': 'ImageObject', ...articleCrop(site, asset) } as unknown as ImageObject;
}

function cardImage(site: Site, asset: ImageAsset, alt: string, large: boolean): CardImage {
  return { url: absoluteUrl(site, asset.url), width: asset.width, height: asset.height, alt, large };
}

function logoCard(site: Site): CardImage | undefined {
  return site.logo && cardImage(site, site.logo, site.name, false);
}

/** Open Graph and Twitter tags every page carries. */
export function socialMeta(
  site: Site,
  page: { type: 'article' | 'profile' | 'website'; title: string; description: string; url: string; locale: string; image?: CardImage },
): MetaTag[] {
  const meta: MetaTag[] = [
    { property: 'og:type', content: page.type },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.description },
    { property: 'og:url', content: page.url },
    { property: 'og:site_name', content: site.name },
    { property: 'og:locale', content: ogLocale(page.locale) },
  ];
  const { image } = page;
  if (image) {
    meta.push(
      { property: 'og:image', content: image.url },
      { property: 'og:image:width', content: String(image.width) },
      { property: 'og:image:height', content: String(image.height) },
    );
    if (image.alt) meta.push({ property: 'og:image:alt', content: image.alt });
  }
  meta.push(
    { name: 'twitter:card', content: image?.large ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: page.title },
    { name: 'twitter:description', content: page.description },
  );
  if (image) {
    meta.push({ name: 'twitter:image', content: image.url });
    if (image.alt) meta.push({ name: 'twitter:image:alt', content: image.alt });
  }
  return meta;
}

/** The site as publisher: one node, referenced by the same @id everywhere. */
export function publisherNode(site: Site): NewsMediaOrganization {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${homeUrl(site)}#publisher`,
    name: site.name,
    url: homeUrl(site),
    ...(site.logo && { logo: imageObject(site, site.logo) }),
  };
}

/** og:locale of a piece in `language`: its own language when it is not the site's, else the site's locale. */
function contentLocale(site: Site, language: string | undefined): string {
  return language && language !== site.language ? language : site.locale;
}

/** The site as the WebSite a page is part of: the front page's WebSite node, by its @id. */
function websiteRef(site: Site): WebSite {
  return { '@type': 'WebSite', '@id': `${homeUrl(site)}#website`, url: homeUrl(site), name: site.name };
}

/** The author's links that are web addresses (mail and other schemes are not identities for sameAs). */
function sameAsLinks(author: Author): string[] {
  return author.links.map((l) => l.url).filter(isHttpUrl);
}

export function personNode(site: Site, author: Author, detail = false): Person {
  const sameAs = sameAsLinks(author);
  return {
    '@type': 'Person',
    '@id': `${absoluteUrl(site, urls.author(author.slug))}#person`,
    name: author.name,
    url: absoluteUrl(site, urls.author(author.slug)),
    ...(sameAs.length > 0 && { sameAs }),
    ...(detail && author.avatar && { image: imageObject(site, author.avatar) }),
    ...(detail && author.bio && { description: author.bio }),
    ...(detail && author.role && { jobTitle: author.role }),
  };
}

/** The schema.org type that fits a source's kind. */
export function organizationType(kind: string | undefined): 'NewsMediaOrganization' | 'GovernmentOrganization' | 'NGO' | 'ResearchOrganization' | 'Organization' {
  switch (kind) {
    case 'news-agency':
    case 'outlet':
      return 'NewsMediaOrganization';
    case 'official-body':
      return 'GovernmentOrganization';
    case 'ngo':
      return 'NGO';
    case 'research':
      return 'ResearchOrganization';
    default:
      return 'Organization';
  }
}

/** A source as an organisation: `url` its own site where known, else our page about it. */
function sourceOrganization(site: Site, source: Source): Exclude<Organization, string> {
  const ourPage = absoluteUrl(site, urls.source(source.slug));
  return {
    '@type': organizationType(source.kind),
    '@id': ourPage,
    name: source.name,
    url: source.url ?? ourPage,
  } as Exclude<Organization, string>;
}

function breadcrumbs(items: { name: string; url: string }[]): WithContext<BreadcrumbList> {
  return {
    '@context': SCHEMA_CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

function sectionCrumbs(site: Site, section: Section): { name: string; url: string }[] {
  return [
    { name: site.name, url: homeUrl(site) },
    { name: section.name, url: absoluteUrl(site, urls.section(section.slug)) },
  ];
}

function languageOf(site: Site, article: Article): string {
  return article.language ?? site.language;
}

/** NewsArticle JSON-LD for one article. */
export function newsArticleLd(site: Site, article: Article): WithContext<NewsArticle> {
  const url = absoluteUrl(site, urls.article(article.slug));
  const modified = lastModified(article);
  // A cited piece is a CreativeWork published by the source: its own URL where the record gives one, else our page on the source.
  const citation: CreativeWork[] = article.citations.map((c) => ({
    '@type': 'CreativeWork',
    name: c.source.name,
    url: c.url ?? absoluteUrl(site, urls.source(c.source.slug)),
    publisher: sourceOrganization(site, c.source),
  }));
  const origin = article.origin;
  return {
    '@context': SCHEMA_CONTEXT,
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    url,
    headline: article.headline,
    description: plainInline(article.standfirst),
    ...(article.image && { image: [cropObject(site, article.image.asset)] }),
    datePublished: article.publishedAt.toISOString(),
    dateModified: modified.toISOString(),
    author: article.authors.map((a) => personNode(site, a)),
    publisher: publisherNode(site),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    inLanguage: languageOf(site, article),
    articleSection: article.section.name,
    ...(article.tags.length > 0 && { keywords: article.tags.map((t) => t.name) }),
    ...(citation.length > 0 && { citation }),
    ...(article.corrections && {
      correction: article.corrections.map((c): CorrectionComment => ({ '@type': 'CorrectionComment', text: plainInline(c.text), datePublished: c.at.toISOString() })),
    }),
    ...(origin && {
      isBasedOn: {
        '@type': 'CreativeWork',
        name: origin.name,
        url: origin.url ?? absoluteUrl(site, urls.source(origin.slug)),
        publisher: sourceOrganization(site, origin),
      },
    }),
  };
}

/** Meta tags and JSON-LD for an article page. */
export function articleHead(catalog: Catalog, article: Article, page: PageHead): HeadModel {
  const site = catalog.site;
  const avatarAuthor = article.authors.find((a) => a.avatar);
  const image = article.image
    ? { ...articleCrop(site, article.image.asset), alt: article.image.alt, large: true }
    : avatarAuthor?.avatar
      ? cardImage(site, avatarAuthor.avatar, avatarAuthor.name, false)
      : logoCard(site);
  const meta = socialMeta(site, {
    type: 'article',
    title: article.headline,
    description: page.description,
    url: page.canonicalUrl,
    locale: contentLocale(site, article.language),
    ...(image && { image }),
  });
  meta.push(
    { property: 'article:published_time', content: article.publishedAt.toISOString() },
    { property: 'article:modified_time', content: lastModified(article).toISOString() },
    ...article.authors.map((a) => ({ property: 'article:author', content: absoluteUrl(site, urls.author(a.slug)) })),
    { property: 'article:section', content: article.section.name },
    ...article.tags.map((t) => ({ property: 'article:tag', content: t.name })),
  );
  const crumbs = breadcrumbs([...sectionCrumbs(site, article.section), { name: article.headline, url: absoluteUrl(site, urls.article(article.slug)) }]);
  return { meta, jsonLd: [jsonLdScript(newsArticleLd(site, article)), jsonLdScript(crumbs)] };
}

/** Meta tags and ProfilePage JSON-LD for an author page. */
export function authorHead(catalog: Catalog, author: Author, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = author.avatar ? cardImage(site, author.avatar, author.name, false) : logoCard(site);
  const meta = socialMeta(site, { type: 'profile', title: author.name, description: page.description, url: page.canonicalUrl, locale: site.locale, ...(image && { image }) });
  const ld: WithContext<ProfilePage> = {
    '@context': SCHEMA_CONTEXT,
    '@type': 'ProfilePage',
    url: page.canonicalUrl,
    name: author.name,
    inLanguage: site.language,
    isPartOf: websiteRef(site),
    mainEntity: personNode(site, author, true),
  };
  return { meta, jsonLd: [jsonLdScript(ld)] };
}

/** Meta tags and Organization JSON-LD for a source page. */
export function sourceHead(catalog: Catalog, source: Source, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = logoCard(site);
  const meta = socialMeta(site, { type: 'website', title: source.name, description: page.description, url: page.canonicalUrl, locale: site.locale, ...(image && { image }) });
  const ourPage = absoluteUrl(site, urls.source(source.slug));
  const ld = {
    '@context': SCHEMA_CONTEXT,
    ...sourceOrganization(site, source),
    ...(source.description && { description: source.description }),
    ...(source.url && { sameAs: source.url }),
    mainEntityOfPage: { '@type': 'WebPage', '@id': ourPage },
  } as WithContext<Organization>;
  return { meta, jsonLd: [jsonLdScript(ld)] };
}

/** Meta tags and JSON-LD for the front page: WebSite with the site search on page 1, CollectionPage after. */
export function homeHead(catalog: Catalog, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = logoCard(site);
  const meta = socialMeta(site, { type: 'website', title: site.name, description: page.description, url: page.canonicalUrl, locale: site.locale, ...(image && { image }) });
  if (page.canonicalUrl !== homeUrl(site)) {
    return { meta, jsonLd: [jsonLdScript(collectionPageLd(site, `${siteText(site).t('home.latestTitle')} – ${site.name}`, page))] };
  }
  const search: WithActionConstraints<SearchAction> = {
    '@type': 'SearchAction',
    target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(site, '/search')}?q={search_term_string}` },
    'query-input': 'required name=search_term_string',
  };
  const ld: WithContext<WebSite> = {
    '@context': SCHEMA_CONTEXT,
    '@type': 'WebSite',
    '@id': `${homeUrl(site)}#website`,
    name: site.name,
    url: homeUrl(site),
    description: site.description,
    inLanguage: site.language,
    publisher: publisherNode(site),
    potentialAction: search,
  };
  return { meta, jsonLd: [jsonLdScript(ld)] };
}

function collectionPageLd(site: Site, name: string, page: PageHead): WithContext<CollectionPage> {
  return {
    '@context': SCHEMA_CONTEXT,
    '@type': 'CollectionPage',
    name,
    url: page.canonicalUrl,
    description: page.description,
    inLanguage: site.language,
    isPartOf: websiteRef(site),
  };
}

/** Meta tags and CollectionPage JSON-LD for a tag page. */
export function tagHead(catalog: Catalog, tag: Tag, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = logoCard(site);
  const meta = socialMeta(site, { type: 'website', title: tag.name, description: page.description, url: page.canonicalUrl, locale: site.locale, ...(image && { image }) });
  return { meta, jsonLd: [jsonLdScript(collectionPageLd(site, tag.name, page))] };
}

/** Meta tags, CollectionPage and BreadcrumbList JSON-LD for a section page. */
export function sectionHead(catalog: Catalog, section: Section, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = logoCard(site);
  const meta = socialMeta(site, { type: 'website', title: section.name, description: page.description, url: page.canonicalUrl, locale: site.locale, ...(image && { image }) });
  return { meta, jsonLd: [jsonLdScript(collectionPageLd(site, section.name, page)), jsonLdScript(breadcrumbs(sectionCrumbs(site, section)))] };
}

/** Meta tags and WebPage JSON-LD for a static page (About, Contact…): part of the WebSite, modified when its record says. */
export function staticPageHead(catalog: Catalog, staticPage: Page, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = logoCard(site);
  const meta = socialMeta(site, { type: 'website', title: staticPage.title, description: page.description, url: page.canonicalUrl, locale: contentLocale(site, staticPage.language), ...(image && { image }) });
  const ld: WithContext<WebPage> = {
    '@context': SCHEMA_CONTEXT,
    '@type': 'WebPage',
    '@id': `${page.canonicalUrl}#webpage`,
    url: page.canonicalUrl,
    name: staticPage.title,
    description: page.description,
    inLanguage: staticPage.language ?? site.language,
    isPartOf: websiteRef(site),
    publisher: publisherNode(site),
    ...(staticPage.updatedAt && { dateModified: staticPage.updatedAt.toISOString() }),
  };
  return { meta, jsonLd: [jsonLdScript(ld)] };
}

/** Meta tags and CollectionPage JSON-LD for the list of corrections. */
export function correctionsHead(catalog: Catalog, title: string, page: PageHead): HeadModel {
  const head = basicHead(catalog, title, page);
  return { ...head, jsonLd: [jsonLdScript(collectionPageLd(catalog.site, title, page))] };
}

/** Meta tags for any other indexable page (e.g. search): Open Graph and Twitter, no JSON-LD. */
export function basicHead(catalog: Catalog, title: string, page: PageHead): HeadModel {
  const site = catalog.site;
  const image = logoCard(site);
  return { meta: socialMeta(site, { type: 'website', title, description: page.description, url: page.canonicalUrl, locale: site.locale, ...(image && { image }) }), jsonLd: [] };
}

/** Adds a page's head model to its layout, keeping whatever meta and JSON-LD the layout already holds. */
export function withHead(layout: LayoutModel, build: (page: PageHead) => HeadModel): LayoutModel {
  const head = build(layout);
  return { ...layout, meta: [...layout.meta, ...head.meta], jsonLd: [...layout.jsonLd, ...head.jsonLd] };
}
