/**
 * Turns plain text and the terms a search matched into safe HTML: every piece
 * of the text is HTML-escaped first, and only words whose normalised form is
 * one of the matched terms are wrapped in <mark>. No regular expression is
 * ever built from the reader's query, and nothing the reader typed is copied
 * into the output: only the article's own text, escaped.
 */
import { escapeHtml } from '../text/inline';
import { normalizeTerm, normalizeWord, SEPARATOR } from './terms';

interface Segment {
  text: string;
  start: number;
  isWord: boolean;
}

/** The text cut into alternating words and separators, with offsets (lazily: firstMatch stops early). */
function* segments(text: string): Generator<Segment> {
  const separator = new RegExp(SEPARATOR.source, 'gu');
  let last = 0;
  for (const match of text.matchAll(separator)) {
    const at = match.index ?? 0;
    if (at > last) yield { text: text.slice(last, at), start: last, isWord: true };
    yield { text: match[0], start: at, isWord: false };
    last = at + match[0].length;
  }
  if (last < text.length) yield { text: text.slice(last), start: last, isWord: true };
}

function termSet(terms: Iterable<string>): Set<string> {
  return new Set([...terms].map(normalizeTerm));
}

/** The text as HTML, escaped, with each matched word in <mark>. */
export function highlight(text: string, terms: Iterable<string>): string {
  const wanted = termSet(terms);
  let html = '';
  for (const part of segments(text)) {
    const escaped = escapeHtml(part.text);
    html += part.isWord && wanted.has(normalizeWord(part.text)) ? `<mark>${escaped}</mark>` : escaped;
  }
  return html;
}

/** Offset of the first matched word, or -1. */
export function firstMatch(text: string, terms: Iterable<string>): number {
  const wanted = termSet(terms);
  for (const part of segments(text)) if (part.isWord && wanted.has(normalizeWord(part.text))) return part.start;
  return -1;
}

/** Moves an index off the second half of a surrogate pair, so a cut never splits a character. */
function safeIndex(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + 1 : index;
}

export const EXCERPT_LENGTH = 200;

/**
 * A window of about `length` characters around the first match, cut at word
 * boundaries, with "…" where text was left out, highlighted. The match sits
 * about a third of the way in, so the reader sees what leads up to it. With
 * no match, the start of the text. Returns '' for empty text.
 */
export function excerpt(text: string, terms: Iterable<string>, length = EXCERPT_LENGTH): string {
  const termList = [...terms];
  if (text.length <= length) return highlight(text, termList);
  const at = Math.max(0, firstMatch(text, termList));
  let start = Math.max(0, Math.min(at - Math.floor(length / 3), text.length - length));
  let end = Math.min(text.length, start + length);
  if (start > 0) {
    // Start after the first space in the window (unless that would skip the match).
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > Math.max(start, at)) end = space;
  }
  start = safeIndex(text, start);
  end = safeIndex(text, end);
  const body = text.slice(start, end).trim();
  return `${start > 0 ? '… ' : ''}${highlight(body, termList)}${end < text.length ? ' …' : ''}`;
}
