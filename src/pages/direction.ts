/**
 * Writing direction of a language tag, so an article in Arabic or Hebrew is
 * laid out right to left even on a left-to-right site. A short list rather
 * than Intl.Locale#textInfo: that accessor changed name between Node versions.
 */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ku-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);

export type Direction = 'ltr' | 'rtl';

export function directionOf(languageTag: string): Direction {
  const parts = languageTag.toLowerCase().split(/[-_]/);
  const language = parts[0] ?? '';
  // An explicit script subtag wins: "az-Arab" is right to left, "ku-Latn" is not.
  const script = parts.slice(1).find((p) => p.length === 4);
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
