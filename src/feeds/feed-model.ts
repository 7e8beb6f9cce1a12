/**
 * What every feed format prints, decided once: which articles a feed holds
 * (the site's, an author's, a source's or a tag's; newest first, at most
 * FEED_SIZE), its title, its addresses, and each item with absolute links.
 * The RSS, Atom and JSON Feed writers only format this model.
 */
import type { Catalog } from '../content/catalog';
import type { Article, Site } from '../content/model';
import { lastModified } from '../content/last-modified';
import { absoluteUrl, feedPaths, urls, type FeedAddresses } from '../routes/urls';
import { plainInline } from '../text/inline';
import { articleBodyHtml } from './body-html';
import { AnswerKeys, FEEDS_KEY, HOME_KEY, keyOf } from '../cache-keys/scheme';

export const FEED_SIZE = 20;

export type FeedScope = { kind: 'site' } | { kind: 'author' | 'source' | 'tag'; slug: string };

export interface FeedPerson {
  name: string;
  url: string;
}

export interface FeedImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  credit?: string;
  /** MIME type when the file name says it ("image/jpeg"). */
  type?: string;
}

export interface FeedItem {
  url: string;
  title: string;
  /** The standfirst as plain text. */
  summary: string;
  /** The body as HTML (absolute links), still to be escaped by the writer. */
  html: string;
  published: Date;
  updated: Date;
  authors: FeedPerson[];
  tags: { slug: string; name: string; url: string }[];
  section: { slug: string; name: string; url: string };
  image?: FeedImage;
  language: string;
}

export interface FeedModel {
  site: Site;
  title: string;
  description: string;
  language: string;
  /** The HTML page this feed follows. */
  pageUrl: string;
  /** Absolute addresses of this feed in each format. */
  feedUrls: FeedAddresses;
  /** Newest item's updatedAt (or publishedAt); the catalog's build time for an empty feed. */
  updated: Date;
  items: FeedItem[];
  /** Surrogate keys (src/cache-keys/scheme.ts): the list the feed follows, its owner, and each item as a card shows it. */
  keys: readonly string[];
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };

function imageType(url: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(url)?.[1]?.toLowerCase();
  return ext ? IMAGE_TYPES[ext] : undefined;
}

export function feedItem(catalog: Catalog, article: Article): FeedItem {
  const { site } = catalog;
  const image = article.image;
  const type = image && imageType(image.asset.url);
  return {
    url: absoluteUrl(site, urls.article(article.slug)),
    title: article.headline,
    summary: plainInline(article.standfirst),
    html: articleBodyHtml(catalog, article),
    published: article.publishedAt,
    updated: lastModified(article),
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(site, urls.author(a.slug)) })),
    tags: article.tags.map((t) => ({ slug: t.slug, name: t.name, url: absoluteUrl(site, urls.tag(t.slug)) })),
    section: { slug: article.section.slug, name: article.section.name, url: absoluteUrl(site, urls.section(article.section.slug)) },
    ...(image && {
      image: {
        url: absoluteUrl(site, image.asset.url),
        width: image.asset.width,
        height: image.asset.height,
        alt: image.alt,
        ...(image.credit && { credit: image.credit }),
        ...(type && { type }),
      },
    }),
    language: article.language ?? site.language,
  };
}

/** The feed for a scope; undefined when the author, source or tag does not exist (a 404). */
export function feedModel(catalog: Catalog, scope: FeedScope, size = FEED_SIZE): FeedModel | undefined {
  const { site } = catalog;
  const chosen = chooseArticles(catalog, scope);
  if (!chosen) return undefined;
  const articles = chosen.articles.slice(0, size);
  const items = articles.map((a) => feedItem(catalog, a));
  const updated = items.reduce<Date | undefined>((max, item) => (!max || item.updated > max ? item.updated : max), undefined) ?? catalog.builtAt;
  const paths = feedPaths(chosen.pagePath);
  return {
    site,
    title: chosen.title,
    description: chosen.description,
    language: site.language,
    pageUrl: absoluteUrl(site, chosen.pagePath),
    feedUrls: { rss: absoluteUrl(site, paths.rss), atom: absoluteUrl(site, paths.atom), json: absoluteUrl(site, paths.json) },
    updated,
    items,
    keys: new AnswerKeys().add(FEEDS_KEY, ...chosen.keys).cards(articles).list(),
  };
}

function chooseArticles(catalog: Catalog, scope: FeedScope): { articles: readonly Article[]; pagePath: string; title: string; description: string; keys: string[] } | undefined {
  const { site } = catalog;
  switch (scope.kind) {
    case 'site':
      // The site's feed is the front page's list, newest first: `home` names its order.
      return { articles: catalog.articles, pagePath: '/', title: site.name, description: site.description, keys: [HOME_KEY] };
    case 'author': {
      const author = catalog.authors.get(scope.slug);
      if (!author) return undefined;
      return {
        articles: catalog.articlesByAuthor.get(author.slug) ?? [],
        pagePath: urls.author(author.slug),
        title: `${author.name} – ${site.name}`,
        description: `Articles by ${author.name} on ${site.name}.`,
        keys: [keyOf.authorList(author.slug), keyOf.author(author.slug)],
      };
    }
    case 'source': {
      const source = catalog.sources.get(scope.slug);
      if (!source) return undefined;
      return {
        articles: catalog.articlesBySource.get(source.slug) ?? [],
        pagePath: urls.source(source.slug),
        title: `${source.name} – ${site.name}`,
        description: `Articles on ${site.name} that cite ${source.name} or were adapted from it.`,
        keys: [keyOf.sourceList(source.slug), keyOf.source(source.slug)],
      };
    }
    case 'tag': {
      const tag = catalog.tags.get(scope.slug); // a tag exists only while a visible article carries it
      if (!tag) return undefined;
      return {
        articles: catalog.articlesByTag.get(tag.slug) ?? [],
        pagePath: urls.tag(tag.slug),
        title: `${tag.name} – ${site.name}`,
        description: `Articles tagged “${tag.name}” on ${site.name}.`,
        keys: [keyOf.tagList(tag.slug)],
      };
    }
  }
}
