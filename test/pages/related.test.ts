/**
 * Related stories keep the best four as they are found; this checks that
 * against the plain definition (score every candidate, sort, take four) on a
 * corpus where tags, authors, sources and sections overlap and scores tie.
 */
import { buildCatalog, byNewest, type Catalog } from '../../src/content/catalog';
import { loadContent } from '../../src/content/load';
import type { Article } from '../../src/content/model';
import { relatedArticles } from '../../src/pages/article';
import { baseRecords, NOW, removeDataDirs, writeDataDir, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

function plainRelated(catalog: Catalog, article: Article): string[] {
  const scores = new Map<Article, number>();
  const weigh = (list: readonly Article[] | undefined, weight: number) => {
    for (const other of (list ?? []).slice(0, 50)) if (other !== article) scores.set(other, (scores.get(other) ?? 0) + weight);
  };
  for (const tag of article.tags) weigh(catalog.articlesByTag.get(tag.slug), 3);
  for (const citation of article.citations) weigh(catalog.articlesBySource.get(citation.source.slug), 2);
  if (article.origin) weigh(catalog.articlesBySource.get(article.origin.slug), 2);
  for (const author of article.authors) weigh(catalog.articlesByAuthor.get(author.slug), 1);
  weigh(catalog.articlesBySection.get(article.section.slug), 1);
  return [...scores.entries()]
    .sort(([a, sa], [b, sb]) => sb - sa || byNewest(a, b))
    .slice(0, 4)
    .map(([other]) => other.slug);
}

test('the best four, as scoring and sorting every candidate would give them', async () => {
  const records = baseRecords();
  const template = records.articles[0] as Json;
  const tags = ['harbours', 'ferries', 'tides', 'ports', 'cranes'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 80; i++) {
    records.articles.push({
      ...template,
      slug: `story-${i}`,
      tags: tags.filter(() => next() % 3 === 0),
      authors: next() % 2 ? ['ada-lane'] : ['ben-okafor'],
      sources: next() % 2 ? ['wire-agency'] : [],
      section: next() % 2 ? 'world' : 'business',
      // Many share a date: ties are broken by slug.
      publishedAt: `2026-05-${String(1 + (next() % 9)).padStart(2, '0')}T09:00:00Z`,
    });
  }
  const catalog = buildCatalog(await loadContent(await writeDataDir(records), { now: NOW }), 1, NOW);
  expect(catalog.articles.length).toBeGreaterThan(80);
  for (const article of catalog.articles) expect([article.slug, relatedArticles(catalog, article).map((a) => a.slug)]).toEqual([article.slug, plainRelated(catalog, article)]);
});
