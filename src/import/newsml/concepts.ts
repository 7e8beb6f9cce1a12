/**
 * Reading NewsML-G2 concept properties: QCodes ("stat:usable") compared by
 * their code, so any scheme alias a provider's catalog uses works; role
 * lists; and the display name of a concept (its `name` in the item's
 * language, else its first, else its `literal`).
 */
import { attr, childrenNamed, type XmlElement } from './xml';
import { cleanText } from './text';

/** The code of a QCode ("ninat:text" → "text") or the last part of a concept URI, lower-case. */
export function conceptCode(qcode: string | undefined, uri?: string): string | undefined {
  if (qcode) return qcode.slice(qcode.indexOf(':') + 1).trim().toLowerCase() || undefined;
  if (uri) return uri.replace(/[/#]+$/, '').split(/[/#]/).pop()?.toLowerCase() || undefined;
  return undefined;
}

/** The code of an element's `qcode` (or `uri`). */
export function codeOf(element: XmlElement | undefined): string | undefined {
  return conceptCode(attr(element, 'qcode'), attr(element, 'uri'));
}

/** The codes of an element's `role` (a space-separated QCode list) and `roleuri`. */
export function roleCodes(element: XmlElement): string[] {
  const qcodes = (attr(element, 'role') ?? '').split(/\s+/).filter(Boolean);
  const uris = (attr(element, 'roleuri') ?? '').split(/\s+/).filter(Boolean);
  return [...qcodes.map((q) => conceptCode(q)), ...uris.map((u) => conceptCode(undefined, u))].filter((c): c is string => !!c);
}

function languageMatches(tag: string | undefined, language: string | undefined): boolean {
  if (!tag || !language) return false;
  const a = tag.toLowerCase();
  const b = language.toLowerCase();
  return a === b || a.split('-')[0] === b.split('-')[0];
}

/**
 * Among several elements of one kind (headlines, descriptions, names), the
 * ones in `language` first, keeping document order otherwise.
 */
export function byLanguage(candidates: XmlElement[], language: string | undefined): XmlElement[] {
  const matching = candidates.filter((c) => languageMatches(attr(c, 'xml:lang'), language));
  return [...matching, ...candidates.filter((c) => !matching.includes(c))];
}

/** A concept's name: a `name` child (full or unqualified names first, in the item's language), else `literal`. */
export function conceptName(concept: XmlElement, nar: string, language: string | undefined): string | undefined {
  const names = childrenNamed(concept, nar, 'name').filter((n) => !roleCodes(n).some((r) => r === 'disambiguation' || r === 'mnemonic'));
  const full = names.filter((n) => roleCodes(n).every((r) => r === 'full' || r === 'display'));
  for (const name of [...byLanguage(full, language), ...byLanguage(names, language)]) {
    const text = cleanText(textOfName(name)).text;
    if (text) return text;
  }
  const literal = attr(concept, 'literal');
  return literal ? cleanText(literal).text || undefined : undefined;
}

function textOfName(name: XmlElement): string {
  return name.children.map((child) => (child.kind === 'text' ? child.text : '')).join('');
}
