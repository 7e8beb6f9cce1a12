/** Models for the 404 and 500 pages: the site's own design, a way back, never internals. */
import type { PageContext } from './context';
import { layoutModel, type LayoutModel } from './layout';

export interface ErrorModel {
  layout: LayoutModel;
  status: number;
  heading: string;
  message: string;
}

export function notFoundModel(ctx: PageContext, path: string): ErrorModel {
  return {
    layout: { ...layoutModel(ctx, { title: 'Page not found', description: 'This page does not exist.', path }), robots: 'noindex' },
    status: 404,
    heading: 'Sorry, we can’t find that page',
    message: 'The story may have moved, or the address may be mistyped. Try the front page or search for it.',
  };
}

export function serverErrorModel(ctx: PageContext, path: string): ErrorModel {
  return {
    layout: { ...layoutModel(ctx, { title: 'Something went wrong', description: 'An error occurred.', path }), robots: 'noindex' },
    status: 500,
    heading: 'Something went wrong on our side',
    message: 'We have been told about it. Please try again in a moment.',
  };
}
