/**
 * IPTC ninjs ("News in JSON") 1.x, 2.x and 3.x → article drafts. The
 * versions spell the same things differently (IPTC's schemas and user guide,
 * "Differences between ninjs 1.x, 2.x and 3.x"): 1.x has `headline`,
 * `byline`, `body_<kind>` and `description_<kind>` strings, `person`,
 * `subject`, `infosource` arrays and `associations`/`renditions` objects
 * keyed by name; 2.x has `headlines`, `bodies`, `descriptions` arrays of
 * {role, contenttype, value}, `by`, `people`, `subjects`, `infosources`, and
 * `associations`/`renditions` arrays with a `name`; 3.x is 2.x in camelCase
 * (`contentType`, `versionCreated`, `pubStatus`, `infoSources`, `altIds`,
 * `embargoedUntil`). The reader accepts every spelling in every version, so
 * a file that mixes them, or a later version, still reads.
 *
 * A file holds one item, an array of items, or {"items": [...]}.
 *
 * Longer than our ~300-line rule on purpose: each field's three spellings
 * (1.x, 2.x, 3.x) are read in one place, next to each other, so a version
 * difference is seen once rather than spread over a module per version.
 */
import path from 'node:path';
import type { BlockRecord } from '../../blocks/registry';
import { plainInline } from '../../text/inline';
import type { ArticleDraft, ImageDraft, ImportItem, PersonDraft, SourceDraft, WholeFileFormat } from '../draft';
import { htmlToBlocks, htmlToText, imageSource, isNitf, nitfToBlocks, textToBlocks, type Converted } from '../html';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The first of a field's spellings (1.x/2.x lowercase, 3.x camelCase) that the object has. */
function field(item: Json, ...names: string[]): unknown {
  for (const name of names) if (item[name] !== undefined && item[name] !== null) return item[name];
  return undefined;
}

/** The last word of a role or relation, which may be a URI or a QCode ("http://cv.iptc.org/newscodes/…/author", "role:author"). */
const roleWord = (value: unknown): string => (str(value) ?? '').toLowerCase().split(/[/:#]/).filter(Boolean).pop() ?? '';

/** Item types that are stories; the rest (picture, graphic, audio, video, event, planning, component) are not text. */
const TEXT_TYPES = new Set(['text', 'composite']);
const NINJS_TYPES = new Set(['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component', 'event', 'planning']);

function itemsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isObject(data) && Array.isArray(data.items) && data.uri === undefined) return data.items;
  return [data];
}

const mentionsNinjs = (value: unknown): boolean => typeof value === 'string' && /ninjs/i.test(value);

function looksLikeNinjs(item: Json): boolean {
  const standard = field(item, 'standard', '$standard');
  if (mentionsNinjs(item.$schema) || (isObject(standard) && (mentionsNinjs(standard.name) || mentionsNinjs(standard.schema)))) return true;
  if (typeof item.uri !== 'string') return false;
  return (typeof item.type === 'string' && NINJS_TYPES.has(item.type)) || typeof item.version === 'string' || ['versioncreated', 'versionCreated', 'firstcreated', 'firstCreated', 'pubstatus', 'pubStatus'].some((key) => key in item);
}

/** The major version an item says it follows (standard/$standard/$schema), if it says. */
function declaredVersion(item: Json): number | undefined {
  const standard = field(item, 'standard', '$standard');
  const said = [isObject(standard) ? standard.version : undefined, isObject(standard) ? standard.schema : undefined, item.$schema].map(str).find(Boolean);
  const major = said && /(?:^|[_v-])(\d+)(?:\.\d+)*(?:\.json)?#?$/.exec(said)?.[1];
  return major ? Number(major) : undefined;
}

/**
 * The JSON the last sniff() parsed, for the read() that follows it (the
 * importer sniffs each file, then reads it): taken once, and only for the
 * very text it was parsed from.
 */
let sniffed: { json: string; data: unknown } | undefined;

function parseOnce(json: string): unknown {
  const last = sniffed;
  sniffed = undefined;
  return last && last.json === json ? last.data : JSON.parse(json);
}

