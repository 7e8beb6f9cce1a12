/** Models for the 404, 410 and 500 pages: the site's own design, a way back, never internals. */
import { siteText, type MessageKey } from '../text/locale';
import type { PageContext } from './context';
import { layoutModel, type LayoutModel } from './layout';

export interface ErrorModel {
  layout: LayoutModel;
  status: number;
  heading: string;
  message: string;
  /** "Error 404" and the way home, in the site's words. */
  statusLabel: string;
  homeLabel: string;
}

/** An error page's model: the layout marked noindex, its words in the site's language. */
export function errorModel(ctx: PageContext, path: string, status: number, words: { title: string; description: string; heading: string; message: string }): ErrorModel {
  const text = siteText(ctx.catalog.site);
  return {
    layout: { ...layoutModel(ctx, { title: words.title, description: words.description, path }), robots: 'noindex' },
    status,
    heading: words.heading,
    message: words.message,
    statusLabel: text.t('error.status', { status: String(status) }),
    homeLabel: text.t('error.home'),
  };
}

/** The words of each error page the site writes itself, by locale key. */
const ERROR_WORDS = {
  404: { title: 'error.notFoundTitle', description: 'error.notFoundDescription', heading: 'error.notFoundHeading', message: 'error.notFoundMessage' },
  // A page taken down on purpose (a redirect with status 410): it is not coming back, unlike a page that was never there.
  410: { title: 'error.goneTitle', description: 'error.goneDescription', heading: 'error.goneHeading', message: 'error.goneMessage' },
  500: { title: 'error.serverTitle', description: 'error.serverDescription', heading: 'error.serverHeading', message: 'error.serverMessage' },
} as const satisfies Record<number, Record<'title' | 'description' | 'heading' | 'message', MessageKey>>;

function siteErrorModel(ctx: PageContext, path: string, status: keyof typeof ERROR_WORDS): ErrorModel {
  const text = siteText(ctx.catalog.site);
  const keys = ERROR_WORDS[status];
  return errorModel(ctx, path, status, { title: text.t(keys.title), description: text.t(keys.description), heading: text.t(keys.heading), message: text.t(keys.message) });
}

export function notFoundModel(ctx: PageContext, path: string): ErrorModel {
  return siteErrorModel(ctx, path, 404);
}

export function goneModel(ctx: PageContext, path: string): ErrorModel {
  return siteErrorModel(ctx, path, 410);
}

export function serverErrorModel(ctx: PageContext, path: string): ErrorModel {
  return siteErrorModel(ctx, path, 500);
}
