/**
 * One row of a Ghost export's posts table → an import item: a post an
 * article, a page a static page, an email-only newsletter (status "sent")
 * skipped. The body comes from the richest form the row has: lexical (Ghost
 * 5), else mobiledoc (Ghost 1 to 4), else the rendered `html` (said in the
 * notes); each is HTML for the one converter. Authors, tags and the feature
 * image's alt text come from the first pass (lookups.ts).
 */
import type { ArticleDraft, ImageDraft, ImportItem, PageDraft, PersonDraft } from '../draft';
import { htmlToBlocks } from '../html';
import { escapeMarkdown } from '../markdown';
import { ghostUrl, type RenderContext } from './cards';
import type { Row } from './export-stream';
import { lexicalToHtml } from './lexical';
import { str, type GhostLookups } from './lookups';
import { mobiledocToHtml } from './mobiledoc';

const idOf = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A stored document (lexical, mobiledoc): Ghost keeps it as a JSON string; older tools wrote the object. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value && typeof value === 'object' ? value : undefined;
  if (!value.trim()) return undefined;
  return JSON.parse(value);
}

/** The body's HTML from the richest stored form, and which one it was. */
function bodyHtml(post: Row, ctx: RenderContext): string {
  const tried: string[] = [];
  for (const [field, render] of [
    ['lexical', lexicalToHtml],
    ['mobiledoc', mobiledocToHtml],
  ] as const) {
    if (post[field] === null || post[field] === undefined || post[field] === '') continue;
    try {
      const doc = parsed(post[field]);
      if (doc !== undefined) return render(doc, ctx);
    } catch (error) {
      tried.push(`${field} (${(error as Error).message.slice(0, 80)})`);
    }
  }
  const html = typeof post.html === 'string' ? post.html : '';
  if (tried.length) ctx.notes.push(`could not read the post's ${tried.join(' or ')}: read its rendered HTML`);
  else if (html.trim()) ctx.notes.push('the post has neither lexical nor mobiledoc: read its rendered HTML');
  return ghostUrl(html, ctx);
}

/**
 * A date as Ghost wrote it: ISO 8601 with a zone (Ghost 2+), a MySQL-style
 * "2019-01-10 10:23:45" without one (stored in UTC), or epoch milliseconds
 * (the oldest exports).
 */
function dateOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  const text = str(value);
  if (!text) return undefined;
  if (/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/.test(text)) return `${text.replace(' ', 'T')}Z`;
  return text;
}

function authorsOf(post: Row, id: string, lookups: GhostLookups, notes: string[]): PersonDraft[] {
  const ids = lookups.postAuthors.get(id) ?? (idOf(post.author_id) ? [idOf(post.author_id) as string] : []);
  const people: PersonDraft[] = [];
  for (const userId of ids) {
    const user = lookups.users.get(userId);
    if (user) people.push({ name: user.name, ...(user.slug && { slug: user.slug }), ...(user.bio && { bio: user.bio }) });
    else notes.push(`author ${userId.slice(0, 40)} is not among the export's users: left out`);
  }
  return people;
}

/** Public tags in Ghost's order (the first is the primary tag); internal ones ("#feature") left out. */
function tagsOf(id: string, lookups: GhostLookups, notes: string[]): { name: string; slug?: string }[] {
  const internal: string[] = [];
  const tags: { name: string; slug?: string }[] = [];
  for (const tagId of lookups.postTags.get(id) ?? []) {
    const tag = lookups.tags.get(tagId);
    if (!tag) continue;
    if (tag.internal) internal.push(tag.name);
    else tags.push(tag);
  }
  if (internal.length) notes.push(`left out Ghost's internal tags ${internal.slice(0, 5).join(', ')}${internal.length > 5 ? ` and ${internal.length - 5} more` : ''}`);
  return tags;
}

function featureImage(post: Row, id: string, lookups: GhostLookups, ctx: RenderContext): ImageDraft | undefined {
  const src = str(post.feature_image);
  if (!src) return undefined;
  const meta = lookups.postMeta.get(id);
  const alt = meta?.alt ?? str(post.feature_image_alt);
  const captionHtml = meta?.caption ?? str(post.feature_image_caption);
  const caption = captionHtml ? oneLine(captionHtml.replace(/<[^>]*>/g, ' ')) : undefined;
  return { src: ghostUrl(src, ctx), ...(alt && { alt }), ...(caption && { caption }) };
}

