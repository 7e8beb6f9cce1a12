/**
 * Preview link signatures: a link made with the secret verifies for its slug
 * until it expires; any change to slug, expiry or signature, another secret,
 * an expired or far-future link, and every malformed query are refused.
 * PREVIEW_SECRET shorter than the minimum stops the start, naming it.
 */
import { ConfigError, readConfig, readPreviewSecret } from '../../src/config';
import { PREVIEW_MAX_HOURS, PREVIEW_SECRET_MIN_LENGTH, previewExpiry, previewPath, signPreview, verifyPreview } from '../../src/routes/preview-signature';

const SECRET = 'k'.repeat(PREVIEW_SECRET_MIN_LENGTH);
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const EXPIRES = previewExpiry(NOW, 48);
const SIG = signPreview(SECRET, 'draft-story', EXPIRES);

const verify = (query: Record<string, unknown>, slug = 'draft-story', now = NOW, secret = SECRET) => verifyPreview(secret, slug, query, now);

describe('a signed preview link', () => {
  test('is /preview/<slug>?expires=<unix seconds>&sig=<64 hex>, expiring the given hours from now', () => {
    expect(EXPIRES).toBe(NOW / 1000 + 48 * 3600);
    expect(SIG).toMatch(/^[0-9a-f]{64}$/);
    expect(previewPath(SECRET, 'draft-story', EXPIRES)).toBe(`/preview/draft-story?expires=${EXPIRES}&sig=${SIG}`);
  });

  test('verifies for its slug until it expires, and not from the second it does', () => {
    expect(verify({ expires: String(EXPIRES), sig: SIG })).toBe(true);
    expect(verify({ expires: String(EXPIRES), sig: SIG }, 'draft-story', EXPIRES * 1000 - 1)).toBe(true);
    expect(verify({ expires: String(EXPIRES), sig: SIG }, 'draft-story', EXPIRES * 1000)).toBe(false);
    expect(verify({ expires: String(EXPIRES), sig: SIG }, 'draft-story', EXPIRES * 1000 + 3_600_000)).toBe(false);
  });

  test('is refused for another slug, another expiry, another secret or a changed signature', () => {
    expect(verify({ expires: String(EXPIRES), sig: SIG }, 'draft-storyx')).toBe(false);
    expect(verify({ expires: String(EXPIRES), sig: SIG }, 'other-story')).toBe(false);
    expect(verify({ expires: String(EXPIRES + 1), sig: SIG })).toBe(false);
    expect(verify({ expires: String(EXPIRES - 1), sig: SIG })).toBe(false);
    expect(verify({ expires: String(EXPIRES), sig: SIG }, 'draft-story', NOW, 'j'.repeat(PREVIEW_SECRET_MIN_LENGTH))).toBe(false);
    const flipped = `${SIG.slice(0, -1)}${SIG.endsWith('0') ? '1' : '0'}`;
    expect(verify({ expires: String(EXPIRES), sig: flipped })).toBe(false);
  });

  test('slug and expiry cannot trade characters: the signed text is unambiguous', () => {
    // Plain concatenation would sign "a" expiring at 1<EXPIRES> and "a1" expiring at <EXPIRES> alike.
    expect(signPreview(SECRET, 'a', Number(`1${EXPIRES}`))).not.toBe(signPreview(SECRET, 'a1', EXPIRES));
  });

  test.each([
    ['a signature one character short', { expires: String(EXPIRES), sig: SIG.slice(1) }],
    ['a signature one character long', { expires: String(EXPIRES), sig: `${SIG}0` }],
    ['a signature in upper case', { expires: String(EXPIRES), sig: SIG.toUpperCase() }],
    ['a signature that is not hex', { expires: String(EXPIRES), sig: `${SIG.slice(0, -1)}g` }],
    ['a base64 signature', { expires: String(EXPIRES), sig: Buffer.from(SIG, 'hex').toString('base64url') }],
    ['an empty signature', { expires: String(EXPIRES), sig: '' }],
    ['no signature', { expires: String(EXPIRES) }],
    ['no expiry', { sig: SIG }],
    ['nothing', {}],
    ['a repeated signature', { expires: String(EXPIRES), sig: [SIG, SIG] }],
    ['a repeated expiry', { expires: [String(EXPIRES), String(EXPIRES)], sig: SIG }],
    ['an extra parameter', { expires: String(EXPIRES), sig: SIG, utm_source: 'chat' }],
    ['a negative expiry', { expires: `-${EXPIRES}`, sig: SIG }],
    ['an expiry with a fraction', { expires: `${EXPIRES}.0`, sig: SIG }],
    ['an expiry with a leading zero', { expires: `0${EXPIRES}`, sig: SIG }],
    ['an expiry with a plus sign', { expires: `+${EXPIRES}`, sig: SIG }],
    ['an expiry with spaces', { expires: ` ${EXPIRES}`, sig: SIG }],
    ['an expiry in exponent form', { expires: '1.8e9', sig: SIG }],
    ['an expiry with junk after it', { expires: `${EXPIRES}abc`, sig: SIG }],
    ['a zero expiry', { expires: '0', sig: SIG }],
    ['an expiry of many digits', { expires: '9'.repeat(400), sig: SIG }],
  ])('refuses %s', (_what, query) => {
    expect(verify(query)).toBe(false);
  });

  test('is refused when it claims to live longer than the longest a link may (even correctly signed)', () => {
    const far = previewExpiry(NOW, PREVIEW_MAX_HOURS + 1);
    expect(verify({ expires: String(far), sig: signPreview(SECRET, 'draft-story', far) })).toBe(false);
    const longest = previewExpiry(NOW, PREVIEW_MAX_HOURS);
    expect(verify({ expires: String(longest), sig: signPreview(SECRET, 'draft-story', longest) })).toBe(true);
  });
});

describe('PREVIEW_SECRET', () => {
  test('unset or empty turns previews off; a long enough one is kept as given', () => {
    expect(readPreviewSecret({})).toBeUndefined();
    expect(readPreviewSecret({ PREVIEW_SECRET: '' })).toBeUndefined();
    expect(readConfig({}).previewSecret).toBeUndefined();
    expect(readConfig({ PREVIEW_SECRET: SECRET }).previewSecret).toBe(SECRET);
  });

  test('a short one stops the start with a message naming the variable, never the secret', () => {
    const short = 'hunter2-is-not-a-secret';
    expect(() => readConfig({ PREVIEW_SECRET: short })).toThrow(ConfigError);
    expect(() => readConfig({ PREVIEW_SECRET: short })).toThrow(`PREVIEW_SECRET must be at least ${PREVIEW_SECRET_MIN_LENGTH} characters`);
    try {
      readConfig({ PREVIEW_SECRET: short });
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
  });
});
