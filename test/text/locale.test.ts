/**
 * The locale files: the shipped ones are complete; a file missing a key falls
 * back to English for that key and is reported; a file that cannot be used is
 * an error naming the file and the key; plurals follow each language's rules;
 * start-up reports what is wrong through the logger.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import en from '../../locales/en.json';
import { readConfig } from '../../src/config';
import { start } from '../../src/server';
import { LOCALES_DIR, LocaleFileError, loadLocales, localeWarnings, shippedLocales, siteText, textFor } from '../../src/text/locale';
import { baseRecords, removeDataDirs, writeDataDir } from '../helpers/fixture';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  removeDataDirs();
});

/** A locales folder holding the shipped en.json and the given files. */
function localesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-locales-'));
  dirs.push(dir);
  copyFileSync(path.join(LOCALES_DIR, 'en.json'), path.join(dir, 'en.json'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const germanWithout = (...keys: string[]) => {
  const de = { ...(require('../../locales/de.json') as Record<string, string>) };
  for (const key of keys) delete de[key];
  return de;
};

describe('the shipped locales', () => {
  test('en, ar, de and ru ship, each with every key English has and nothing else', () => {
    const { locales, problems } = shippedLocales();
    expect([...locales.languages].sort()).toEqual(['ar', 'de', 'en', 'ru']);
    expect(problems).toEqual([]);
  });

  test('a language tag finds its locale by exact tag, else by its language; none for a language that does not ship', () => {
    const { locales } = shippedLocales();
    expect(locales.find('de-AT')?.language).toBe('de');
    expect(locales.find('AR')?.language).toBe('ar');
    expect(locales.find('pt-BR')).toBeUndefined();
    expect(siteText({ language: 'pt-BR', locale: 'pt-BR' }).t('article.sources')).toBe('Sources');
    expect(siteText({ language: 'de', locale: 'de-DE' }).t('article.sources')).toBe('Quellen');
  });
});

describe('plurals follow the language (Intl.PluralRules through ICU messages)', () => {
  const count = (language: string, n: number) => textFor(language)!.t('search.count', { count: n, query: 'q' });
  test('Russian: one, few, many', () => {
    expect([1, 2, 5, 21, 22, 11].map((n) => count('ru', n))).toEqual([
      '1 результат по запросу «q»',
      '2 результата по запросу «q»',
      '5 результатов по запросу «q»',
      '21 результат по запросу «q»',
      '22 результата по запросу «q»',
      '11 результатов по запросу «q»',
    ]);
  });
  test('Arabic: zero, one, two, few, many, other', () => {
    expect([0, 1, 2, 3, 11, 100].map((n) => count('ar', n))).toEqual([
      'لا نتائج عن «q»',
      'نتيجة واحدة عن «q»',
      'نتيجتان عن «q»',
      `${textFor('ar')!.number(3)} نتائج عن «q»`,
      `${textFor('ar')!.number(11)} نتيجة عن «q»`,
      `${textFor('ar')!.number(100)} نتيجة عن «q»`,
    ]);
  });
  test('English and German: one and other, numbers grouped as the locale writes them', () => {
    expect([1, 2].map((n) => count('en', n))).toEqual(['1 result for “q”', '2 results for “q”']);
    expect(textFor('de')!.t('search.count', { count: 1234, query: 'q' })).toBe('1.234 Ergebnisse für „q“');
  });
  test('lists of names join as the language does', () => {
    expect(textFor('en', 'en-GB')!.separators(3)).toEqual(['', ', ', ' and ']);
    expect(textFor('de')!.separators(2)).toEqual(['', ' und ']);
    expect(textFor('ru')!.separators(3)).toEqual(['', ', ', ' и ']);
  });
  test('a message split around a placeholder, for a link or highlighted HTML in its place', () => {
    expect(textFor('en')!.around('article.adaptedFromSentence', 'origin')).toEqual({ before: 'This story was adapted from ', after: '.' });
    expect(textFor('ru')!.around('search.heading', 'query')).toEqual({ before: 'Результаты поиска по запросу «', after: '»' });
  });
});

describe('a locale file with problems it can live with', () => {
  test('a missing key falls back to English and is reported once, naming the file and the key', () => {
    const dir = localesDir({ 'de.json': JSON.stringify(germanWithout('article.sources')) });
    const { locales, problems } = loadLocales(dir);
    expect(problems).toEqual([{ file: path.join(dir, 'de.json'), key: 'article.sources', problem: 'missing', message: `${path.join(dir, 'de.json')}: "article.sources" is missing; English is used` }]);
    const de = textFor('de', 'de', locales)!;
    expect(de.t('article.sources')).toBe('Sources');
    expect(de.t('article.tags')).toBe('Schlagwörter');
  });

  test('an unknown key is reported and ignored; other placeholders than English’s fall back to English', () => {
    const de = { ...germanWithout(), 'article.sourcse': 'Quellen', 'author.articles': 'Artikel von {autor}' };
    const dir = localesDir({ 'de.json': JSON.stringify(de) });
    const { locales, problems } = loadLocales(dir);
    expect(problems.map((p) => [p.key, p.problem])).toEqual([
      ['author.articles', 'placeholders'],
      ['article.sourcse', 'unknown'],
    ]);
    expect(problems[0]!.message).toContain('uses {autor} where English uses {name}');
    expect(textFor('de', 'de', locales)!.t('author.articles', { name: 'Ada' })).toBe('Articles by Ada');
  });

  test('start-up warnings: each problem, and a site language no locale ships for', () => {
    const dir = localesDir({ 'de.json': JSON.stringify(germanWithout('article.tags')) });
    const warnings = localeWarnings(loadLocales(dir), 'pt');
    expect(warnings.map((w) => w.message)).toEqual([
      `locale problem: ${path.join(dir, 'de.json')}: "article.tags" is missing; English is used`,
      'locale problem: no locale ships for the site\'s language "pt" (site.json "language"); the site\'s own words are English',
    ]);
    expect(localeWarnings(shippedLocales(), 'de-CH')).toEqual([]);
  });
});

describe('a locale file that cannot be used is an error naming the file and the key', () => {
  const error = (files: Record<string, string>) => {
    try {
      loadLocales(localesDir(files));
    } catch (e) {
      return e as LocaleFileError;
    }
    throw new Error('expected a LocaleFileError');
  };
  test('not JSON', () => {
    const e = error({ 'ru.json': '{"article.sources": "Источники",' });
    expect(e).toBeInstanceOf(LocaleFileError);
    expect(e.message).toMatch(/ru\.json: not valid JSON/);
  });
  test('not an object of strings: the key is named', () => {
    expect(error({ 'ru.json': JSON.stringify({ 'article.sources': 7 }) }).message).toMatch(/ru\.json: "article\.sources": must be a string/);
    expect(error({ 'ru.json': '["Источники"]' }).message).toMatch(/ru\.json: must be a JSON object/);
  });
  test('a message ICU cannot parse: the key is named', () => {
    const e = error({ 'ar.json': JSON.stringify({ 'search.count': '{count, plural, one {# نتيجة} other {# نتيجة}' }) });
    expect(e.key).toBe('search.count');
    expect(e.message).toMatch(/ar\.json: "search\.count": not a valid ICU message/);
  });
  test('English missing, or missing a key the code uses', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsreel-locales-'));
    dirs.push(dir);
    expect(() => loadLocales(dir)).toThrow(/en\.json: missing: English is every other locale’s fallback/);
    const partial: Record<string, string> = { ...en };
    delete partial['layout.skipLink'];
    writeFileSync(path.join(dir, 'en.json'), JSON.stringify(partial));
    expect(() => loadLocales(dir)).toThrow(/en\.json: "layout\.skipLink": missing/);
  });
});

test('the server reports a site language no locale ships for at start, and still serves the site in English', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const records = baseRecords();
  records.site = { ...records.site, language: 'pt', locale: 'pt-PT' };
  const dir = await writeDataDir(records);
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, NODE_ENV: 'test' });
  const site = await start(config, pino({ level: 'warn' }, sink), { processMetrics: false });
  try {
    const warning = lines.map((l) => JSON.parse(l) as { msg: string; language?: string }).find((l) => l.language === 'pt');
    expect(warning?.msg).toContain('no locale ships for the site\'s language "pt"');
    const home = await (await fetch(`http://127.0.0.1:${site.port}/`)).text();
    expect(home).toContain('<html lang="pt" dir="ltr">');
    expect(home).toContain('Skip to main content');
  } finally {
    await site.stop();
  }
});
