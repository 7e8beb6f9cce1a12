/**
 * Field rules of the data contract (docs/content.md), shared by the record
 * schemas (src/content/schema.ts) and the body block schemas (src/blocks/).
 * A leaf: zod only, so every layer that validates can use the same words.
 */
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slug = z.string().regex(SLUG_PATTERN, 'must be lowercase a-z, 0-9 and single dashes, e.g. "my-story"');
export const text = z.string().trim().min(1, 'must not be empty');
/** ISO 8601 with a time and an offset ("2022-09-29T10:00:00Z"), so no date is read in a server's local zone. */
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. "2022-09-29T10:00:00Z"' });
export const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' });
/** Paths of images are relative to the data folder and must stay inside data/images/. */
export const imagePath = z
  .string()
  .regex(/^images\/[A-Za-z0-9._\/-]+\.(?:jpe?g|png|webp|avif|gif)$/i, 'must be a path under images/ ending in .jpg, .png, .webp, .avif or .gif')
  .refine((p) => !p.split('/').some((part) => part === '..' || part === '.' || part === ''), 'must not contain "..", "." or empty path parts');
export const languageTag = (example: string) =>
  z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, `must be a language tag such as "en" or "${example}"`);
