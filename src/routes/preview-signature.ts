/**
 * Signed preview links: `/preview/<slug>?expires=<unix seconds>&sig=<hex>`.
 * The signature is HMAC-SHA256, keyed by PREVIEW_SECRET, over a text that
 * cannot be read two ways (a version tag, the slug and the expiry on lines of
 * their own; a slug never holds a newline). A shared leaf: the preview-link
 * command signs with it and the HTTP handler verifies with it, so the two
 * cannot disagree about the format (docs/decisions/0014-preview-links.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { build } from './table';

/** The shortest PREVIEW_SECRET accepted: 32 characters, e.g. `openssl rand -hex 32` gives 64. */
export const PREVIEW_SECRET_MIN_LENGTH = 32;
/** How long a link made without --hours stays valid. */
export const PREVIEW_DEFAULT_HOURS = 48;
/** The longest a link may live: 30 days. A link claiming a later expiry is refused even if its signature is right. */
export const PREVIEW_MAX_HOURS = 30 * 24;

const SIGNED_TEXT_VERSION = 'newsreel-preview-v1';
const SIG_PATTERN = /^[0-9a-f]{64}$/;
/** A positive whole number of seconds, no sign, no leading zero, no fraction, no exponent. */
const EXPIRES_PATTERN = /^[1-9][0-9]{0,11}$/;
const SIG_BYTES = 32;

function digest(secret: string, slug: string, expires: number): Buffer {
  return createHmac('sha256', secret).update(`${SIGNED_TEXT_VERSION}\n${slug}\n${expires}`).digest();
}

/** The hex signature of (slug, expires). */
export function signPreview(secret: string, slug: string, expires: number): string {
  return digest(secret, slug, expires).toString('hex');
}

/** The unix time (seconds) a link made now, valid for `hours`, expires at. */
export function previewExpiry(nowMs: number, hours: number): number {
  return Math.floor(nowMs / 1000) + Math.round(hours * 3600);
}

/** The site path of a signed preview link. */
export function previewPath(secret: string, slug: string, expires: number): string {
  return `${build.preview(slug)}?expires=${expires}&sig=${signPreview(secret, slug, expires)}`;
}

/**
 * Whether a preview request's query proves the link was made with `secret`
 * for this slug and has not expired. The query must be exactly `expires` and
 * `sig`, each once: anything else (a repeated or unknown parameter, a
 * non-integer, negative or far-future expiry, a signature of the wrong length
 * or not lowercase hex) is refused before any HMAC is compared, and the
 * comparison itself takes the same time wherever the bytes differ.
 */
export function verifyPreview(secret: string, slug: string, query: Readonly<Record<string, unknown>>, nowMs: number): boolean {
  const keys = Object.keys(query);
  if (keys.length !== 2 || !keys.includes('expires') || !keys.includes('sig')) return false;
  const { expires: rawExpires, sig } = query;
  if (typeof rawExpires !== 'string' || typeof sig !== 'string') return false;
  if (!EXPIRES_PATTERN.test(rawExpires) || !SIG_PATTERN.test(sig)) return false;
  const expires = Number(rawExpires);
  const nowSeconds = nowMs / 1000;
  if (expires <= nowSeconds || expires > nowSeconds + PREVIEW_MAX_HOURS * 3600 + 60) return false;
  const given = Buffer.from(sig, 'hex');
  const expected = digest(secret, slug, expires);
  return given.length === SIG_BYTES && given.length === expected.length && timingSafeEqual(given, expected);
}