export const ninjs: WholeFileFormat = {
  name: 'ninjs',
  description: 'IPTC ninjs 1.x, 2.x or 3.x (JSON): one item, an array of items, or {"items": [...]}',
  sniff(text) {
    sniffed = undefined;
    const trimmed = text.replace(/^\uFEFF/, '').trimStart();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
    try {
      const data: unknown = JSON.parse(trimmed);
      const first = itemsOf(data)[0];
      const yes = isObject(first) && looksLikeNinjs(first);
      if (yes) sniffed = { json: trimmed, data };
      return yes;
    } catch {
      return false;
    }
  },
  read(text, options) {
    let data: unknown;
    try {
      data = parseOnce(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new Error(`not JSON: ${(error as Error).message}`);
    }
    const items = itemsOf(data);
    const fallback = (index: number) => `${path.basename(options.file)}#${index + 1}`;
    return items.map((item, index): ImportItem => {
      if (!isObject(item)) return { kind: 'fail', sourceId: fallback(index), reason: 'not a ninjs object' };
      try {
        return readItem(item, fallback(index));
      } catch (error) {
        return { kind: 'fail', sourceId: str(item.uri) ?? fallback(index), reason: (error as Error).message };
      }
    });
  },
};

function sourceIdOf(item: Json, fallback: string, notes: string[]): string {
  const uri = str(item.uri);
  if (uri) return uri;
  const guid = str(item.guid);
  const altIds = field(item, 'altIds', 'altids', 'altid');
  // 1.x: an object of named ids; 2.x and 3.x: [{role, value}].
  const alt = guid ?? (Array.isArray(altIds) ? objects(altIds).map((id) => str(id.value)).find(Boolean) : isObject(altIds) ? Object.values(altIds).map(str).find(Boolean) : undefined);
  if (alt) {
    notes.push(`no uri: the item is known by its id "${alt}"`);
    return alt;
  }
  notes.push(`no uri or other id: the item is known as ${fallback}`);
  return fallback;
}

function readItem(item: Json, fallback: string): ImportItem {
  const notes: string[] = [];
  const sourceId = sourceIdOf(item, fallback, notes);
  // 3.x events and planning items may leave their type out; their details say what they are.
  const type = (str(item.type) ?? (isObject(item.eventDetails) ? 'event' : Array.isArray(item.plannedCoverage) ? 'planning' : 'text')).toLowerCase();
  if (!TEXT_TYPES.has(type)) return { kind: 'skip', sourceId, reason: `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type.slice(0, 40)} item, not text` };
  const pubStatus = str(field(item, 'pubStatus', 'pubstatus'))?.toLowerCase();
  // withheld: not to be published (yet); canceled: withdrawn by the provider. Either way nothing to publish.
  if (pubStatus === 'withheld' || pubStatus === 'canceled' || pubStatus === 'cancelled') return { kind: 'skip', sourceId, reason: `pubstatus ${pubStatus}`, withdrawn: true };
  const version = declaredVersion(item);
  if (version !== undefined && version > 3) notes.push(`ninjs ${version}.x is newer than this reader (1.x to 3.x): read with the 3.x field names`);

  const headline = headlineOf(item, notes);
  const body = bodyOf(item, type, notes);
  if (!body) {
    const partial = ['partial', 'incomplete'].includes((str(field(item, 'representationType', 'representationtype')) ?? '').toLowerCase());
    if (partial) return { kind: 'skip', sourceId, reason: 'a partial representation with no body' };
    return { kind: 'fail', sourceId, reason: 'no body: none of body_html, body_text, body_nitf or bodies has text' };
  }
  const blocks = withoutRepeatedHeadline(body.blocks, headline, notes);
  notes.push(...body.notes);
  const pictures = picturesOf(item, notes);
  const [image, ...more] = pictures;
  if (more.length) notes.push(`added ${more.length} more picture${more.length > 1 ? 's' : ''} of the item's associations at the end of the body`);
  const allBlocks = [...blocks, ...more.map((picture): BlockRecord => ({ type: 'image', src: picture.src, alt: picture.alt ?? 'Image', ...(picture.caption && { caption: picture.caption }), ...(picture.credit && { credit: picture.credit }) }))];
  if (!allBlocks.length) return { kind: 'fail', sourceId, reason: 'the body has no text once converted' };

  const { origin, sources } = sourcesOf(item);
  const dates = datesOf(item, notes);
  const language = languageOf(item, notes);
  const standfirst = standfirstOf(item);
  if (!standfirst) notes.push('no description: no standfirst');
  const draft: ArticleDraft = {
    sourceId,
    ...(headline && { headline }),
    ...(standfirst && { standfirst }),
    body: allBlocks,
    authors: authorsOf(item, notes),
    ...(origin && { origin }),
    sources,
    tags: tagsOf(item),
    ...dates,
    status: 'published',
    ...(language && { language }),
    ...(image && { image }),
  };
  return { kind: 'article', draft, notes };
}

/** A text field that may be given as HTML (by its content type), as one line of plain text. */
function textValue(entry: Json): string | undefined {
  const value = str(entry.value);
  if (!value) return undefined;
  const type = (str(field(entry, 'contentType', 'contenttype')) ?? '').toLowerCase();
  return oneLine(type.includes('html') ? htmlToText(value) : value) || undefined;
}

/** 2.x/3.x arrays of {role, value}: the entry with one of the roles (in order), else the first without a role, else the first. */
function byRole(entries: Json[], roles: string[]): Json | undefined {
  for (const role of roles) {
    const found = entries.find((entry) => roleWord(entry.role) === role);
    if (found) return found;
  }
  return entries.find((entry) => !str(entry.role)) ?? entries[0];
}

/** 1.x pattern properties (headline_main, description_text, body_html…): [suffix, value] in the item's order. */
function suffixed(item: Json, prefix: string): [string, string][] {
  const found: [string, string][] = [];
  for (const key of Object.keys(item)) {
    const value = key.startsWith(prefix) ? str(item[key]) : undefined;
    if (value) found.push([key.slice(prefix.length).toLowerCase(), value]);
  }
  return found;
}

function headlineOf(item: Json, notes: string[]): string | undefined {
  const single = str(item.headline);
  if (single) return oneLine(single);
  const entry = byRole(objects(item.headlines), ['main', 'headline']);
  const fromArray = entry && textValue(entry);
  if (fromArray) return fromArray;
  const extra = suffixed(item, 'headline_');
  const main = extra.find(([suffix]) => suffix === 'main') ?? extra[0];
  if (main) return oneLine(/html/.test(main[0]) ? htmlToText(main[1]) : main[1]);
  const title = str(item.title);
  if (title) {
    notes.push('no headline: the item title is the headline');
    return oneLine(title);
  }
  return undefined;
}

function standfirstOf(item: Json): string | undefined {
  const entries = objects(item.descriptions);
  if (entries.length) {
    const plain = entries.find((entry) => !/html/i.test(str(field(entry, 'contentType', 'contenttype')) ?? ''));
    return textValue(plain ?? (entries[0] as Json));
  }
  const described = suffixed(item, 'description_');
  const text = described.find(([suffix]) => suffix === 'text' || suffix === 'plain') ?? described.find(([suffix]) => !/html|rich/.test(suffix));
  if (text) return oneLine(text[1]) || undefined;
  const html = described[0];
  return html ? oneLine(htmlToText(html[1])) || undefined : undefined;
}

type BodyKind = 'html' | 'nitf' | 'text' | 'other';
const PREFERENCE: BodyKind[] = ['html', 'nitf', 'text'];

/**
 * What kind of body a value is: by its content type ("text/html",
 * "application/nitf+xml", "text/vnd.IPTC.NITF", "text/plain"), else by its role
 * or 1.x name ("html", "richtext", "nitf", "text"), else by its markup.
 * XML that is not NITF (a provider's own format) is "other", left out.
 */
function bodyKind(contentType: string, name: string, value: string): BodyKind {
  const type = contentType.toLowerCase();
  const role = name.toLowerCase();
  const markup = value.trimStart().startsWith('<');
  if (type.includes('nitf')) return 'nitf';
  if (type.includes('html')) return 'html';
  if (type.startsWith('text/plain')) return 'text';
  if (type.includes('xml') || /nitf|xml/.test(role)) return markup && isNitf(value) ? 'nitf' : 'other';
  if (/html|rich/.test(role)) return 'html';
  if (!markup) return 'text';
  if (type) return 'other';
  return isNitf(value) ? 'nitf' : 'html';
}

function bodyOf(item: Json, type: string, notes: string[]): Converted | undefined {
  const candidates: { kind: BodyKind; value: string }[] = [];
  for (const entry of objects(item.bodies)) {
    const value = str(entry.value);
    if (value) candidates.push({ kind: bodyKind(str(field(entry, 'contentType', 'contenttype')) ?? '', str(entry.role) ?? '', value), value });
  }
  for (const [suffix, value] of suffixed(item, 'body_')) candidates.push({ kind: bodyKind('', suffix, value), value });
  if (candidates.some((candidate) => candidate.kind === 'other')) notes.push('a body in a format that is neither HTML, NITF nor plain text was left out');
  for (const kind of PREFERENCE) {
    const found = candidates.find((candidate) => candidate.kind === kind);
    if (!found) continue;
    const converted = kind === 'html' ? htmlToBlocks(found.value) : kind === 'nitf' ? nitfToBlocks(found.value) : textToBlocks(found.value);
    if (converted.blocks.length) return converted;
  }
  if (type === 'composite') {
    // A composite may carry its story as a text association.
    const story = associationsOf(item).find((association) => str(association.type)?.toLowerCase() === 'text');
    const body = story && bodyOf(story, 'text', notes);
    if (body) {
      notes.push('the body is the composite item\'s text association');
      return body;
    }
  }
  return undefined;
}

/**
 * How many characters of inline Markdown surely stay in its plain text
 * (plainInline): the ASCII letters and digits before the first link target,
 * which no Markdown rule removes, trims or changes in letter case.
 */
function surelyKept(md: string): number {
  const targetAt = md.indexOf('](');
  const end = targetAt >= 0 ? targetAt : md.length;
  let count = 0;
  for (let i = 0; i < end; i++) {
    const c = md.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) count++;
  }
  return count;
}

