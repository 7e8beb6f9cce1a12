/** Dates and languages as a reader of the site sees them. */
import type { Site } from '../content/model';
import { directionOf, type Direction } from './direction';

export interface DateModel {
  iso: string;
  label: string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as the site's readers expect it ("29 September 2022"), with its ISO form for <time>;
 * in `locale` for words in another language than the site's (an article's own labels).
 */
export function formatDate(site: Site, date: Date, locale = site.locale): DateModel {
  const key = `${locale}|${site.timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: site.timeZone });
    dateFormats.set(key, format);
  }
  return { iso: date.toISOString(), label: format.format(date) };
}

/**
 * A moment with its time of day and zone ("20 November 2026, 09:00 UTC"), for
 * when the hour matters (an embargo lifting). Made per call: only previews ask.
 */
export function formatDateTime(site: Site, date: Date): DateModel {
  const format = new Intl.DateTimeFormat(site.locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: site.timeZone });
  return { iso: date.toISOString(), label: format.format(date) };
}

/** lang and dir for content in another language than the site's; empty when it is the site's own. */
export function languageOf(site: Site, language: string | undefined): { lang?: string; dir?: Direction } {
  if (!language || language === site.language) return {};
  return { lang: language, dir: directionOf(language) };
}
