/**
 * The data contract: what users may write in data/*.json. This is a public
 * interface, so every rule here is also documented in docs/content.md.
 * Schemas check shape only; references between records are checked in resolve.ts.
 */
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z.string().regex(SLUG_PATTERN, 'must be lowercase a-z, 0-9 and single dashes, e.g. "my-story"');
const text = z.string().trim().min(1, 'must not be empty');
/** ISO 8601 with a time and an offset ("2022-09-29T10:00:00Z"), so no date is read in a server's local zone. */
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. "2022-09-29T10:00:00Z"' });
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' });
/** Paths of images are relative to the data folder and must stay inside data/images/. */
const imagePath = z
  .string()
  .regex(/^images\/[A-Za-z0-9._\/-]+\.(?:jpe?g|png|webp|avif|gif)$/i, 'must be a path under images/ ending in .jpg, .png, .webp, .avif or .gif')
  .refine((p) => !p.split('/').some((part) => part === '..' || part === '.' || part === ''), 'must not contain "..", "." or empty path parts');

const linkUrl = z.string().refine((value) => /^mailto:[^\s]+$/.test(value) || httpUrl.safeParse(value).success, 'must be an absolute http(s) URL or a mailto: address');

export const linkSchema = z.strictObject({ label: text, url: linkUrl });

export const siteSchema = z.strictObject({
  name: text,
  baseUrl: httpUrl,
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "en-GB"'),
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
});

export const SOURCE_KINDS = ['news-agency', 'outlet', 'ngo', 'official-body', 'research', 'website'] as const;

export const sourceSchema = z.strictObject({
  slug,
  name: text,
  url: httpUrl.optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  description: text.optional(),
});

const imageFields = {
  src: imagePath,
  alt: z.string({ message: 'is required: describe the image for people who cannot see it' }).trim().min(1, 'must describe the image (alt text is required)'),
  caption: text.optional(),
  credit: text.optional(),
};

export const imageSchema = z.strictObject(imageFields);

/** A promo links to another article on this site; imported promos whose target is elsewhere may omit href. */
const promoHref = z.string().regex(/^\/articles\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a link to an article on this site, "/articles/<slug>"');

export const blockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('paragraph'), text }),
  z.strictObject({ type: z.literal('heading'), text }),
  z.strictObject({ type: z.literal('image'), ...imageFields }),
  z.strictObject({ type: z.literal('list'), items: z.array(text).min(1, 'must have at least one item'), ordered: z.boolean().optional() }),
  z.strictObject({ type: z.literal('quote'), text, attribution: text.optional() }),
  z.strictObject({ type: z.literal('promo'), label: text.optional(), text, href: promoHref.optional() }),
]);

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
  status: z.enum(['published', 'draft']),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "ar"').optional(),
  image: imageSchema.optional(),
  body: z.array(blockSchema).min(1, 'needs at least one block'),
});

export type SiteRecord = z.infer<typeof siteSchema>;
export type AuthorRecord = z.infer<typeof authorSchema>;
export type SourceRecord = z.infer<typeof sourceSchema>;
export type ArticleRecord = z.infer<typeof articleSchema>;
export type BlockRecord = z.infer<typeof blockSchema>;
export type ImageRecord = z.infer<typeof imageSchema>;
export type SourceKind = (typeof SOURCE_KINDS)[number];
