/**
 * The responsive image variants we make, and their URLs. Pure rules only:
 * which widths and formats exist for an original, how a variant is named,
 * and how a requested name is checked. Anything not described here is never
 * generated, so a URL cannot make the server fill its disk.
 *
 * URL: /img/<fingerprint>-<width>.<avif|webp|jpg>, and /img/<fingerprint>-og.jpg
 * for the 1200×630 link-card crop. The fingerprint is a hash of the original's
 * bytes (plus ENCODING_VERSION), so a changed picture gets new URLs and every
 * variant can be cached for a year.
 */
import { createHash } from 'node:crypto';

/** Bump when the encoder settings change, so cached copies everywhere are replaced. */
export const ENCODING_VERSION = 1;
export const VARIANT_PREFIX = '/img/';
export const WIDTHS = [320, 640, 960, 1280, 1920] as const;
export const FORMATS = ['avif', 'webp', 'jpg'] as const;
export type VariantFormat = (typeof FORMATS)[number];
export const OG_SIZE = { width: 1200, height: 630 } as const;

export type Variant = { kind: 'resize'; width: number; format: VariantFormat } | { kind: 'og' };

export const CONTENT_TYPES: Record<VariantFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/** 16 hex digits of SHA-256: plenty to tell pictures apart and unguessable enough for embargoed ones. */
export function fingerprint(bytes: Buffer): string {
  return createHash('sha256').update(`newsreel-image-v${ENCODING_VERSION}\0`).update(bytes).digest('hex').slice(0, 16);
}

/** Standard widths up to the original's; an original narrower than the smallest gets one variant at its own width. */
export function variantWidths(originalWidth: number): number[] {
  const widths = WIDTHS.filter((w) => w <= originalWidth);
  return widths.length ? widths : [originalWidth];
}

export function variantName(hash: string, variant: Variant): string {
  return variant.kind === 'og' ? `${hash}-og.jpg` : `${hash}-${variant.width}.${variant.format}`;
}

export function variantUrl(hash: string, variant: Variant): string {
  return VARIANT_PREFIX + variantName(hash, variant);
}

const NAME = /^([0-9a-f]{16})-(og|[1-9][0-9]{0,4})\.(avif|webp|jpg)$/;

/**
 * Parses a requested file name and checks it against the original's width.
 * undefined for anything we do not make: a bad name, an unmade width, an og crop in another format.
 */
export function parseVariantName(name: string, originalWidthOf: (hash: string) => number | undefined): { hash: string; variant: Variant } | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, hash, size, format] = match as unknown as [string, string, string, VariantFormat];
  const originalWidth = originalWidthOf(hash);
  if (originalWidth === undefined) return undefined;
  if (size === 'og') return format === 'jpg' ? { hash, variant: { kind: 'og' } } : undefined;
  const width = Number(size);
  return variantWidths(originalWidth).includes(width) ? { hash, variant: { kind: 'resize', width, format } } : undefined;
}

/** A srcset attribute value for one format: "/img/…-320.avif 320w, /img/…-640.avif 640w". */
export function srcset(hash: string, originalWidth: number, format: VariantFormat): string {
  return variantWidths(originalWidth)
    .map((width) => `${variantUrl(hash, { kind: 'resize', width, format })} ${width}w`)
    .join(', ');
}

/** The JPEG a browser without srcset support loads: the largest up to 960 px wide. */
export function fallbackWidth(originalWidth: number): number {
  const widths = variantWidths(originalWidth);
  return widths.filter((w) => w <= 960).pop() ?? (widths[0] as number);
}
