/**
 * The front page: the lead story, the latest stories and a strip per section.
 * Later pages ("?page=N") list only the latest stories. Work is bounded by the
 * page size, not by how many articles exist.
 */
import { articleCard, articleCards, type ArticleCard } from './cards';
import type { PageContext, PageResult } from './context';
import { layoutModel, type LayoutModel } from './layout';
import { withPaging, type Pagination } from './paging';
import { pageUrl, urls } from '../routes/urls';
import { homeHead, withHead } from './seo';
import { AnswerKeys, HOME_KEY, keyOf } from '../cache-keys/scheme';

export interface SectionStrip {
  /** The strip's heading id ("strip--sections-world"), which labels the strip. */
  id: string;
  name: string;
  url: string;
  description?: string;
  cards: ArticleCard[];
}

export interface HomeModel {
  layout: LayoutModel;
  /** The page's (visually hidden) <h1>: the site's name, and on later pages which page of the latest stories. */
  heading: string;
  lead?: ArticleCard;
  latest: ArticleCard[];
  sections: SectionStrip[];
  pagination: Pagination;
}

export const HOME_PAGE_SIZE = 12;
/** Cards per section strip on the front page (the purge side reads it: the strips are part of what `home` lists). */
export const SECTION_STRIP_SIZE = 3;

export function homePage(ctx: PageContext, rawPage: unknown): PageResult<HomeModel> {
  const { catalog } = ctx;
  const site = catalog.site;
  return withPaging(
    rawPage,
    '/',
    catalog.articles,
    ({ items, pagination }) => {
      const first = pagination.page === 1;
      const leadArticle = first ? items[0] : undefined;
      const rest = first ? items.slice(1) : items;
      const sections: SectionStrip[] = [];
      const keys = new AnswerKeys().add(HOME_KEY).cards(items);
      if (first) {
        for (const section of catalog.sections.values()) {
          const list = catalog.articlesBySection.get(section.slug);
          if (!list?.length) continue;
          const url = urls.section(section.slug);
          const strip = list.slice(0, SECTION_STRIP_SIZE);
          keys.add(keyOf.section(section.slug)).cards(strip);
          sections.push({
            id: `strip-${url.replace(/[^a-z0-9]+/g, '-')}`,
            name: section.name,
            url,
            ...(section.description && { description: section.description }),
            cards: articleCards(site, strip, 'compact'),
          });
        }
      }
      const model: HomeModel = {
        layout: withHead(layoutModel(ctx, { description: site.description, path: '/', currentNav: '/', pagination, ...(first ? {} : { title: 'Latest stories' }) }), (page) => homeHead(catalog, page)),
        heading: first ? site.name : `${site.name}: latest stories, page ${pagination.page}`,
        ...(leadArticle && { lead: articleCard(site, leadArticle, 'lead') }),
        latest: articleCards(site, rest, 'grid'),
        sections,
        pagination,
      };
      return { kind: 'page', status: 200, view: 'home', model, keys: keys.list() };
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
