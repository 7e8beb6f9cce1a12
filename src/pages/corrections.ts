/**
 * /corrections: every correction on a visible article, newest first, paged
 * by the shared rules, each with the headline it corrects linked. Readers
 * and press monitors check one page for what the newsroom has put right.
 */
import type { Catalog } from '../content/catalog';
import type { Article, Correction } from '../content/model';
import { urls } from '../routes/urls';
import { renderInline } from '../text/inline';
import type { PageContext, PageResult } from './context';
import { formatDate, languageOf, type DateModel } from './dates';
import type { Direction } from './direction';
import { layoutModel, type LayoutModel } from './layout';
import { withPaging, type Pagination } from './paging';
import { correctionsHead, withHead } from './seo';
import { AnswerKeys, CORRECTIONS_KEY, keyOf } from '../cache-keys/scheme';

export interface CorrectionEntry {
  date: DateModel;
  /** Safe inline HTML from renderInline. */
  html: string;
  headline: string;
  url: string;
  /** Set when the article is not in the site's language. */
  lang?: string;
  dir?: Direction;
}

export interface CorrectionsModel {
  layout: LayoutModel;
  correctionCount: number;
  entries: CorrectionEntry[];
  pagination: Pagination;
}

interface Corrected {
  article: Article;
  correction: Correction;
}

/** Per catalog version: the catalog is immutable, so the sorted list is made once, not per request. */
const listed = new WeakMap<Catalog, readonly Corrected[]>();

/** Every correction of a visible article, newest first; on one date, the newer article first (catalog order). */
export function correctionsOf(catalog: Catalog): readonly Corrected[] {
  let list = listed.get(catalog);
  if (!list) {
    const all = catalog.articles.flatMap((article) => (article.corrections ?? []).map((correction) => ({ article, correction })));
    list = all.sort((a, b) => b.correction.at.getTime() - a.correction.at.getTime());
    listed.set(catalog, list);
  }
  return list;
}

export function correctionsPage(ctx: PageContext, rawPage: unknown): PageResult<CorrectionsModel> {
  const { catalog } = ctx;
  const site = catalog.site;
  const path = urls.corrections();
  const all = correctionsOf(catalog);
  return withPaging(rawPage, path, all, ({ items, pagination }) => {
    const title = 'Corrections';
    const layout = layoutModel(ctx, { title, description: `Corrections and updates to stories on ${site.name}, newest first.`, path, pagination });
    return {
      kind: 'page',
      status: 200,
      view: 'corrections',
      model: {
        layout: withHead(layout, (page) => correctionsHead(catalog, title, page)),
        correctionCount: all.length,
        entries: items.map(({ article, correction }) => ({
          date: formatDate(site, correction.at),
          html: renderInline(correction.text),
          headline: article.headline,
          url: urls.article(article.slug),
          ...languageOf(site, article.language),
        })),
        pagination,
      },
      // An entry shows its article's headline and the correction's own text (part of the article): a:<slug>.
      keys: new AnswerKeys().add(CORRECTIONS_KEY, ...items.map(({ article }) => keyOf.article(article.slug))).list(),
    };
  });
}
