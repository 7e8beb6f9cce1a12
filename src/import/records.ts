/**
 * Drafts become records: people and sources matched against the data folder
 * by name (and, for sources, by their aliases) or created, tags and the
 * section made slugs, images made files (media.ts), dates and status set,
 * and every record checked against the data contract before anything is
 * written. Each guess is said in the item's notes.
 */
import { blockImagePaths, blockWithImagePaths, type BlockRecord } from '../blocks/registry';
import { escapeMarkdown } from './markdown';
import { articleSchema, authorSchema, sourceSchema, type ArticleRecord, type AuthorRecord, type SourceRecord } from '../content/schema';
import { problemsFromZod } from '../content/problems';
import type { DataIndex } from './data-index';
import type { ArticleDraft, ImageDraft, PersonDraft, SourceDraft } from './draft';
import type { MediaResolver, PlannedImage } from './media';
import { fallbackSlug, slugify, sourceSlugOr, uniqueSlug } from './slugs';

export interface BuildOptions {
  format: string;
  status?: 'draft' | 'published';
  section?: string;
  now: Date;
}

/** What one item adds to the data folder. */
export interface BuiltItem {
  article: ArticleRecord;
  /** New author and source records (existing ones are referred to, never rewritten). */
  authors: AuthorRecord[];
  sources: SourceRecord[];
  images: PlannedImage[];
  notes: string[];
}

/** Authors, sources and slugs this run has planned so far: later items match them too. */
export class RunState {
  readonly newAuthors = new Map<string, AuthorRecord>();
  readonly newSources = new Map<string, SourceRecord>();
  readonly authorByName = new Map<string, string>();
  readonly sourceByName = new Map<string, string>();
  readonly articleSlugs = new Set<string>();
  readonly pageSlugs = new Set<string>();
}

const key = (name: string) => name.trim().toLowerCase().replace(/^the\s+/, '');

function imported(format: string, id: string) {
  return { format, id };
}

function person(index: DataIndex, run: RunState, draft: PersonDraft, options: BuildOptions, notes: string[]): string {
  const name = draft.name.trim();
  const known = index.authorByName.get(name.toLowerCase()) ?? run.authorByName.get(name.toLowerCase());
  if (known) return known;
  const slug = sourceSlugOr(draft.slug, name, fallbackSlug('author', name), (s) => index.authors.has(s) || run.newAuthors.has(s));
  run.newAuthors.set(slug, {
    slug,
    name,
    ...(draft.role?.trim() && { role: draft.role.trim() }),
    ...(draft.bio?.trim() && { bio: draft.bio.trim() }),
    imported: imported(options.format, `author:${name}`),
  });
  run.authorByName.set(name.toLowerCase(), slug);
  notes.push(`new author "${name}" (authors/${slug}.json)`);
  return slug;
}

function findSource(index: DataIndex, run: RunState, name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  return index.sourceByName.get(lower) ?? run.sourceByName.get(lower) ?? index.sourceByName.get(key(name)) ?? run.sourceByName.get(key(name));
}

function source(index: DataIndex, run: RunState, draft: SourceDraft, options: BuildOptions, notes: string[]): string {
  const name = draft.name.trim();
  const known = findSource(index, run, name);
  if (known) return known;
  const slug = uniqueSlug(name, 'source', (s) => index.sources.has(s) || run.newSources.has(s));
  run.newSources.set(slug, {
    slug,
    name,
    ...(draft.url && /^https?:\/\//.test(draft.url) && { url: draft.url }),
    ...(draft.kind && { kind: draft.kind }),
    imported: imported(options.format, `source:${name}`),
  });
  run.sourceByName.set(name.toLowerCase(), slug);
  notes.push(`new source "${name}" (sources/${slug}.json)`);
  return slug;
}

/**
 * The story's paragraphs and quotes as one lower-cased text with the inline
 * Markdown taken out (link targets, escapes, emphasis marks): where sources
 * are looked for. Not a full parse (plainInline's markdown-it pass was a
 * fifth of an import's time), but a name reads the same either way.
 */
function storyText(body: readonly BlockRecord[]): string {
  return body
    .filter((b) => b.type === 'paragraph' || b.type === 'quote')
    .map((b) => ('text' in b ? withoutMarkdown(b.text as string) : ''))
    .join('\n')
    .toLowerCase();
}

/** Link targets, escapes and emphasis marks out; each replace only where its characters are. */
function withoutMarkdown(md: string): string {
  let text = md.includes('](') ? md.replace(/\]\([^)]*\)/g, ']') : md;
  if (text.includes('\\')) text = text.replace(/\\(.)/g, '$1');
  return /[*_[\]]/.test(text) ? text.replace(/[*_[\]]/g, '') : text;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as a whole word or phrase ("afp", not inside "safpa"); compiled once per name. */
