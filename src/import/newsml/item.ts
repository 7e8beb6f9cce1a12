/**
 * One NewsML-G2 news item as an ImportItem: a text item becomes an article
 * draft; an item of another class (picture, video, audio, graphic, a
 * composite without text) or a withheld or canceled one is skipped with the
 * reason; an item we cannot read fails with the reason.
 */
import type { ArticleDraft, ImageDraft, ImportItem } from '../draft';
import { bodyOf } from './body';
import { codeOf } from './concepts';
import { isLater, isoDateTime } from './dates';
import { authorsOf, descriptionOf, headlineOf, languageOf, sourcesOf, subheadlineOf, tagsOf, type MetaContext } from './meta';
import { mainImage } from './picture';
import { cleanText, plainText } from './text';
import { attr, childNamed, elements, type XmlElement } from './xml';

export interface ItemContext {
  nar: string;
  /** xml:lang of what wraps the item (a newsMessage), if any. */
  inheritedLang?: string;
  /** Picture items of the same file by guid, for a text item's main image. */
  pictures: ReadonlyMap<string, ImageDraft>;
}

/** The class of an item as a word: "text", "picture", … or undefined when it names none. */
export function itemClassOf(item: XmlElement, nar: string): string | undefined {
  const itemClass = childNamed(childNamed(item, nar, 'itemMeta'), nar, 'itemClass');
  return codeOf(itemClass);
}

/** The skip reason of an item that is not text: "a picture item, not text", "an audio item, not text". */
export function notText(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} item, not text`;
}

function hasInlineText(item: XmlElement, nar: string): boolean {
  const contentSet = childNamed(item, nar, 'contentSet');
  return !!contentSet && elements(contentSet).some((r) => r.ns === nar && (r.name === 'inlineXML' || r.name === 'inlineData'));
}

/** Status and dates from itemMeta: pubStatus, firstCreated, versionCreated and embargoed. */
function lifecycle(itemMeta: XmlElement | undefined, nar: string, notes: string[]): Pick<ArticleDraft, 'status' | 'publishedAt' | 'updatedAt'> | { skip: string } {
  const pubStatus = childNamed(itemMeta, nar, 'pubStatus');
  const status = codeOf(pubStatus) ?? 'usable';
  if (status === 'withheld') return { skip: 'pubStatus withheld' };
  if (status === 'canceled' || status === 'cancelled') return { skip: 'pubStatus canceled' };
  const out: Pick<ArticleDraft, 'status' | 'publishedAt' | 'updatedAt'> = { status: 'published' };
  if (status !== 'usable') {
    out.status = 'draft';
    notes.push(`pubStatus "${attr(pubStatus, 'qcode') ?? attr(pubStatus, 'uri')}" is not one we know: imported as a draft`);
  }
  const text = (name: string) => {
    const element = childNamed(itemMeta, nar, name);
    return element && element.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
  };
  const versionCreated = isoDateTime(text('versionCreated'), 'versionCreated', notes);
  const firstCreated = isoDateTime(text('firstCreated'), 'firstCreated', notes);
  const embargoText = text('embargoed');
  let publishedAt = firstCreated ?? versionCreated;
  if (embargoText !== undefined && embargoText.trim() === '') {
    out.status = 'draft';
    notes.push('embargoed with no date (until further notice): imported as a draft');
  } else {
    const embargoed = isoDateTime(embargoText, 'embargoed', notes);
    if (embargoed && (!publishedAt || isLater(embargoed, publishedAt))) {
      publishedAt = embargoed;
      notes.push(`embargoed until ${embargoed}: that is the publication time`);
    }
  }
  if (!publishedAt) notes.push('itemMeta has no date the article could be published at');
  if (publishedAt) out.publishedAt = publishedAt;
  if (versionCreated && publishedAt && isLater(versionCreated, publishedAt)) out.updatedAt = versionCreated;
  return out;
}

/** Reads one newsItem. */
export function readNewsItem(item: XmlElement, ctx: ItemContext): ImportItem {
  const { nar } = ctx;
  const guid = attr(item, 'guid');
  if (!guid) return { kind: 'fail', sourceId: '(no guid)', reason: 'the newsItem has no guid, which NewsML-G2 requires' };
  const sourceId = cleanText(guid).text;
  const notes: string[] = [];
  const itemClass = itemClassOf(item, nar);
  if (itemClass === 'composite' && !hasInlineText(item, nar)) return { kind: 'skip', sourceId, reason: notText('composite') };
  if (itemClass && itemClass !== 'text' && itemClass !== 'composite') return { kind: 'skip', sourceId, reason: notText(itemClass) };
  if (!itemClass) notes.push('the item names no itemClass: read as text');
  if (itemClass === 'composite') notes.push('a composite item: only its text is imported');

  const itemMeta = childNamed(item, nar, 'itemMeta');
  const contentMeta = childNamed(item, nar, 'contentMeta');
  const life = lifecycle(itemMeta, nar, notes);
  if ('skip' in life) return { kind: 'skip', sourceId, reason: life.skip, withdrawn: true };

  const language = languageOf(contentMeta, attr(item, 'xml:lang') ?? ctx.inheritedLang, { nar, notes });
  const meta: MetaContext = { nar, language, notes };
  const before = notes.length;
  const body = bodyOf(childNamed(item, nar, 'contentSet'), nar, notes);
  if (!body) {
    const why = notes.slice(before);
    return { kind: 'fail', sourceId, reason: `no text body: the contentSet has no XHTML, NITF or plain-text rendition with any text${why.length ? ` (${why.join('; ')})` : ''}` };
  }

  const headline = headlineOf(contentMeta, meta) ?? body.head.headline ?? plainText(childNamed(itemMeta, nar, 'title'), 'item title', notes);
  const standfirst = descriptionOf(contentMeta, meta) ?? subheadlineOf(contentMeta, meta) ?? body.head.abstract ?? body.head.subheadline;
  const { origin, sources } = sourcesOf(itemMeta, contentMeta, meta);
  const sourceNames = [origin, ...sources].filter((s) => s !== undefined).map((s) => s.name);
  let authors = authorsOf(contentMeta, meta, sourceNames);
  if (!authors.length && body.head.byline) {
    const { names, role } = body.head.byline;
    authors = names.map((name) => (role && names.length === 1 ? { name, role } : { name }));
  }
  if (!authors.length) notes.push('the item names no author');
  if (!standfirst) notes.push('the item has no description to be the standfirst');

  const draft: ArticleDraft = { sourceId, body: body.blocks, authors, sources, tags: tagsOf(contentMeta, meta), ...lifeFields(life) };
  if (headline) draft.headline = headline;
  else notes.push('the item has no headline');
  if (standfirst) draft.standfirst = standfirst;
  if (origin) draft.origin = origin;
  if (language) draft.language = language;
  const image = mainImage(item, nar, ctx.pictures, notes);
  if (image) draft.image = image;
  return { kind: 'article', draft, notes };
}

function lifeFields(life: Pick<ArticleDraft, 'status' | 'publishedAt' | 'updatedAt'>): Pick<ArticleDraft, 'status' | 'publishedAt' | 'updatedAt'> {
  return Object.fromEntries(Object.entries(life).filter(([, value]) => value !== undefined));
}
