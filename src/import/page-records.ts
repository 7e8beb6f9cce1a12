/**
 * Static page drafts become page records (data/pages/<slug>.json): the
 * source's slug kept when the contract takes it, nobody has it and no route
 * claims it (an exported "search" or "feed.xml" page would shadow a route,
 * so it becomes "search-page", and the report says so), images made files,
 * and the record checked against the data contract before it is written.
 */
import { problemsFromZod } from '../content/problems';
import { pageSchema, type PageRecord } from '../content/schema';
import { RESERVED_FIRST_SEGMENTS } from '../routes/table';
import type { DataIndex } from './data-index';
import type { PageDraft } from './draft';
import type { MediaResolver, PlannedImage } from './media';
import { NOTHING_LEFT, oneLine, resolveBody } from './records';
import { fallbackSlug, slugify, sourceSlugOr } from './slugs';

export interface BuiltPage {
  page: PageRecord;
  images: PlannedImage[];
}

export async function buildPage(
  draft: PageDraft,
  index: DataIndex,
  takenInRun: ReadonlySet<string>,
  media: MediaResolver,
  format: string,
  notes: string[],
  previousSlug?: string,
): Promise<BuiltPage | { error: string } | { skip: string }> {
  const images: PlannedImage[] = [];
  // Plain text, printed as it is (no Markdown to take out: "__init__" stays).
  const title = oneLine(draft.title ?? '');
  if (!title) return { error: 'a page with no title' };
  const body = await resolveBody(draft.body, media, images, notes);
  if (body.length === 0) return { skip: NOTHING_LEFT };
  const taken = (slug: string) => RESERVED_FIRST_SEGMENTS.has(slug) || index.pages.has(slug) || takenInRun.has(slug);
  const wanted = slugify(draft.slug ?? '');
  const slug = previousSlug ?? sourceSlugOr(draft.slug, title, fallbackSlug('page', draft.sourceId), taken);
  if (!previousSlug && wanted && slug !== wanted) {
    notes.push(RESERVED_FIRST_SEGMENTS.has(wanted) ? `slug "${wanted}" is a route of the site: the page is /${slug}` : `slug "${wanted}" is taken: the page is /${slug}`);
  }
  let updatedAt: string | undefined;
  if (draft.updatedAt) {
    const parsed = new Date(draft.updatedAt);
    if (Number.isNaN(parsed.getTime())) notes.push(`updatedAt "${draft.updatedAt}" is not a date: left out`);
    else updatedAt = parsed.toISOString();
  }
  const description = oneLine(draft.description ?? '');
  const page = {
    slug,
    title,
    ...(description && { description }),
    body,
    ...(updatedAt && { updatedAt }),
    ...(draft.nav && { nav: true }),
    ...(draft.status === 'draft' && { status: 'draft' as const }),
    ...(draft.language && { language: draft.language }),
    imported: { format, id: draft.sourceId },
  };
  const checked = pageSchema.safeParse(page);
  if (!checked.success) return { error: problemsFromZod(`pages/${slug}.json`, checked.error).map((p) => `${p.field}: ${p.message}`).join('; ') };
  return { page: checked.data, images };
}
