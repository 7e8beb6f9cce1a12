/**
 * When an article last changed as readers see it: its updatedAt or its
 * latest correction, whichever is later, else its publication. The article
 * page, JSON-LD, Open Graph, feeds and sitemaps all date it by this one rule.
 */
import type { Article } from './model';

export function lastModified(article: Article): Date {
  let latest = article.updatedAt ?? article.publishedAt;
  for (const correction of article.corrections ?? []) if (correction.at > latest) latest = correction.at;
  return latest;
}
