/**
 * contentMeta of a NewsML-G2 news item in our terms: headline, standfirst,
 * authors, tags, the origin and cited sources, and the language.
 */
import type { PersonDraft, SourceDraft } from '../draft';
import { byLanguage, conceptName, roleCodes } from './concepts';
import { cleanText, plainText, splitByline } from './text';
import { attr, childNamed, childrenNamed, type XmlElement } from './xml';

const SUMMARY_ROLES = new Set(['summary', 'abstract', 'synthesis', 'synthe', 'lead', 'teaser']);
const SUBHEADLINE_ROLES = new Set(['subheadline', 'subhead', 'sub', 'subtitle', 'deck', 'kicker']);
const AUTHOR_ROLES = /^(?:author|co-?author|writer|staff-?writer|reporter|correspondent|journalist|columnist)$/;
const ORIGIN_ROLES = new Set(['origin', 'originfeed', 'originator', 'originsource']);

export interface MetaContext {
  nar: string;
  language: string | undefined;
  notes: string[];
}

/** headline: the one with a "main" role, else one without a role, else the first (in the item's language first). */
export function headlineOf(contentMeta: XmlElement | undefined, ctx: MetaContext): string | undefined {
  const all = byLanguage(childrenNamed(contentMeta, ctx.nar, 'headline'), ctx.language);
  const pick =
    all.find((h) => roleCodes(h).includes('main')) ??
    all.find((h) => roleCodes(h).length === 0) ??
    all.find((h) => !roleCodes(h).some((r) => SUBHEADLINE_ROLES.has(r)));
  return plainText(pick, 'headline', ctx.notes);
}

/** A headline whose role makes it a sub-headline, a standfirst when the item has no description. */
export function subheadlineOf(contentMeta: XmlElement | undefined, ctx: MetaContext): string | undefined {
  const all = byLanguage(childrenNamed(contentMeta, ctx.nar, 'headline'), ctx.language);
  return plainText(all.find((h) => roleCodes(h).some((r) => SUBHEADLINE_ROLES.has(r))), 'sub-headline', ctx.notes);
}

/**
 * standfirst: a description with a summary or abstract role, else one
 * without a role, else the first that is not a picture caption or a video
 * shot list (in the item's language first).
 */
export function descriptionOf(contentMeta: XmlElement | undefined, ctx: MetaContext): string | undefined {
  const all = byLanguage(childrenNamed(contentMeta, ctx.nar, 'description'), ctx.language);
  const pick =
    all.find((d) => roleCodes(d).some((r) => SUMMARY_ROLES.has(r))) ??
    all.find((d) => roleCodes(d).length === 0) ??
    all.find((d) => !roleCodes(d).some((r) => /caption|shotlist|dopesheet|script/.test(r)));
  return plainText(pick, 'description', ctx.notes);
}

/**
 * Authors: every creator with a name (its `name`, else its `literal`); then
 * contributors whose role says they wrote (author, writer, reporter…); when
 * there is neither, the `by` lines split into names. Names that are the
 * item's sources ("By Ann Lee, Reuters") are left out.
 */
export function authorsOf(contentMeta: XmlElement | undefined, ctx: MetaContext, sourceNames: readonly string[]): PersonDraft[] {
  const people: PersonDraft[] = [];
  const add = (name: string | undefined, role?: string) => {
    if (!name) return;
    if (sourceNames.some((s) => s.toLowerCase() === name.toLowerCase())) {
      ctx.notes.push(`"${name}" in the byline is a source, not a person: left out of the authors`);
      return;
    }
    if (name.length > 80) {
      ctx.notes.push(`an author name of ${name.length} characters is not a name: left out`);
      return;
    }
    if (!people.some((p) => p.name.toLowerCase() === name.toLowerCase())) people.push(role ? { name, role } : { name });
  };
  for (const creator of childrenNamed(contentMeta, ctx.nar, 'creator')) {
    const name = conceptName(creator, ctx.nar, ctx.language);
    if (name) add(name);
    else ctx.notes.push(`a creator without a name (${attr(creator, 'qcode') ?? attr(creator, 'uri') ?? 'no code'}) is not in the byline`);
  }
  for (const contributor of childrenNamed(contentMeta, ctx.nar, 'contributor')) {
    const name = conceptName(contributor, ctx.nar, ctx.language);
    if (!name) continue;
    if (roleCodes(contributor).some((r) => AUTHOR_ROLES.test(r))) add(name);
    else ctx.notes.push(`contributor "${name}" is not in the byline (role: ${roleCodes(contributor).join(' ') || 'none'})`);
  }
  if (people.length === 0) {
    for (const by of childrenNamed(contentMeta, ctx.nar, 'by')) for (const name of splitByline(plainText(by, 'byline', ctx.notes) ?? '')) add(name);
  }
  return people;
}

