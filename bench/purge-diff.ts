/**
 * How long the purge diff takes on a large corpus (docs/caching.md quotes it):
 *   npx tsx bench/purge-diff.ts <corpus folder from `npm run corpus`>
 * Loads the folder once, then times the fingerprints of one catalog and the
 * diff for three changes: an edited headline, a new article in the busiest
 * tag, an embargo lifting.
 */
import { buildCatalog, byNewest } from '../src/content/catalog';
import { loadContent } from '../src/content/load';
import type { Article, Content } from '../src/content/model';
import { directKeys, relatedKeys } from '../src/purge/diff';
import type { Catalog } from '../src/content/catalog';
import { catalogPrints } from '../src/purge/fingerprints';
import { monitorEventLoopDelay } from 'node:perf_hooks';

let cpuAtStart = process.cpuUsage();

/** Wall time since `started`, and the CPU time this process spent since the last call (on a shared machine, wall time includes waiting for a core). */
function ms(started: number): string {
  const cpu = process.cpuUsage(cpuAtStart);
  cpuAtStart = process.cpuUsage();
  return `${Math.round(performance.now() - started)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU`;
}

function withArticles(content: Content, change: (articles: Map<string, Article>) => void): Content {
  const articles = new Map(content.articles);
  change(articles);
  return { ...content, articles };
}

/** Times the two phases as the server runs them: the direct keys (purged at once), then the related boxes. */
async function diff(label: string, previous: Catalog, next: Catalog, now: Date): Promise<void> {
  let started = performance.now();
  cpuAtStart = process.cpuUsage();
  const direct = await directKeys(previous, next, now);
  console.log(`${label}: ${direct.keys.length} direct keys in ${ms(started)} (fingerprints of the new catalog included)`);
  started = performance.now();
  const related = await relatedKeys(previous, next, direct.changed);
  console.log(`  then ${related.keys.length} related-box keys, ${related.weighed} articles weighed, in ${ms(started)}`);
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tsx bench/purge-diff.ts <corpus folder>');
  let started = performance.now();
  cpuAtStart = process.cpuUsage();
  const now = new Date();
  const content = await loadContent(dir, { now });
  console.log(`loaded ${content.articles.size} articles in ${ms(started)}`);
  const base = buildCatalog(content, 1, now);
  started = performance.now();
  cpuAtStart = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await catalogPrints(base);
  console.log(`fingerprints of one catalog (${base.articles.length} visible): ${ms(started)}`);

  const victim = base.articles[Math.floor(base.articles.length / 2)] as Article;
  const edited = buildCatalog(withArticles(content, (all) => all.set(victim.slug, { ...victim, headline: `${victim.headline} (corrected)` })), 2, now);
  await diff('headline edit', base, edited, now);

  const busiest = [...base.articlesByTag.entries()].sort((a, b) => b[1].length - a[1].length)[0] as [string, readonly Article[]];
  const template = busiest[1][0] as Article;
  const fresh: Article = { ...template, slug: 'a-fresh-story-for-the-bench', publishedAt: new Date(now.getTime() - 1000) };
  const added = buildCatalog(withArticles(content, (all) => all.set(fresh.slug, fresh)), 3, now);
  await diff(`new article in tag ${busiest[0]} (${busiest[1].length} articles)`, base, added, now);

  const embargoed = [...content.articles.values()].filter((a) => a.status === 'published' && a.publishedAt > now).sort(byNewest).pop();
  if (embargoed) {
    const lifted = buildCatalog(content, 1, new Date(embargoed.publishedAt.getTime()));
    await diff(`embargo lifting (${embargoed.slug})`, base, lifted, lifted.builtAt);
  }
  delay.disable();
  console.log(`longest the event loop was held while fingerprinting and diffing: ${Math.round(delay.max / 1e6)} ms (wall: includes waiting for a core)`);
  console.log(`heap used: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
}

void main();
