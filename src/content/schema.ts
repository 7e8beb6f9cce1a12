/**
 * The data contract: what users may write in data/*.json. This is a public
 * interface, so every rule here is also documented in docs/content.md.
 * Schemas check shape only; references between records are checked in resolve.ts.
 * Field rules live in src/fields.ts and body blocks in src/blocks/ (one module each).
 */
import { z } from 'zod';
import { blockSchema } from '../blocks/registry';
import { pictureSchema } from '../blocks/picture';
import { httpUrl, imagePath, isoDateTime, languageTag, slug, SLUG_PATTERN, text } from '../fields';

export { blockSchema, SLUG_PATTERN };

const linkUrl = z.string().refine((value) => /^mailto:[^\s]+$/.test(value) || httpUrl.safeParse(value).success, 'must be an absolute http(s) URL or a mailto: address');

/**
 * Where an imported record came from: the importer's format and the item's
 * own id in its source (a ninjs uri, a NewsML-G2 guid). The import command
 * finds its records again by it, and never replaces a record without one.
 */
export const importedSchema = z.strictObject({
  format: z.string().regex(/^[a-z0-9-]{1,20}$/, 'must be an import format name such as "ninjs"'),
  id: z.string().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
});

export const linkSchema = z.strictObject({ label: text, url: linkUrl });

export const siteSchema = z.strictObject({
  name: text,
  baseUrl: httpUrl,
  language: languageTag('en-GB'),
  locale: z.string().min(2).optional(),
  timeZone: z.string().min(1).optional(),
  description: text,
  logo: imagePath.optional(),
  nav: z.array(z.strictObject({ label: text, href: z.string().regex(/^(\/[^\s]*|https?:\/\/[^\s]+)$/, 'must be a site path ("/…") or an http(s) URL') })).default([]),
  sections: z.array(z.strictObject({ slug, name: text, description: text.optional() })).default([]),
});

export const authorSchema = z.strictObject({
  slug,
  name: text,
  role: text.optional(),
  bio: text.optional(),
  avatar: imagePath.optional(),
  links: z.array(linkSchema).optional(),
  imported: importedSchema.optional(),
});

export const SOURCE_KINDS = ['news-agency', 'outlet', 'ngo', 'official-body', 'research', 'website'] as const;

export const sourceSchema = z.strictObject({
  slug,
  name: text,
  url: httpUrl.optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  description: text.optional(),
  /** Other names the source goes by in copy ("Agence France-Presse", "the Associated Press"), for the importer's matching. */
  aliases: z.array(text).optional(),
  imported: importedSchema.optional(),
});

/** An article's main image: the same fields as an image block. */
export const imageSchema = pictureSchema;

/**
 * A correction or update notice on an article: when it was made and what it
 * says, as inline text (Markdown like a paragraph's). Its date must lie
 * between publishedAt and now; resolve.ts checks that.
 */
export const correctionSchema = z.strictObject({ at: isoDateTime, text });

const sourceRef = z.union([slug, z.strictObject({ source: slug, url: httpUrl.optional() })]);

export const articleSchema = z.strictObject({
  slug,
  headline: text,
  standfirst: text,
  section: slug,
  tags: z.array(slug).default([]),
  authors: z.array(slug).min(1, 'needs at least one author'),
  origin: slug.optional(),
  sources: z.array(sourceRef).default([]),
  publishedAt: isoDateTime,
  updatedAt: isoDateTime.optional(),
  corrections: z.array(correctionSchema).optional(),
  /** Slugs the article was published under before: /articles/<old> answers 301 to its address now (resolve.ts checks them). */
  previousSlugs: z.array(slug).optional(),
  status: z.enum(['published', 'draft']),
  language: languageTag('ar').optional(),
  image: imageSchema.optional(),
  body: z.array(blockSchema).min(1, 'needs at least one block'),
  imported: importedSchema.optional(),
});

/**
 * A static page (About, Contact, Privacy, a legal notice): data/pages/<slug>.json, served at
 * /<slug>. A slug that would shadow a route is refused when the catalog is resolved.
 */
export const pageSchema = z.strictObject({
  slug,
  title: text,
  /** One plain sentence for search engines and link previews. */
  description: text.optional(),
  body: z.array(blockSchema).min(1, 'needs at least one block'),
  updatedAt: isoDateTime.optional(),
  /** Listed in the site's navigation (the footer's page links). */
  nav: z.boolean().optional(),
  /** Default published; a draft page is served nowhere. */
  status: z.enum(['published', 'draft']).optional(),
  language: languageTag('ar').optional(),
  imported: importedSchema.optional(),
});

/** What a redirect may answer: moved (301, 308 permanently; 302, 307 for now) or gone for good (410). */
export const REDIRECT_STATUSES = [301, 302, 307, 308, 410] as const;

/**
 * One entry of data/redirects.json. Only its shape is checked here; its paths
 * (placeholders, shadowing, targets, loops) are checked in redirects.ts.
 */
export const redirectSchema = z
  .strictObject({
    from: z.string().min(1, 'must not be empty'),
    to: z.string().min(1, 'must not be empty').optional(),
    status: z.literal(REDIRECT_STATUSES, { error: `must be one of ${REDIRECT_STATUSES.join(', ')} (a number, not a string)` }).default(301),
  })
  .superRefine((entry, ctx) => {
    if (entry.status === 410 && entry.to !== undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be left out with status 410: a page that is gone has no new address' });
    if (entry.status !== 410 && entry.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: `is required but missing (status ${entry.status} needs an address to send readers to; 410 is for pages that are gone)` });
  });

export type SiteRecord = z.infer<typeof siteSchema>;
export type PageRecord = z.infer<typeof pageSchema>;
export type AuthorRecord = z.infer<typeof authorSchema>;
export type SourceRecord = z.infer<typeof sourceSchema>;
export type ArticleRecord = z.infer<typeof articleSchema>;
export type { BlockRecord } from '../blocks/registry';
export type RedirectRecord = z.infer<typeof redirectSchema>;
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];
export type CorrectionRecord = z.infer<typeof correctionSchema>;
export type ImageRecord = z.infer<typeof imageSchema>;
export type SourceKind = (typeof SOURCE_KINDS)[number];
