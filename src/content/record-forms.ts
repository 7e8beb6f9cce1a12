/**
 * Articles back to records, in one canonical form: reload.ts keeps the last
 * good version of an article as the served article and needs its record
 * again only when a new version fails, and tells a changed record from an
 * unchanged one by comparing canonical forms.
 */
import { pictureRecordOf } from '../blocks/picture';
import type { Article } from './model';
import type { StoredArticleRecord } from './records';

/**
 * The record an article was resolved from, in a canonical form: what
 * `canonicalArticle` makes of that record. Last good versions are kept as the
 * resolved articles (src/content/reload.ts) and turned back into records
 * only when a reload needs one.
 */
export function articleRecordOf(article: Article): StoredArticleRecord {
  return {
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    section: article.section.slug,
    tags: article.tags.map((tag) => tag.slug),
    authors: article.authors.map((author) => author.slug),
    ...(article.origin && { origin: article.origin.slug }),
    sources: article.citations.map((c) => (c.url ? { source: c.source.slug, url: c.url } : c.source.slug)),
    publishedAt: article.publishedAt.toISOString(),
    ...(article.updatedAt && { updatedAt: article.updatedAt.toISOString() }),
    ...(article.corrections && { corrections: article.corrections.map((c) => ({ at: c.at.toISOString(), text: c.text })) }),
    ...(article.previousSlugs && { previousSlugs: article.previousSlugs }),
    status: article.status,
    ...(article.language && { language: article.language }),
    ...(article.image && { image: pictureRecordOf(article.image.asset.path, article.image) }),
    body: article.body,
  };
}

/**
 * A checked article record with everything that resolves the same written one
 * way: repeated tags once, a source reference without a URL as its slug,
 * dates in UTC, a list's `ordered` spelt out, fields in one order. Two records
 * with the same canonical form resolve to the same article.
 */
export function canonicalArticle(record: StoredArticleRecord): StoredArticleRecord {
  return {
    slug: record.slug,
    headline: record.headline,
    standfirst: record.standfirst,
    section: record.section,
    tags: [...new Set(record.tags)],
    authors: record.authors,
    ...(record.origin && { origin: record.origin }),
    sources: record.sources.map((ref) => (typeof ref === 'string' ? ref : ref.url ? { source: ref.source, url: ref.url } : ref.source)),
    publishedAt: new Date(record.publishedAt).toISOString(),
    ...(record.updatedAt && { updatedAt: new Date(record.updatedAt).toISOString() }),
    ...(record.corrections?.length && { corrections: canonicalCorrections(record.corrections) }),
    ...(record.previousSlugs?.length && { previousSlugs: record.previousSlugs }),
    status: record.status,
    ...(record.language && { language: record.language }),
    ...(record.image && { image: pictureRecordOf(record.image.src, record.image) }),
    // Stored bodies are canonical already (src/content/bodies.ts).
    body: record.body,
  };
}

/**
 * Text that is equal for two records exactly when they resolve to the same
 * article: the canonical form, with the body as its hash (the same body
 * stored twice sits at two places).
 */
export function articleKey(record: StoredArticleRecord): string {
  return JSON.stringify({ ...canonicalArticle(record), body: record.body.hash });
}

/** Corrections in the order the article shows them (oldest first, as resolve.ts sorts them), dates in UTC. */
function canonicalCorrections(corrections: NonNullable<StoredArticleRecord['corrections']>): NonNullable<StoredArticleRecord['corrections']> {
  return corrections
    .map((c) => ({ at: new Date(c.at).toISOString(), text: c.text }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
