/** Models for the 404, 410 and 500 pages: the site's own design, a way back, never internals. */
import type { PageContext } from './context';
import { layoutModel, type LayoutModel } from './layout';

export interface ErrorModel {
  layout: LayoutModel;
  status: number;
  heading: string;
  message: string;
}

/** What each error page says, in one place (titles and descriptions for <head>, heading and message on the page). */
const ERROR_TEXTS = {
  404: {
    title: 'Page not found',
    description: 'This page does not exist.',
    heading: 'Sorry, we can’t find that page',
    message: 'The story may have moved, or the address may be mistyped. Try the front page or search for it.',
  },
  // A page taken down on purpose (a redirect with status 410): it is not coming back, unlike a page that was never there.
  410: {
    title: 'Page removed',
    description: 'This page has been removed.',
    heading: 'This page has been removed',
    message: 'It was taken down on purpose and will not be back. The front page and search have everything we publish now.',
  },
  500: {
    title: 'Something went wrong',
    description: 'An error occurred.',
    heading: 'Something went wrong on our side',
    message: 'We have been told about it. Please try again in a moment.',
  },
} as const;

function errorModel(ctx: PageContext, path: string, status: keyof typeof ERROR_TEXTS): ErrorModel {
  const texts = ERROR_TEXTS[status];
  return {
    layout: { ...layoutModel(ctx, { title: texts.title, description: texts.description, path }), robots: 'noindex' },
    status,
    heading: texts.heading,
    message: texts.message,
  };
}

export function notFoundModel(ctx: PageContext, path: string): ErrorModel {
  return errorModel(ctx, path, 404);
}

export function goneModel(ctx: PageContext, path: string): ErrorModel {
  return errorModel(ctx, path, 410);
}

export function serverErrorModel(ctx: PageContext, path: string): ErrorModel {
  return errorModel(ctx, path, 500);
}
