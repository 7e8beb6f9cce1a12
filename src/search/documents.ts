/**
 * What the search index is built from: the published articles of a content
 * version, each as an IndexDocument, plain data with the body as a place in
 * the body store, so the main thread can post it to the worker thread that
 * builds a large site's index (worker-build.ts) and the worker reads the body
 * itself. The body's words come from one function (bodyRecordTexts) on either
 * thread, and the search page's excerpts use it too, so the highlighter finds
 * exactly the words that were indexed.
 */
import { recordTexts, type BlockRecord } from '../blocks/registry';
import type { Bodies } from '../content/bodies';
import type { StoredBody } from '../content/body-store';
import type { Article } from '../content/model';

/** Where a body is in the store (what a worker needs to read it: StoredBody without what resolving it needs). */
export type BodyPlace = Pick<StoredBody, 'at' | 'bytes' | 'hash'>;

/** One article as the index builder reads it (which articles, in what order: indexedArticles in lifecycle.ts). */
export interface IndexDocument {
  headline: string;
  /** Inline Markdown. */
  standfirst: string;
  authors: string[];
  /** The main image's caption, inline Markdown. */
  caption?: string;
  body: BodyPlace;
  /** Every correction's text, inline Markdown. */
  corrections: string[];
  /** Plain names: the cited sources and the origin (each once), the tags, the section. */
  names: string[];
}

export function indexDocumentOf(article: Article): IndexDocument {
  const sources = new Set(article.citations.map((c) => c.source.name));
  if (article.origin) sources.add(article.origin.name);
  const { at, bytes, hash } = article.body;
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    authors: article.authors.map((a) => a.name),
    ...(article.image?.caption && { caption: article.image.caption }),
    body: { at, bytes, hash },
    corrections: (article.corrections ?? []).map((c) => c.text),
    names: [...sources, ...article.tags.map((t) => t.name), article.section.name],
  };
}

/** Appends the plain text of a body's blocks (paragraphs, headings, list items, quotes, captions, promos…) to `out`, one part each. */
export function bodyRecordTexts(records: readonly BlockRecord[], out: string[]): void {
  for (const record of records) recordTexts(record, out);
}

/** The article's body as plain text: paragraphs, headings, list items, quotes, captions and promos, one per line. */
export function articleBodyText(bodies: Bodies, article: Article): string {
  const out: string[] = [];
  bodyRecordTexts(bodies.records(article.body), out);
  return out.join('\n');
}

/** Body texts of the articles search pages showed last (popular queries show the same articles); bounded, unlike the articles. */
const recentBodies = new Map<Article, string>();
export const BODY_TEXT_CACHE_SIZE = 1000;

/** articleBodyText, remembered for the last BODY_TEXT_CACHE_SIZE articles asked for. */
export function cachedBodyText(bodies: Bodies, article: Article): string {
  let text = recentBodies.get(article);
  if (text !== undefined) {
    recentBodies.delete(article); // re-inserted below as the most recent
  } else {
    text = articleBodyText(bodies, article);
    if (recentBodies.size >= BODY_TEXT_CACHE_SIZE) recentBodies.delete(recentBodies.keys().next().value as Article);
  }
  recentBodies.set(article, text);
  return text;
}
