/**
 * Outlets and bodies a story's own words cite: "reports Meduza", "AFP
 * reported", "told the TASS agency", "according to state news agency
 * Kazinform", "the WarTranslated website". Only these cues count, never a
 * bare "said" (that is people, not sources). Names already known as source
 * records are also found by name in src/import/records.ts.
 */

/** A name: capitalised words, joined by small words ("Institute for the Study of War"). */
const NAME = String.raw`((?:\p{Lu}[\p{L}\d&'’.-]*|\p{Lu}{2,}[\w-]*)(?:\s+(?:(?:of|for|the|and|de|du|al|el|la)\s+)*(?:\p{Lu}[\p{L}\d&'’.-]*))*)`;
/** Words that may stand between a cue and the name: "according to the specialized organization OVD-Info". */
const FILLER = String.raw`(?:(?:the|a|an|state|specialized|specialised|official|independent|national|news|wire|press|agency|organization|organisation|newspaper|daily|weekly|broadcaster|outlet|website|channel|magazine|service|radio|television|tv|human|rights|group|monitor|monitoring|private|public|port|city|local|regional|federal|authority|council|government|police)\s+){0,5}`;

const CUES: readonly RegExp[] = [
  new RegExp(String.raw`\b[Aa]ccording to\s+${FILLER}${NAME}`, 'gu'),
  new RegExp(String.raw`\breport(?:s|ed)(?: by)?\s+${FILLER}${NAME}`, 'gu'),
  new RegExp(String.raw`${NAME}\s+(?:has |had )?report(?:s|ed)\b`, 'gu'),
  new RegExp(String.raw`\btold\s+(?:the\s+)?${NAME}`, 'gu'),
  new RegExp(String.raw`\b(?:news )?agency\s+${NAME}`, 'gu'),
  new RegExp(String.raw`\bthe\s+${NAME}\s+(?:news agency|agency|website|newspaper|broadcaster|daily)\b`, 'gu'),
];

/** Words that start a sentence or name a person's title, never an outlet on their own. */
const NOT_SOURCES = new Set(['The', 'A', 'An', 'He', 'She', 'They', 'It', 'We', 'I', 'This', 'That', 'President', 'Minister', 'Mr', 'Mrs', 'Ms', 'Dr']);
/** Words that open a sentence before a name that "reported": "Then Zeta Wire reported" cites Zeta Wire. */
const SENTENCE_OPENERS = /^(?:Then|And|But|So|Also|Meanwhile|Later|Earlier|Now|However|Separately|Yesterday|Today|Previously|Still|Instead|Elsewhere)\s+/;

/** The source names the text cites, in the order they first appear. */
export function citedSources(text: string): string[] {
  const found: { name: string; at: number }[] = [];
  for (const cue of CUES) {
    for (const match of text.matchAll(cue)) {
      const name = (match[1] ?? '').replace(SENTENCE_OPENERS, '').replace(/[.’']+$/, '').trim();
      if (!name || NOT_SOURCES.has(name) || name.length < 2) continue;
      const at = (match.index ?? 0) + match[0].indexOf(name);
      if (!found.some((f) => f.name === name)) found.push({ name, at });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}
