/**
 * The words the site itself writes (navigation, labels, headings, messages),
 * in the site's language: one ICU MessageFormat file per language in
 * locales/<lang>.json, read once at start (docs/decisions/0015-locales.md).
 * English (en.json) is the reference: its keys are the MessageKey type, so a
 * key missing from it or mistyped in code fails the typecheck; another file
 * missing a key, or giving one with other placeholders than English's, falls
 * back to English for that key and is reported. A file that is not a JSON
 * object of strings in valid ICU syntax is an error naming the file and key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import en from '../../locales/en.json';
import { PROJECT_ROOT } from '../paths';

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number>;

export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
export const REFERENCE_LANGUAGE = 'en';

/** A locale file that cannot be used at all: not JSON, not an object of strings, or a message ICU cannot parse. */
export class LocaleFileError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    problem: string,
  ) {
    super(`${file}${key ? `: "${key}"` : ''}: ${problem}`);
    this.name = 'LocaleFileError';
  }
}

/** Something a usable locale file gets wrong; the key falls back to English (or is ignored) and the site starts. */
export interface LocaleProblem {
  file: string;
  key: string;
  problem: 'missing' | 'unknown' | 'placeholders';
  message: string;
}

/** A loaded locale file: its language, and a compiled message for every English key. */
export interface Locale {
  language: string;
  messages: ReadonlyMap<string, string>;
}

export interface LocaleSet {
  /** The shipped languages, English first. */
  readonly languages: readonly string[];
  /** The locale for a language tag: the exact tag ("pt-br"), else its language ("de-AT" → "de"); undefined when none ships. */
  find(languageTag: string | undefined): Locale | undefined;
}

const fileSchema = z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be a JSON object of "key": "message" strings' });

interface AstElement {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstElement[] }>;
  children?: AstElement[];
}

/** The argument names a message uses ({count}, {name}…), from its ICU syntax tree. */
function placeholdersOf(ast: readonly AstElement[], into = new Set<string>()): Set<string> {
  for (const element of ast) {
    // Literals (0) and "#" (7) name nothing; every other element's value is its argument's name.
    if (element.type !== 0 && element.type !== 7 && typeof element.value === 'string') into.add(element.value);
    for (const option of Object.values(element.options ?? {})) placeholdersOf(option.value, into);
    if (element.children) placeholdersOf(element.children, into);
  }
  return into;
}

function compile(message: string, language: string): IntlMessageFormat {
  // ignoreTag: "<" in a message is text, never markup (templates escape what they print anyway).
  return new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
}

function parseFile(file: string, text: string, language: string): Map<string, { message: string; placeholders: Set<string> }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LocaleFileError(file, undefined, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocaleFileError(file, issue?.path.length ? String(issue.path[0]) : undefined, issue?.message ?? 'invalid');
  }
  const out = new Map<string, { message: string; placeholders: Set<string> }>();
  for (const [key, message] of Object.entries(parsed.data)) {
    let format: IntlMessageFormat;
    try {
      format = compile(message, language);
    } catch (error) {
      throw new LocaleFileError(file, key, `not a valid ICU message (${(error as Error).message})`);
    }
    out.set(key, { message, placeholders: placeholdersOf(format.getAst() as AstElement[]) });
  }
  return out;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Reads every locale file of `dir`. English must be there and complete (it is
 * the fallback); each other file is checked key by key against it. Throws
 * LocaleFileError for a file that cannot be used; returns the problems of
 * files that can.
 */
export function loadLocales(dir: string): { locales: LocaleSet; problems: LocaleProblem[] } {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const referenceFile = `${REFERENCE_LANGUAGE}.json`;
  if (!files.includes(referenceFile)) throw new LocaleFileError(path.join(dir, referenceFile), undefined, 'missing: English is every other locale’s fallback');
  const read = (name: string) => {
    const file = path.join(dir, name);
    return parseFile(file, readFileSync(file, 'utf8'), path.basename(name, '.json'));
  };
  const reference = read(referenceFile);
  for (const key of Object.keys(en)) {
    if (!reference.has(key)) throw new LocaleFileError(path.join(dir, referenceFile), key, 'missing: the code uses this key and English has no fallback');
  }
  const problems: LocaleProblem[] = [];
  const byLanguage = new Map<string, Locale>();
  for (const name of [referenceFile, ...files.filter((f) => f !== referenceFile)]) {
    const language = path.basename(name, '.json').toLowerCase();
    const file = path.join(dir, name);
    const own = name === referenceFile ? reference : read(name);
    const messages = new Map<string, string>();
    for (const [key, english] of reference) {
      const mine = own.get(key);
      if (!mine) {
        problems.push({ file, key, problem: 'missing', message: `${file}: "${key}" is missing; English is used` });
      } else if (!sameSet(mine.placeholders, english.placeholders)) {
        const list = (s: Set<string>) => [...s].map((p) => `{${p}}`).join(', ') || 'none';
        problems.push({ file, key, problem: 'placeholders', message: `${file}: "${key}" uses ${list(mine.placeholders)} where English uses ${list(english.placeholders)}; English is used` });
      }
      messages.set(key, mine && sameSet(mine.placeholders, english.placeholders) ? mine.message : english.message);
    }
    for (const key of own.keys()) {
      if (!reference.has(key)) problems.push({ file, key, problem: 'unknown', message: `${file}: "${key}" is not a key English has; it is ignored` });
    }
    byLanguage.set(language, { language, messages });
  }
  return {
    problems,
    locales: {
      languages: [...byLanguage.keys()],
      find(tag) {
        if (!tag) return undefined;
        const lower = tag.toLowerCase();
        return byLanguage.get(lower) ?? byLanguage.get(lower.split(/[-_]/)[0] ?? '');
      },
    },
  };
}

