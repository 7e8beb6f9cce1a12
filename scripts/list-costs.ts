/**
 * What list answers cost at the size of a data folder, measured in-process
 * (docs/decisions/0021-lists-at-any-size.md): an embargo lifting
 * (CatalogStore.current() once the clock passes validUntil), then the first
 * and the second answer from the catalog it made of /corrections?page=2,
 * /sitemap.xml, /sitemaps/{articles,tags,sections}-1.xml and /feed.xml. The
 * routes keep feeds and sitemap pages per catalog (src/http/feed-routes.ts),
 * so their first answer after a lifting is what a request pays; the sitemap
 * index and page models are made per request.
 *
 * The clock starts just before the newest EMBARGOED published articles, so
 * they lift one by one (`--lifts` of them), then a jump lifts the rest at once.
 * Prints a digest of every answer of every catalog, so two checkouts can be
 * compared on the same data: equal digests, equal answers.
 *
 *   npx tsx scripts/list-costs.ts --data DIR [--lifts N]
 */
import { createHash } from 'node:crypto';
import { CatalogStore, type Catalog } from '../src/content/catalog';
import { loadContent } from '../src/content/load';
import { feedModel } from '../src/feeds/feed-model';
import { rssFeed } from '../src/feeds/rss';
import { newsSitemap, sitemapIndex, sitemapPage } from '../src/feeds/sitemaps';
import type { PageContext } from '../src/pages/context';
import { correctionsPage } from '../src/pages/corrections';

const EMBARGOED = 200;

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`usage: npx tsx scripts/list-costs.ts --data DIR [--lifts N] (missing --${name})`);
  return value;
}

function timed<T>(run: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = run();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

type Answer = (catalog: Catalog, now: Date) => unknown;

const ANSWERS: [string, Answer][] = [
  ['/corrections?page=2', (catalog) => correctionsPage({ catalog, assets: { stylesheet: '/s.css', favicon: '/f.ico' } } satisfies PageContext, '2')],
  ['/sitemap.xml', (catalog, now) => sitemapIndex(catalog, now)],
  ['/sitemaps/news.xml', (catalog, now) => newsSitemap(catalog, now)],
  ['/sitemaps/articles-1.xml', (catalog) => sitemapPage(catalog, 'articles', 1)],
  ['/sitemaps/tags-1.xml', (catalog) => sitemapPage(catalog, 'tags', 1)],
  ['/sitemaps/sections-1.xml', (catalog) => sitemapPage(catalog, 'sections', 1)],
  ['/feed.xml', (catalog) => rssFeed(feedModel(catalog, { kind: 'site' }) as NonNullable<ReturnType<typeof feedModel>>)],
];

async function main(): Promise<void> {
  const dataDir = option('data');
  const lifts = Number(option('lifts', '20'));
  const loadStart = Date.now();
  const content = await loadContent(dataDir);
  const published = [...content.articles.values()].filter((a) => a.status === 'published').map((a) => a.publishedAt.getTime());
  published.sort((a, b) => b - a);
  const clock = { now: new Date((published[EMBARGOED] as number) + 1) };
  const store = new CatalogStore(content, () => clock.now);
  let catalog = store.current();
  console.log(`${dataDir}: ${catalog.articles.length} visible, ${content.articles.size} articles, loaded in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);

  const digest = createHash('sha1');
  const costs = new Map<string, { first: number[]; second: number[] }>([['embargo lifting', { first: [], second: [] }], ...ANSWERS.map(([name]) => [name, { first: [], second: [] }] as [string, { first: number[]; second: number[] }])]);
  const answerAll = (record: boolean) => {
    for (const [name, answer] of ANSWERS) {
      const [value, first] = timed(() => answer(catalog, clock.now));
      const [, second] = timed(() => answer(catalog, clock.now));
      digest.update(`${name} ${JSON.stringify(value)}\n`);
      if (record) {
        costs.get(name)?.first.push(first);
        costs.get(name)?.second.push(second);
      }
    }
  };
  answerAll(false); // warm the JIT on the first catalog
  for (let i = 0; i <= lifts; i++) {
    // The last step jumps past every embargo left: several lift at once.
    clock.now = new Date(i < lifts ? catalog.validUntil : (published[0] as number) + 1);
    const [next, ms] = timed(() => store.current());
    if (next === catalog) throw new Error('the clock passed validUntil but the catalog did not change');
    catalog = next;
    costs.get('embargo lifting')?.first.push(ms);
    answerAll(true);
  }
  console.log(`${lifts + 1} liftings, the last one of ${EMBARGOED - lifts} articles at once; median ms (max ms)`);
  console.log('| answer | first after a lifting | next request |');
  console.log('| --- | ---: | ---: |');
  for (const [name, { first, second }] of costs) {
    const cell = (values: number[]) => (values.length ? `${median(values).toFixed(2)} (${Math.max(...values).toFixed(2)})` : '');
    console.log(`| ${name} | ${cell(first)} | ${cell(second)} |`);
  }
  console.log(`answers digest: ${digest.digest('hex')} (version ${catalog.version})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
