/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the usual
 * extensions: atom:link rel="self", content:encoded for the full body (as
 * escaped HTML, never CDATA, so "]]>" in a story cannot break it), dc:creator
 * per author and media:content for the main image (enclosure would need a
 * byte length).
 */
import { element, emptyElement, escapeXml, XML_DECLARATION } from './xml';
import type { FeedImage, FeedItem, FeedModel } from './feed-model';

/** RFC 822 date as RSS wants it ("Fri, 01 May 2026 09:00:00 GMT"). */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

function mediaContent(image: FeedImage): string {
  const open = `<media:content url="${escapeXml(image.url)}" medium="image"${image.type ? ` type="${escapeXml(image.type)}"` : ''} width="${image.width}" height="${image.height}">`;
  const credit = image.credit ? element('media:credit', image.credit) : '';
  return `${open}${element('media:description', image.alt, { type: 'plain' })}${credit}</media:content>`;
}

function itemXml(item: FeedItem): string {
  return [
    '<item>',
    element('title', item.title),
    element('link', item.url),
    element('guid', item.url, { isPermaLink: 'true' }),
    element('pubDate', rfc822(item.published)),
    // RSS 2.0 has no date for a changed item; Atom's <updated> (its namespace is declared) says it for readers that look.
    item.updated.getTime() !== item.published.getTime() ? element('atom:updated', item.updated.toISOString()) : '',
    // Readers render an item's description as HTML: the plain-text standfirst is escaped as HTML first, then as XML.
    element('description', escapeXml(item.summary)),
    element('content:encoded', item.html),
    ...item.authors.map((a) => element('dc:creator', a.name)),
    ...item.tags.map((t) => element('category', t.name, { domain: t.url })),
    item.image ? mediaContent(item.image) : '',
    '</item>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function rssFeed(feed: FeedModel): string {
  const channel = [
    element('title', feed.title),
    element('link', feed.pageUrl),
    element('description', feed.description),
    element('language', feed.language),
    emptyElement('atom:link', { href: feed.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }),
    element('lastBuildDate', rfc822(feed.updated)),
    element('generator', 'newsreel'),
    ...feed.items.map(itemXml),
  ];
  return [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    ...channel,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