let installed: { locales: LocaleSet; problems: LocaleProblem[] } | undefined;

/** The shipped locale files (locales/), read on first use; server start reads them first and reports their problems. */
export function shippedLocales(): { locales: LocaleSet; problems: LocaleProblem[] } {
  installed ??= loadLocales(LOCALES_DIR);
  return installed;
}

/** A warning for the log: its fields and its line. */
export interface LocaleWarning {
  fields: Record<string, string>;
  message: string;
}

/** What start-up reports: every problem of the locale files, and a site language no locale ships for (its words are English then). */
export function localeWarnings(loaded: { locales: LocaleSet; problems: readonly LocaleProblem[] }, siteLanguage: string): LocaleWarning[] {
  const warnings: LocaleWarning[] = loaded.problems.map((p) => ({ fields: { file: p.file, key: p.key, problem: p.problem }, message: `locale problem: ${p.message}` }));
  if (!loaded.locales.find(siteLanguage)) {
    warnings.push({
      fields: { language: siteLanguage, shipped: loaded.locales.languages.join(', ') },
      message: `locale problem: no locale ships for the site's language "${siteLanguage}" (site.json "language"); the site's own words are English`,
    });
  }
  return warnings;
}

/** The words of one locale, formatted for one Intl locale ("en" messages with "en-GB" dates and numbers). */
export interface Text {
  /** The locale file's language ("ar"): what a lang attribute says around these words. */
  language: string;
  /** The Intl locale numbers, plurals and lists are formatted in. */
  intlLocale: string;
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * A message split around one placeholder, for templates that print a link or
   * highlighted HTML in its place: "By {names}" → { before: "By ", after: "" }.
   */
  around(key: MessageKey, placeholder: string, values?: MessageValues): { before: string; after: string };
  /** A number as this locale writes it ("1,234"; Arabic-Indic digits in ar). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** What comes before each name of a list printed name by name: "", ", ", " and " (Intl.ListFormat). */
  separators(count: number): string[];
}

const MARK = '\u{E000}';

function makeText(locale: Locale, intlLocale: string): Text {
  const formats = new Map<string, IntlMessageFormat>();
  const formatOf = (key: MessageKey) => {
    let format = formats.get(key);
    if (!format) {
      format = compile(locale.messages.get(key) ?? en[key], intlLocale);
      formats.set(key, format);
    }
    return format;
  };
  const numbers = new Map<string, Intl.NumberFormat>();
  const list = new Intl.ListFormat(intlLocale, { type: 'conjunction', style: 'long' });
  const separatorCache = new Map<number, string[]>();
  const text: Text = {
    language: locale.language,
    intlLocale,
    t: (key, values) => String(formatOf(key).format(values)),
    around(key, placeholder, values) {
      const whole = text.t(key, { ...values, [placeholder]: MARK });
      const at = whole.indexOf(MARK);
      return at === -1 ? { before: whole, after: '' } : { before: whole.slice(0, at), after: whole.slice(at + MARK.length) };
    },
    number(value, options) {
      const id = JSON.stringify(options ?? {});
      let format = numbers.get(id);
      if (!format) numbers.set(id, (format = new Intl.NumberFormat(intlLocale, options)));
      return format.format(value);
    },
    separators(count) {
      let cached = separatorCache.get(count);
      if (!cached) {
        // The literals between placeholder names are the separators, whatever the language's rules for "and".
        const parts = list.formatToParts(Array.from({ length: count }, (_, i) => `${MARK}${i}`));
        cached = [];
        let pending = '';
        for (const part of parts) {
          if (part.type === 'literal') pending += part.value;
          else {
            cached.push(pending);
            pending = '';
          }
        }
        separatorCache.set(count, cached);
      }
      return cached;
    },
  };
  return text;
}

const texts = new Map<string, Text>();

/**
 * The words for content in `languageTag`, formatted in `intlLocale` (default:
 * the tag itself); undefined when no locale ships for that language.
 */
export function textFor(languageTag: string | undefined, intlLocale = languageTag, set: LocaleSet = shippedLocales().locales): Text | undefined {
  const locale = set.find(languageTag);
  if (!locale || !intlLocale) return undefined;
  const id = `${locale.language}|${intlLocale}`;
  let text = texts.get(id);
  if (!text || set !== shippedLocales().locales) {
    text = makeText(locale, intlLocale);
    if (set === shippedLocales().locales) texts.set(id, text);
  }
  return text;
}

/** The site's own words: its language's locale, or English when none ships (reported at start). */
export function siteText(site: { language: string; locale: string }): Text {
  return textFor(site.language, site.locale) ?? (textFor(REFERENCE_LANGUAGE, site.locale) as Text);
}

/** The words for an item (article, page) in `language`: its own locale when one ships, else the site's. */
export function itemText(site: { language: string; locale: string }, language: string | undefined): Text {
  if (!language || language === site.language) return siteText(site);
  return textFor(language) ?? siteText(site);
}