function withoutRepeatedHeadline(blocks: BlockRecord[], headline: string | undefined, notes: string[]): BlockRecord[] {
  const first = blocks[0];
  if (!headline || !first || (first.type !== 'heading' && first.type !== 'paragraph')) return blocks;
  // A paragraph longer than the headline cannot repeat it: no Markdown parse needed to say so.
  const lowerHeadline = headline.toLowerCase();
  if (surelyKept(first.text) > lowerHeadline.length) return blocks;
  if (plainInline(first.text).trim().toLowerCase() !== lowerHeadline) return blocks;
  notes.push('dropped the body\'s first line, which repeats the headline');
  return blocks.slice(1);
}

const AUTHOR_RELS = new Set(['author', 'creator', 'writer', 'reporter', 'correspondent', 'byline', 'by', 'journalist', 'contributor']);
const JOB_TITLE = /\b(?:staff|reporter|correspondent|editor|writer|journalist|columnist|contributor|analyst|photographer|redakt\w*|korrespondent\w*)\b/i;

/**
 * The people of a byline: "By A and B" → A, B; "Von A, dpa" → A (with "dpa"
 * an agency); "A, Political Correspondent" → A with that role; "Name/Agency"
 * → Name. A byline of agencies only ("NTB") is its own author.
 */
