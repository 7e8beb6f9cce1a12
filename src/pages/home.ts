/**
 * The front page: the lead story, the latest stories and a strip per section.
 * Later pages ("?page=N") list only the latest stories. Work is bounded by the
 * page size, not by how many articles exist.
 */
import { articleCard, layoutModel, withPaging, type ArticleCard, type LayoutModel, type PageContext, type PageResult, type Pagination } from './common';
import { pageUrl, urls } from '../routes/urls';
import { homeHead, withHead } from './seo';

export interface SectionStrip {
  name: string;
  url: string;
  description?: string;
  cards: ArticleCard[];
}

export interface HomeModel {
  layout: LayoutModel;
  lead?: ArticleCard;
  latest: ArticleCard[];
  sections: SectionStrip[];
  pagination: Pagination;
}

export const HOME_PAGE_SIZE = 12;
const SECTION_STRIP_SIZE = 3;

export function homePage(ctx: PageContext, rawPage: unknown): PageResult<HomeModel> {
  const { catalog } = ctx;
  const site = catalog.site;
  return withPaging(
    rawPage,
    '/',
    catalog.articles,
    ({ items, pagination }) => {
      const first = pagination.page === 1;
      const cards = items.map((a) => articleCard(site, a));
      const sections: SectionStrip[] = [];
      if (first) {
        for (const section of catalog.sections.values()) {
          const list = catalog.articlesBySection.get(section.slug);
          if (!list?.length) continue;
          sections.push({
            name: section.name,
            url: urls.section(section.slug),
            ...(section.description && { description: section.description }),
            cards: list.slice(0, SECTION_STRIP_SIZE).map((a) => articleCard(site, a)),
          });
        }
      }
      const model: HomeModel = {
        layout: withHead(layoutModel(ctx, { description: site.description, path: '/', currentNav: '/', pagination, ...(first ? {} : { title: 'Latest stories' }) }), (page) => homeHead(catalog, page)),
        ...(first && cards[0] && { lead: cards[0] }),
        latest: first ? cards.slice(1) : cards,
        sections,
        pagination,
      };
      return { kind: 'page', status: 200, view: 'home', model };
    },
    HOME_PAGE_SIZE,
  );
}

/** "/page/N/" is an alias some themes use; it redirects to the one canonical form. */
export function homePageAlias(rawPage: string): PageResult<never> {
  const page = Number(rawPage);
  if (!/^[1-9][0-9]{0,6}$/.test(rawPage)) return { kind: 'not-found' };
  return { kind: 'redirect', status: 301, location: pageUrl('/', page) };
}
