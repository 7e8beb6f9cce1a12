/**
 * The paging rules every list follows (docs/decisions/0002-paging-urls.md):
 * "?page=1" redirects to the list itself, a page number that is not a
 * positive whole number or is past the end is a 404, page 1 of nothing exists.
 */
import { pageUrl } from '../routes/urls';
import type { Text } from '../text/locale';
import type { PageResult } from './context';

export const PAGE_SIZE = 10;

/** What the previous/next links say: lists go back in time, search results go down a ranking. */
export interface PagingLabels {
  /** The <nav>'s accessible name. */
  name: string;
  prev: string;
  next: string;
}

/** A list's paging labels in the site's words: lists go back in time. */
export function listPaging(text: Text): PagingLabels {
  return { name: text.t('paging.name'), prev: text.t('paging.newer'), next: text.t('paging.older') };
}

export interface Pagination {
  page: number;
  pageCount: number;
  prevUrl?: string;
  nextUrl?: string;
  labels: PagingLabels;
  /** "Page 2 of 5", in the site's words and digits. */
  status: string;
}

/**
 * Parses the page number of a paged list. undefined means "no such page"
 * (not a positive whole number); page 1 written out is redirected to the root
 * by the caller so each list has one canonical first page.
 */
function parsePageNumber(raw: unknown): number | undefined {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,6}$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * Where page `page` of `itemCount` items stands: its count and prev/next links (made by urlFor);
 * undefined when the page is past the end (a 404). Page 1 of nothing exists.
 */
export function paginationFor(
  page: number,
  itemCount: number,
  urlFor: (page: number) => string,
  text: Text,
  size = PAGE_SIZE,
  labels = listPaging(text),
): Pagination | undefined {
  const pageCount = Math.max(1, Math.ceil(itemCount / size));
  if (page > pageCount) return undefined;
  return {
    page,
    pageCount,
    ...(page > 1 && { prevUrl: urlFor(page - 1) }),
    ...(page < pageCount && { nextUrl: urlFor(page + 1) }),
    labels,
    status: text.t('paging.status', { page, pageCount }),
  };
}

/** Slices one page of a list; undefined when the page is past the end (a 404). Page 1 of an empty list exists. */
function paginate<T>(items: readonly T[], page: number, basePath: string, text: Text, size = PAGE_SIZE): { items: T[]; pagination: Pagination } | undefined {
  const pagination = paginationFor(page, items.length, (p) => pageUrl(basePath, p), text, size);
  return pagination && { items: items.slice((page - 1) * size, page * size), pagination };
}

/** The shared paging rules for a request: a bad page number is a 404, "?page=1" redirects to the list root; else the page number. */
export function requestedPage(rawPage: unknown, basePath: string): number | PageResult<never> {
  const page = parsePageNumber(rawPage);
  if (page === undefined) return { kind: 'not-found' };
  if (rawPage === '1') return { kind: 'redirect', status: 301, location: basePath };
  return page;
}

/** Handles the shared paging rules (requestedPage) and slices the list. */
export function withPaging<T, M>(
  rawPage: unknown,
  basePath: string,
  items: readonly T[],
  build: (slice: { items: T[]; pagination: Pagination }) => PageResult<M>,
  text: Text,
  size = PAGE_SIZE,
): PageResult<M> {
  const page = requestedPage(rawPage, basePath);
  if (typeof page !== 'number') return page;
  const slice = paginate(items, page, basePath, text, size);
  return slice ? build(slice) : { kind: 'not-found' };
}