export function bylinePeople(byline: string, notes: string[] = []): PersonDraft[] {
  const text = oneLine(byline).replace(/^(?:by|von|av|af|par|por|door)\s+/i, '');
  const parts = text.split(/\s*(?:,\s*(?:and|und|och|og|et|y|e)\s|[,;]|\s&\s|\s(?:and|und|och|og|et|y|e)\s)\s*/i).map((part) => part.replace(/^\(|\)$/g, '').trim()).filter(Boolean);
  const people: PersonDraft[] = [];
  const agencies: string[] = [];
  for (const part of parts) {
    const [name = part, agency] = part.split(/\s*\/\s*/);
    if (agency) agencies.push(agency);
    const previous = people[people.length - 1];
    if (previous && !previous.role && JOB_TITLE.test(name)) previous.role = name;
    else if (!/\s/.test(name) && name.length <= 8 && parts.length > 1) agencies.push(name);
    else people.push({ name });
  }
  if (!people.length) return agencies.map((name) => ({ name }));
  for (const agency of new Set(agencies)) notes.push(`read "${agency}" in the byline as an agency, not an author`);
  return people;
}

/** The authors: the byline's people in its order, then people the item names as authors (rel "author", "creator", "contributor"…). */
function authorsOf(item: Json, notes: string[]): PersonDraft[] {
  const authors: PersonDraft[] = [];
  const add = (person: PersonDraft) => {
    const known = authors.find((author) => author.name.toLowerCase() === person.name.toLowerCase());
    if (!known) authors.push(person);
    else if (!known.role && person.role) known.role = person.role;
  };
  const byline = str(field(item, 'by', 'byline'));
  if (byline) bylinePeople(byline, notes).forEach(add);
  for (const person of objects(field(item, 'people', 'person'))) {
    const name = str(person.name);
    if (name && AUTHOR_RELS.has(roleWord(person.rel))) add({ name: oneLine(name) });
  }
  if (!authors.length) {
    const holder = str(field(item, 'copyrightHolder', 'copyrightholder'));
    if (holder) {
      notes.push(`no byline: the copyright holder ${holder} is the author`);
      add({ name: oneLine(holder) });
    } else notes.push('no byline and no copyright holder: no author');
  }
  return authors;
}