/** The first words of the body, for a post without a title. */
function titleFromText(plaintext: string): string {
  const words = oneLine(plaintext);
  if (words.length <= 90) return words;
  const cut = words.slice(0, 90);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 90)}…`;
}

/** A tag as our tag or section slug is made from: Ghost's slug when it is a plain one, else its name (Ghost percent-encodes slugs of non-Latin names). */
const tagWord = (tag: { name: string; slug?: string }): string => (tag.slug && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(tag.slug) ? tag.slug : tag.name);

/** Ghost percent-encodes a slug made of non-Latin letters ("%d8%a7…"); our slugs are made from the decoded words. */
function decodedSlug(slug: string | undefined): string | undefined {
  if (!slug?.includes('%')) return slug;
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

const isPage = (post: Row): boolean => post.type === 'page' || post.page === true || post.page === 1;

/** Members-only visibilities (Ghost 2+: members, paid; Ghost 5: tiers and filters). */
const isGated = (visibility: string | undefined): boolean => !!visibility && visibility !== 'public';

export function postItem(post: Row, lookups: GhostLookups): ImportItem {
  const id = idOf(post.id) ?? '';
  const uuid = str(post.uuid);
  const sourceId = `ghost:${uuid ?? id}`;
  const status = str(post.status)?.toLowerCase() ?? 'draft';
  if (status === 'sent') return { kind: 'skip', sourceId, reason: 'an email-only newsletter (status sent): never on the site' };
  const notes: string[] = [];
  if (!uuid) notes.push(`no uuid: the post is known by its id ${id}`);
  const ctx: RenderContext = { notes, ...(lookups.siteUrl && { siteUrl: lookups.siteUrl }) };
  const converted = htmlToBlocks(bodyHtml(post, ctx));
  notes.push(...converted.notes);
  const kind = isPage(post) ? 'page' : 'post';
  if (converted.blocks.length === 0) return { kind: 'skip', sourceId, reason: `an empty ${kind} (nothing in its body)` };

  let state: 'published' | 'draft' = status === 'published' || status === 'scheduled' ? 'published' : 'draft';
  if (status === 'scheduled') notes.push(`scheduled: published with its future date, shown from ${str(post.published_at) ?? 'then'}`);
  else if (status !== 'published' && status !== 'draft') notes.push(`status "${status.slice(0, 20)}": imported as a draft`);
  const visibility = str(post.visibility)?.toLowerCase();
  if (isGated(visibility) && state === 'published') {
    state = 'draft';
    notes.push(`for members only in Ghost (visibility ${visibility?.slice(0, 40)}): imported as a draft, since this site has no paywall`);
  }
  const title = str(post.title);
  const plaintext = typeof post.plaintext === 'string' ? post.plaintext : '';
  let headline = title ? escapeMarkdown(oneLine(title)) : undefined;
  if (!headline && plaintext.trim()) {
    headline = escapeMarkdown(titleFromText(plaintext));
    notes.push('no title: the first words of the body stand in');
  }
  const excerpt = str(post.custom_excerpt);
  const language = lookups.locale && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(lookups.locale) ? lookups.locale : undefined;
  const updatedAt = dateOf(post.updated_at);
  const slug = decodedSlug(str(post.slug));

  if (kind === 'page') {
    const description = excerpt ?? str(post.meta_description);
    const draft: PageDraft = {
      sourceId,
      ...(slug && { slug }),
      ...(headline && { title: headline }),
      ...(description && { description: oneLine(description) }),
      body: converted.blocks,
      ...(updatedAt && { updatedAt }),
      status: state,
      ...(slug && lookups.navPaths.has(slug) && { nav: true }),
      ...(language && { language }),
    };
    return { kind: 'page', draft, notes };
  }

  const tags = tagsOf(id, lookups, notes);
  const primary = tags[0];
  const image = featureImage(post, id, lookups, ctx);
  const publishedAt = dateOf(post.published_at) ?? dateOf(post.created_at);
  const draft: ArticleDraft = {
    sourceId,
    ...(slug && { slug }),
    ...(headline && { headline }),
    ...(excerpt && { standfirst: oneLine(excerpt) }),
    body: converted.blocks,
    authors: authorsOf(post, id, lookups, notes),
    sources: [],
    tags: tags.map(tagWord),
    // Ghost's primary tag is what its themes show as a post's category: our section.
    ...(primary && { section: tagWord(primary) }),
    ...(publishedAt && { publishedAt }),
    ...(updatedAt && { updatedAt }),
    status: state,
    ...(language && { language }),
    ...(image && { image }),
  };
  return { kind: 'article', draft, notes };
}
