/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), served as application/feed+json. */
import type { FeedModel } from './feed-model';

export function jsonFeed(feed: FeedModel): string {
  const { site } = feed;
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    language: feed.language,
    ...(site.logo && { icon: `${site.baseUrl}${site.logo.url}` }),
    authors: [{ name: site.name, url: `${site.baseUrl}/` }],
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.summary,
      content_html: item.html,
      ...(item.image && { image: item.image.url }),
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      authors: item.authors.map((a) => ({ name: a.name, url: a.url })),
      tags: item.tags.map((t) => t.name),
      language: item.language,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