function tagsOf(item: Json): string[] {
  const tags: string[] = [];
  for (const subject of objects(field(item, 'subjects', 'subject'))) {
    const name = str(subject.name);
    if (name && !tags.some((tag) => tag.toLowerCase() === name.toLowerCase())) tags.push(oneLine(name));
  }
  return tags;
}

/** Roles of an info source that made the content (IPTC's info source roles: "originfeed"), as against one it cites. */
const ORIGIN_ROLES = new Set(['originfeed', 'origin', 'originator', 'originalsource', 'adaptedfrom']);

function sourcesOf(item: Json): { origin?: SourceDraft; sources: SourceDraft[] } {
  let origin: SourceDraft | undefined;
  const sources: SourceDraft[] = [];
  for (const entry of objects(field(item, 'infoSources', 'infosources', 'infosource'))) {
    const name = str(entry.name);
    if (!name) continue;
    const web = objects(field(entry, 'contactInfo', 'contactinfo')).find((info) => /^(?:web|url|website)$/i.test(str(info.type) ?? '') && /^https?:\/\//i.test(str(info.value) ?? ''));
    const source: SourceDraft = { name: oneLine(name), ...(web && { url: str(web.value) as string }) };
    const known = (other: SourceDraft | undefined) => other?.name.toLowerCase() === source.name.toLowerCase();
    if (known(origin) || sources.some(known)) continue;
    if (!origin && ORIGIN_ROLES.has(roleWord(field(entry, 'role', 'rel')))) origin = source;
    else sources.push(source);
  }
  return { ...(origin && { origin }), sources };
}

function associationsOf(item: Json): Json[] {
  const associations = item.associations;
  // 1.x: an object of associations keyed by name; 2.x and 3.x: an array, each with its name.
  if (isObject(associations)) return Object.entries(associations).flatMap(([name, value]) => (isObject(value) ? [{ name, ...value }] : []));
  return objects(associations);
}

interface Rendition {
  href: string;
  type: string;
  area: number;
  bytes: number;
}

function renditionsOf(item: Json): Rendition[] {
  const raw = item.renditions;
  const list = isObject(raw) ? Object.values(raw).filter(isObject) : objects(raw);
  return list.flatMap((rendition) => {
    const href = str(rendition.href);
    if (!href) return [];
    const number = (...names: string[]) => Number(field(rendition, ...names)) || 0;
    return [{ href, type: (str(field(rendition, 'contentType', 'contenttype', 'mimetype')) ?? '').toLowerCase(), area: number('width') * number('height'), bytes: number('sizeInBytes', 'sizeinbytes') }];
  });
}

const IMAGE_FILE = /\.(?:jpe?g|png|webp|avif|gif)(?:[?#].*)?$/i;
/** The image types a page can show (the data contract's image files); a TIFF or RAW master is not one. */
const WEB_IMAGE = /^image\/(?:jpeg|jpg|pjpeg|png|webp|avif|gif)\b/;

const largest = (renditions: Rendition[]): Rendition | undefined =>
  renditions.reduce<Rendition | undefined>((best, rendition) => (!best || rendition.area > best.area || (rendition.area === best.area && rendition.bytes > best.bytes) ? rendition : best), undefined);

/**
 * The largest rendition a page can show: of a web image type, else of no
 * stated type but an image file name, else of any image type (noted).
 */
function bestImage(renditions: Rendition[], label: string, notes: string[]): Rendition | undefined {
  const web = largest(renditions.filter((rendition) => WEB_IMAGE.test(rendition.type) || (!rendition.type && IMAGE_FILE.test(rendition.href))));
  if (web) return web;
  const other = largest(renditions.filter((rendition) => rendition.type.startsWith('image/')));
  if (other) notes.push(`the picture "${label}" has no rendition in a web image type: took its ${other.type}`);
  return other;
}

function picturesOf(item: Json, notes: string[]): ImageDraft[] {
  const pictures: ImageDraft[] = [];
  for (const association of associationsOf(item)) {
    const type = str(association.type)?.toLowerCase();
    if (type !== 'picture' && type !== 'graphic') continue;
    const label = str(association.name) ?? str(association.uri) ?? 'a picture';
    const rendition = bestImage(renditionsOf(association), label, notes);
    if (!rendition) {
      notes.push(`the picture "${label}" has no image rendition: left out`);
      continue;
    }
    const source = imageSource(rendition.href);
    if ('reason' in source) {
      notes.push(`the picture "${label}" is ${source.reason}: left out`);
      continue;
    }
    const caption = standfirstOf(association) ?? headlineOf(association, []);
    const by = str(field(association, 'by', 'byline')) ?? str(field(association, 'copyrightHolder', 'copyrightholder'));
    // The data contract shows credits as written, kind included; the item says what kind of picture it is.
    const credit = by && (/^(?:photo|foto|picture|graphic|illustration|image|bild)s?\b|©/i.test(by) ? oneLine(by) : `${type === 'graphic' ? 'Graphic' : 'Photo'}: ${oneLine(by)}`);
    // Alt text is required: the picture's headline, else its description, else a word (noted).
    let alt = headlineOf(association, []) ?? caption;
    if (!alt) {
      notes.push(`the picture "${label}" has no headline or description: its alt text is "Image"`);
      alt = 'Image';
    }
    pictures.push({ src: source.src, alt, ...(caption && { caption }), ...(credit && { credit }) });
  }
  return pictures;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date-time as ISO 8601 in UTC; a time without a zone is read as UTC and a date alone as its midnight UTC (noted). */
function isoDate(value: unknown, label: string, notes: string[]): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  const match = DATE.exec(text);
  if (!match) {
    notes.push(`${label} "${text.slice(0, 40)}" is not an ISO date: left out`);
    return undefined;
  }
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  if (!hour) notes.push(`${label} ${text} has no time: read as midnight UTC`);
  else if (!zone) notes.push(`${label} ${text} has no time zone: read as UTC`);
  const offset = !zone || /^z$/i.test(zone) ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${year}-${month}-${day}T${hour ?? '00'}:${minute ?? '00'}:${second}${fraction}${offset}`);
  // Date would roll 31 February over into March; a day past its month's end is not a date.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number.isNaN(date.getTime()) || Number(day) > daysInMonth) {
    notes.push(`${label} "${text}" is not a real date: left out`);
    return undefined;
  }
  return date.toISOString().replace('.000Z', 'Z');
}

function datesOf(item: Json, notes: string[]): { publishedAt?: string; updatedAt?: string } {
  const first = isoDate(field(item, 'firstCreated', 'firstcreated'), 'firstcreated', notes);
  const version = isoDate(field(item, 'versionCreated', 'versioncreated'), 'versioncreated', notes);
  const embargo = isoDate(field(item, 'embargoedUntil', 'embargoed'), 'embargoed', notes);
  let publishedAt = first ?? version;
  let updatedAt = first && version && version > first ? version : undefined;
  if (embargo && (!publishedAt || embargo > publishedAt)) {
    notes.push(`embargoed until ${embargo}: that is its publication time`);
    publishedAt = embargo;
    if (updatedAt && updatedAt <= embargo) updatedAt = undefined;
  }
  if (!publishedAt) notes.push('no firstcreated, versioncreated or embargo date: no publication time');
  return { ...(publishedAt && { publishedAt }), ...(updatedAt && { updatedAt }) };
}

function languageOf(item: Json, notes: string[]): string | undefined {
  const raw = str(item.language);
  if (!raw) return undefined;
  // BCP 47's usual case: language lowercase, script titlecase, region uppercase ("nb_no" → "nb-NO").
  const [primary = '', ...rest] = raw.replace(/_/g, '-').split('-');
  const subtag = (part: string) => (/^[a-z]{2}$/i.test(part) ? part.toUpperCase() : /^[a-z]{4}$/i.test(part) ? part[0]?.toUpperCase() + part.slice(1).toLowerCase() : part);
  const tag = [primary.toLowerCase(), ...rest.map(subtag)].join('-');
  if (/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag)) return tag;
  notes.push(`language "${raw.slice(0, 40)}" is not a language tag: left out`);
  return undefined;
}
