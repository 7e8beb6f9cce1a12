/**
 * One WXR <item> → an import item: a post an article draft, a page a page
 * draft, anything else a skip with its reason (post-types.ts). The mapping
 * is docs/import.md's table, "WordPress (WXR)".
 */
import { plainInline } from '../../text/inline';
import type { ArticleDraft, ImageDraft, ImportItem, PageDraft, PersonDraft } from '../draft';
import { htmlToText } from '../html';
import { contentToBlocks } from './content';
import { itemDate } from './dates';
import type { Lookups } from './lookups';
import { kindOf, statusOf } from './post-types';
import { childrenNamed, childText, MAX_TEXT, postMeta, type WxrNode } from './reader';

/** The item's id for re-imports: its guid, which WordPress never changes (else its post id and link). */
export function sourceIdOf(item: WxrNode): string {
  const guid = childText(item, 'guid');
  if (guid) return guid.slice(0, 1000);
  const link = childText(item, 'link');
  return `wordpress:post:${childText(item, 'wp:post_id') || '?'}${link ? `:${link.slice(0, 900)}` : ''}`;
}

/** wp:post_name, percent-decoded ("%d0%bd%d0%be…" → "но…"): WordPress stores non-Latin slugs encoded. */
function decodedSlug(item: WxrNode): string | undefined {
  const raw = childText(item, 'wp:post_name');
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `sourceId`: the id the export gives it (sourceIdOf), unless the stream had to make it unique. */
export function itemToImport(item: WxrNode, lookups: Lookups, sourceId = sourceIdOf(item)): ImportItem {
  const kind = kindOf(childText(item, 'wp:post_type'));
  if (kind.kind === 'skip') return { kind: 'skip', sourceId, reason: kind.reason };
  const outcome = statusOf(childText(item, 'wp:status'), childText(item, 'wp:post_password'));
  if ('skip' in outcome) return { kind: 'skip', sourceId, reason: outcome.skip };
  const content = childrenNamed(item, 'content:encoded')[0];
  if (content?.cut) return { kind: 'fail', sourceId, reason: `its content is longer than ${MAX_TEXT} characters: not read` };
  if (!content?.text.trim()) return { kind: 'skip', sourceId, reason: 'an empty post: no content to show' };

  const notes: string[] = [];
  if (outcome.note) notes.push(outcome.note);
  const postId = childText(item, 'wp:post_id');
  const converted = contentToBlocks(content.text, { postId, attachments: lookups.attachments, attachedTo: lookups.attachedTo, altByFile: lookups.altByFile, notes: new Set() });
  notes.push(...converted.notes);
  if (converted.blocks.length === 0) return { kind: 'skip', sourceId, reason: 'nothing in its content converts to text or pictures' };
  const comments = childrenNamed(item, 'wp:comment').length;
  if (comments) notes.push(`${comments} comment${comments > 1 ? 's' : ''} not imported`);

  const title = htmlToText(childText(item, 'title'));
  const excerpt = htmlToText(childText(item, 'excerpt:encoded'));
  const slug = decodedSlug(item);
  const publishedAt = itemDate(item, 'wp:post_date', notes);
  const updatedAt = itemDate(item, 'wp:post_modified', []);

  if (kind.kind === 'page') {
    if (outcome.note && childText(item, 'wp:status') === 'future') notes.push('a page has no embargo: a scheduled page is imported as a draft');
    const parent = childText(item, 'wp:post_parent');
    if (parent && parent !== '0') notes.push(`a child page (of post ${parent}) in WordPress: here its path is its own slug`);
    const draft: PageDraft = {
      sourceId,
      ...(slug && { slug }),
      title: title || headlineFromBody(converted.blocks, notes) || '',
      ...(excerpt && { description: excerpt }),
      body: converted.blocks,
      ...((updatedAt ?? publishedAt) && { updatedAt: updatedAt ?? publishedAt }),
      status: childText(item, 'wp:status') === 'future' ? 'draft' : outcome.status,
      ...(lookups.navPages.has(postId) && { nav: true }),
    };
    return { kind: 'page', draft, notes };
  }

  const meta = postMeta(item);
  const terms = termsOf(item, notes);
  const section = sectionOf(meta, terms, lookups, notes);
  const image = featuredImage(meta, lookups, notes);
  if (childText(item, 'wp:is_sticky') === '1') notes.push('sticky on the WordPress front page: not carried over');
  const headline = title || excerpt || headlineFromBody(converted.blocks, notes);
  const draft: ArticleDraft = {
    sourceId,
    ...(slug && { slug }),
    ...(headline && { headline }),
    ...(excerpt && { standfirst: excerpt }),
    body: converted.blocks,
    authors: authorsOf(item, lookups),
    sources: [],
    tags: terms.filter((t) => t.domain === 'category' || t.domain === 'post_tag').map((t) => t.name),
    ...(section && { section }),
    ...(publishedAt && { publishedAt }),
    ...(updatedAt && { updatedAt }),
    status: outcome.status,
    ...(image && { image }),
  };
  if (!title && excerpt) notes.push('no title: the excerpt is the headline');
  return { kind: 'article', draft, notes };
}

interface Term {
  domain: string;
  nicename: string;
  name: string;
}

/** The item's categories and tags (default "Uncategorized" left out); other taxonomies named in the notes. */
function termsOf(item: WxrNode, notes: string[]): Term[] {
  const terms: Term[] = [];
  const others = new Set<string>();
  for (const el of childrenNamed(item, 'category')) {
    const domain = el.attrs.domain === 'tag' ? 'post_tag' : (el.attrs.domain ?? 'category'); // WXR 1.0 wrote tags as domain="tag"
    const term = { domain, nicename: el.attrs.nicename ?? '', name: htmlToText(el.text) };
    if (!term.name || (term.domain === 'category' && term.nicename === 'uncategorized')) continue;
    if (term.domain === 'category' || term.domain === 'post_tag') terms.push(term);
    else if (term.domain !== 'post_format' && term.domain !== 'author') others.add(term.domain.slice(0, 40));
  }
  if (others.size) notes.push(`terms of ${[...others].map((d) => `'${d}'`).join(', ')} not imported`);
  return terms;
}

/** Yoast SEO's (or Rank Math's) primary category, else the first category, else none. */
function sectionOf(meta: Map<string, string>, terms: Term[], lookups: Lookups, notes: string[]): string | undefined {
  const primaryId = meta.get('_yoast_wpseo_primary_category') || meta.get('rank_math_primary_category');
  const primary = primaryId ? lookups.categories.get(primaryId) : undefined;
  if (primary) {
    notes.push(`section "${primary}": the primary category`);
    return primary;
  }
  return terms.find((t) => t.domain === 'category')?.name;
}

function featuredImage(meta: Map<string, string>, lookups: Lookups, notes: string[]): ImageDraft | undefined {
  const id = meta.get('_thumbnail_id');
  if (!id) return undefined;
  const file = lookups.attachments.get(id);
  if (!file) {
    notes.push(`the featured image (attachment ${id.slice(0, 20)}) is not in the export: no main image`);
    return undefined;
  }
  return { src: file.url, ...(file.alt && { alt: file.alt }), ...(file.caption && { caption: file.caption }) };
}

/**
 * dc:creator is the author's login: the channel's wp:author gives the name (WXR 1.0 has none: the
 * login is the name). Co-Authors Plus, the plugin multi-author newsrooms use, adds each byline as
 * a term of its `author` taxonomy (the term's name a login, or a guest author's name; its slug
 * "cap-<slug>"): they follow, in their order, each once.
 */
function authorsOf(item: WxrNode, lookups: Lookups): PersonDraft[] {
  const people: PersonDraft[] = [];
  const add = (login: string, slug = login) => {
    const known = lookups.authors.get(login);
    const person = { name: known?.name ?? login, slug: slug.replace(/^cap-/, '') };
    if (!people.some((p) => p.name.toLowerCase() === person.name.toLowerCase())) people.push(person);
  };
  for (const el of childrenNamed(item, 'dc:creator')) if (el.text.trim()) add(el.text.trim());
  for (const el of childrenNamed(item, 'category')) {
    const name = el.attrs.domain === 'author' ? htmlToText(el.text).trim() : '';
    if (name) add(name, el.attrs.nicename || name);
  }
  return people;
}

const MAX_MADE_HEADLINE = 90;

/** The first words of the first paragraph, for an item with no title (said in the notes). */
function headlineFromBody(blocks: ReturnType<typeof contentToBlocks>['blocks'], notes: string[]): string | undefined {
  const first = blocks.find((b) => b.type === 'paragraph' || b.type === 'heading');
  const text = first && 'text' in first ? plainInline(first.text as string).trim() : '';
  if (!text) return undefined;
  notes.push('no title: the headline is the first words of the body');
  if (text.length <= MAX_MADE_HEADLINE) return text;
  const cut = text.slice(0, MAX_MADE_HEADLINE);
  const space = cut.lastIndexOf(' ');
  return `${space > 30 ? cut.slice(0, space) : cut}…`;
}
