/**
 * /corrections: every correction on a visible article, newest first, paged
 * by the shared rules, each with the headline it corrects linked. Readers
 * and press monitors check one page for what the newsroom has put right.
 */
import { urls } from '../routes/urls';
import { renderInline } from '../text/inline';
import { siteText } from '../text/locale';
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
  labels: { heading: string; intro: string; empty: string };
}

export function correctionsPage(ctx: PageContext, rawPage: unknown): PageResult<CorrectionsModel> {
  const { catalog } = ctx;
  const site = catalog.site;
  const path = urls.corrections();
  const all = catalog.corrections; // sorted once per catalog (catalog-indexes.ts), so a page costs its own entries
  const text = siteText(site);
  return withPaging(rawPage, path, all, ({ items, pagination }) => {
    const title = text.t('corrections.title');
    const layout = layoutModel(ctx, { title, description: text.t('corrections.description', { site: site.name }), path, pagination });
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
        labels: { heading: title, intro: text.t('corrections.intro'), empty: text.t('corrections.empty') },
      },
      // An entry shows its article's headline and the correction's own text (part of the article): a:<slug>.
      keys: new AnswerKeys().add(CORRECTIONS_KEY, ...items.map(({ article }) => keyOf.article(article.slug))).list(),
    };
  }, text);
}
