/**
 * Atom 1.0 (RFC 4287). Entry ids are the articles' absolute URLs, which never
 * change for a slug; content is the body as escaped HTML (type="html").
 */
import type { FeedItem, FeedModel } from './feed-model';
import { element, emptyElement, escapeXml, XML_DECLARATION } from './xml';

function personXml(name: string, uri: string): string {
  return `<author>${element('name', name)}${element('uri', uri)}</author>`;
}

function entryXml(item: FeedItem, feedLanguage: string, tagScheme: string): string {
  const lang = item.language !== feedLanguage ? ` xml:lang="${escapeXml(item.language)}"` : '';
  return [
    `<entry${lang}>`,
    element('id', item.url),
    element('title', item.title, { type: 'text' }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    element('published', item.published.toISOString()),
    element('updated', item.updated.toISOString()),
    ...item.authors.map((a) => personXml(a.name, a.url)),
    element('summary', item.summary, { type: 'text' }),
    element('content', item.html, { type: 'html' }),
    ...item.tags.map((t) => emptyElement('category', { term: t.slug, label: t.name, scheme: tagScheme })),
    item.image ? emptyElement('media:content', { url: item.image.url, medium: 'image', type: item.image.type, width: item.image.width, height: item.image.height }) : '',
    '</entry>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function atomFeed(feed: FeedModel): string {
  const { site } = feed;
  return [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${escapeXml(feed.language)}">`,
    element('id', feed.feedUrls.atom),
    element('title', feed.title, { type: 'text' }),
    element('subtitle', feed.description, { type: 'text' }),
    element('updated', feed.updated.toISOString()),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: feed.feedUrls.atom }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: feed.pageUrl }),
    personXml(site.name, `${site.baseUrl}/`),
    element('generator', 'newsreel'),
    ...(site.logo ? [element('icon', `${site.baseUrl}${site.logo.url}`)] : []),
    ...feed.items.map((item) => entryXml(item, feed.language, `${site.baseUrl}/tags/`)),
    '</feed>',
    '',
  ].join('\n');
}