const namePatterns = new Map<string, RegExp>();
function firstMention(text: string, name: string): number | undefined {
  // The pattern matches the name as written, so a text without it needs no search.
  if (name.length < 3 || !text.includes(name)) return undefined;
  let pattern = namePatterns.get(name);
  if (!pattern) namePatterns.set(name, (pattern = new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(name)}(?![\\p{L}\\d])`, 'u')));
  const at = text.search(pattern);
  return at >= 0 ? at : undefined;
}

/**
 * One pattern for every name of a names map that firstMention looks for:
 * a story that holds none of them is read once, not once per name. Made
 * once per map (the data folder's names do not change during a run).
 */
const anyNamePatterns = new WeakMap<ReadonlyMap<string, string>, RegExp | null>();
function anyNamePattern(names: ReadonlyMap<string, string>): RegExp | null {
  let pattern = anyNamePatterns.get(names);
  if (pattern === undefined) {
    const searched = [...names].filter(([name, slug]) => slug && name.length >= 3).map(([name]) => escapeRegExp(name));
    anyNamePatterns.set(names, (pattern = searched.length ? new RegExp(searched.join('|')) : null));
  }
  return pattern;
}

/** Known source names (and aliases) the story mentions, with where each source first appears. */
function mentionedSources(names: ReadonlyMap<string, string>, text: string): Map<string, number> {
  const found = new Map<string, number>();
  if (!anyNamePattern(names)?.test(text)) return found;
  for (const [name, slug] of names) {
    const at = slug ? firstMention(text, name) : undefined;
    if (at !== undefined && (!found.has(slug) || (found.get(slug) as number) > at)) found.set(slug, at);
  }
  return found;
}

/** Why an item whose body was only pictures that could not be had is skipped. */
export const NOTHING_LEFT = 'nothing left to show once the pictures that could not be had are dropped (see the notes; --media DIR may have them)';

/** Text as one line: runs of whitespace (newlines too) one space. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Body blocks with every image made a file under the data folder; a block whose images are all gone goes too (said in the notes). */
export async function resolveBody(blocks: readonly BlockRecord[], media: MediaResolver, images: PlannedImage[], notes: string[]): Promise<BlockRecord[]> {
  const body: BlockRecord[] = [];
  for (const block of blocks) {
    let resolved: BlockRecord | undefined = block;
    const paths = blockImagePaths(block);
    if (paths.length) {
      const mapped = new Map<string, string | undefined>();
      for (const src of paths) mapped.set(src, await resolveImage(media, src, images, notes, `an image in body block ${body.length + 1}`));
      resolved = blockWithImagePaths(block, (src) => mapped.get(src));
    }
    if (resolved) body.push(resolved);
  }
  return body;
}

async function resolveImage(media: MediaResolver, src: string, images: PlannedImage[], notes: string[], what: string): Promise<string | undefined> {
  const result = await media.resolve(src);
  if (!result.ok) {
    notes.push(`dropped ${what}: ${src} ${result.reason}`);
    return undefined;
  }
  if (result.file && !images.some((i) => i.path === result.file?.path)) images.push(result.file);
  return result.path;
}

function isoOr(date: string | undefined, fallback: Date, notes: string[], field: string): string {
  if (date) {
    const parsed = new Date(date);
    if (!Number.isNaN(parsed.getTime())) return /[zZ]|[+-]\d\d:?\d\d$/.test(date) ? new Date(date).toISOString() : parsed.toISOString();
    notes.push(`${field} "${date}" is not a date: used the time of the import`);
  } else if (field === 'publishedAt') {
    notes.push('no publication date: dated at the time of the import');
  }
  return fallback.toISOString();
}

/** What an earlier import of the same item fixed, and a re-import keeps: its slug and, when the source gives no date, its date. */
export interface Previous {
  slug: string;
  publishedAt?: string;
}

export async function buildItem(
  draft: ArticleDraft,
  index: DataIndex,
  run: RunState,
  media: MediaResolver,
  options: BuildOptions,
  notes: string[],
  previous?: Previous,
): Promise<BuiltItem | { error: string } | { skip: string }> {
  const images: PlannedImage[] = [];
  // A headline is plain text, printed as it is; a standfirst is inline Markdown that pages print
  // as its plain text (docs/content.md): a reader's plain standfirst is escaped so "__init__" or
  // "C:\\temp" read as written, and a paragraph standing in is Markdown already.
  const headline = oneLine(draft.headline ?? '') || oneLine(draft.standfirst ?? '');
  if (!headline) return { error: 'no headline and no standfirst' };
  const standfirst = (draft.standfirst?.trim() && escapeMarkdown(oneLine(draft.standfirst))) || textOfFirstParagraph(draft.body)?.trim() || escapeMarkdown(headline);
  if (!draft.standfirst?.trim()) notes.push('no standfirst: the first paragraph stands in');

  const authors = draft.authors.filter((a) => a.name.trim()).map((a) => person(index, run, a, options, notes));
  if (authors.length === 0) {
    const desk = `${index.site?.name ?? 'News'} Desk`;
    authors.push(person(index, run, { name: desk }, options, []));
    notes.push(`no byline: credited to "${desk}"`);
  }
  const origin = draft.origin ? source(index, run, draft.origin, options, notes) : undefined;
  // Cited sources in the order the story first mentions them; ones it never names in its paragraphs
  // (an attribution closing the standfirst) keep the reader's order, first.
  const text = storyText(draft.body);
  const mentions = mentionedSources(index.sourceByName, text);
  const cited = new Map<string, { at: number; url?: string }>();
  draft.sources.forEach((s, i) => {
    const slug = source(index, run, s, options, notes);
    const at = firstMention(text, s.name.trim().toLowerCase()) ?? mentions.get(slug) ?? -draft.sources.length + i;
    if (!cited.has(slug)) cited.set(slug, { at, ...(s.citedUrl && { url: s.citedUrl }) });
  });
  for (const [slug, at] of mentions) if (!cited.has(slug)) cited.set(slug, { at });
  const sourceRefs = [...cited]
    .filter(([slug]) => slug !== origin)
    .sort(([, a], [, b]) => a.at - b.at)
    .map(([slug, c]) => (c.url ? { source: slug, url: c.url } : slug));

  const body = await resolveBody(draft.body, media, images, notes);
  // Not a broken item: its pictures could not be had (said in the notes); with them (--media) it imports.
  if (body.length === 0) return { skip: NOTHING_LEFT };

  let image: ArticleRecord['image'];
  if (draft.image) image = await mainImage(draft.image, media, images, notes);

  const section = slugify(options.section ?? draft.section ?? '') || index.site?.sections[0]?.slug || 'news';
  if (!options.section && !draft.section) notes.push(`no section: filed under "${section}"`);
  const tags = [...new Set(draft.tags.map((t) => slugify(t)).filter(Boolean))];
  const slug = previous?.slug ?? sourceSlugOr(draft.slug, headline, fallbackSlug('story', draft.sourceId), (s) => index.articles.has(s) || run.articleSlugs.has(s));
  const wanted = previous || !draft.slug ? '' : slugify(draft.slug);
  if (wanted && slug !== wanted && slug.startsWith(wanted)) notes.push(`slug "${wanted}" is taken: the article is ${slug}`);
  const publishedAt = !draft.publishedAt && previous?.publishedAt ? previous.publishedAt : isoOr(draft.publishedAt, options.now, notes, 'publishedAt');
  const updatedAt = draft.updatedAt ? isoOr(draft.updatedAt, options.now, notes, 'updatedAt') : undefined;
  const article = {
    slug,
    headline,
    standfirst,
    section,
    tags,
    authors: [...new Set(authors)],
    ...(origin && { origin }),
    sources: sourceRefs,
    publishedAt,
    ...(updatedAt && updatedAt > publishedAt && { updatedAt }),
    status: options.status ?? draft.status ?? 'draft',
    ...(draft.language && { language: draft.language }),
    ...(image && { image }),
    body,
    imported: imported(options.format, draft.sourceId),
  };
  const checked = articleSchema.safeParse(article);
  if (!checked.success) return { error: problemsFromZod(`articles/${slug}.json`, checked.error).map((p) => `${p.field}: ${p.message}`).join('; ') };
  const newAuthors = article.authors.map((a) => run.newAuthors.get(a)).filter((a): a is AuthorRecord => !!a);
  const newSources = [...(origin ? [origin] : []), ...sourceRefs.map((r) => (typeof r === 'string' ? r : r.source))].map((s) => run.newSources.get(s)).filter((s): s is SourceRecord => !!s);
  for (const record of newAuthors) if (!authorSchema.safeParse(record).success) return { error: `author "${record.name}" cannot be a record` };
  for (const record of newSources) if (!sourceSchema.safeParse(record).success) return { error: `source "${record.name}" cannot be a record` };
  return { article: checked.data, authors: newAuthors, sources: newSources, images, notes };
}

function textOfFirstParagraph(body: readonly BlockRecord[]): string | undefined {
  const first = body.find((b) => b.type === 'paragraph');
  return first && 'text' in first ? (first.text as string) : undefined;
}

async function mainImage(draft: ImageDraft, media: MediaResolver, images: PlannedImage[], notes: string[]): Promise<ArticleRecord['image']> {
  // Checked before the file is made: a picture that cannot be shown must leave no file behind.
  const alt = draft.alt?.trim() || draft.caption?.trim();
  if (!alt) {
    notes.push(`dropped the main image ${draft.src}: it has no alt text or caption to describe it`);
    return undefined;
  }
  const src = await resolveImage(media, draft.src, images, notes, 'the main image');
  if (!src) return undefined;
  if (!draft.alt?.trim()) notes.push('the main image has no alt text: its caption stands in');
  return { src, alt, ...(draft.caption?.trim() && { caption: draft.caption.trim() }), ...(draft.credit?.trim() && { credit: draft.credit.trim() }) };
}