/** Tags: the names of `subject`s (a subject with only a code and no name is left out). */
export function tagsOf(contentMeta: XmlElement | undefined, ctx: MetaContext): string[] {
  const tags: string[] = [];
  let unnamed = 0;
  for (const subject of childrenNamed(contentMeta, ctx.nar, 'subject')) {
    const names = childrenNamed(subject, ctx.nar, 'name');
    const name = names.length ? conceptName(subject, ctx.nar, ctx.language) : undefined;
    if (!name) unnamed++;
    else if (!tags.some((t) => t.toLowerCase() === name.toLowerCase())) tags.push(name);
  }
  if (unnamed) ctx.notes.push(`${unnamed} subject${unnamed === 1 ? '' : 's'} with a code and no name left out of the tags`);
  return tags;
}

function sourceDraft(party: XmlElement, ctx: MetaContext): SourceDraft | undefined {
  const name = conceptName(party, ctx.nar, ctx.language);
  if (!name) return undefined;
  const uri = attr(party, 'uri');
  const web = childNamed(childNamed(childNamed(party, ctx.nar, 'organisationDetails'), ctx.nar, 'contactInfo'), ctx.nar, 'web');
  const site = [uri, web && cleanText(web.children.map((c) => (c.kind === 'text' ? c.text : '')).join('')).text].find((u) => u && /^https?:\/\/[^\s]+$/i.test(u));
  return site ? { name, url: site } : { name };
}

/**
 * infoSource: one whose role is origin ("infosrcrole:origin",
 * "originfeed") is the origin, the others are cited sources; without an
 * origin infoSource, the item's provider (when it has a name) is the origin.
 */
export function sourcesOf(itemMeta: XmlElement | undefined, contentMeta: XmlElement | undefined, ctx: MetaContext): { origin?: SourceDraft; sources: SourceDraft[] } {
  let origin: SourceDraft | undefined;
  const sources: SourceDraft[] = [];
  for (const info of childrenNamed(contentMeta, ctx.nar, 'infoSource')) {
    const draft = sourceDraft(info, ctx);
    if (!draft) {
      ctx.notes.push(`an infoSource without a name (${attr(info, 'qcode') ?? attr(info, 'uri') ?? 'no code'}) left out`);
      continue;
    }
    if (!origin && roleCodes(info).some((r) => ORIGIN_ROLES.has(r))) origin = draft;
    else if (!sources.some((s) => s.name.toLowerCase() === draft.name.toLowerCase()) && draft.name.toLowerCase() !== origin?.name.toLowerCase()) sources.push(draft);
  }
  if (!origin) {
    const provider = childNamed(itemMeta, ctx.nar, 'provider');
    const draft = provider && sourceDraft(provider, ctx);
    if (draft) {
      origin = draft;
      ctx.notes.push(`origin "${draft.name}" is the item's provider`);
    }
  }
  return origin ? { origin, sources: sources.filter((s) => s.name.toLowerCase() !== origin?.name.toLowerCase()) } : { sources };
}

/** A language tag as the contract writes it ("EN-gb" → "en-gb"), or undefined when it is not one. */
export function languageTag(raw: string | undefined): string | undefined {
  const tag = raw?.trim();
  if (!tag) return undefined;
  const [primary = '', ...rest] = tag.split('-');
  const normal = [primary.toLowerCase(), ...rest].join('-');
  return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(normal) ? normal : undefined;
}

/** contentMeta/language/@tag, else @xml:lang of the item (or of what wraps it). */
export function languageOf(contentMeta: XmlElement | undefined, itemLang: string | undefined, ctx: Omit<MetaContext, 'language'>): string | undefined {
  const tags = childrenNamed(contentMeta, ctx.nar, 'language').map((l) => attr(l, 'tag'));
  if (tags.length > 1) ctx.notes.push(`the item names ${tags.length} languages: the first, ${tags[0]}, is the article's`);
  for (const raw of [...tags, itemLang]) {
    const tag = languageTag(raw);
    if (tag) return tag;
    if (raw) ctx.notes.push(`"${raw.slice(0, 20)}" is not a language tag: left out`);
  }
  return undefined;
}
