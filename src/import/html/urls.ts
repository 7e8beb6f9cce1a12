/**
 * Which URLs an imported item may keep: link targets (http(s), mailto and
 * site paths, the ones src/text/inline.ts renders) and image sources (http(s)
 * URLs, or file names and relative paths the import writer looks up).
 * Everything is checked on the decoded attribute value, with the tabs and
 * line breaks removed that a browser would ignore ("java&#x0A;script:").
 */

/** An attribute value as a browser would use it as a URL: trimmed, tabs and line breaks gone. */
function urlValue(raw: string): string {
  return raw.replace(/[\t\n\r]/g, '').trim();
}

/** Longest URL kept; a longer one is dropped (huge attributes are an attack, not a link). */
export const MAX_URL = 2048;

/**
 * A link target the site may print, or why not. Protocol-relative URLs
 * ("//example.org/x") become https. The result is written for a Markdown link
 * destination: spaces, parentheses, angle brackets, backslashes, quotes and
 * controls are percent-encoded.
 */
export function linkTarget(raw: string): { url: string } | { reason: string } {
  let url = urlValue(raw);
  if (url.length > MAX_URL) return { reason: 'a link longer than 2048 characters' };
  if (url.startsWith('//')) url = `https:${url}`;
  if (/^https?:\/\/[^/?#\s]/i.test(url) || /^mailto:[^\s]/i.test(url) || /^\/(?!\/)/.test(url)) return { url: encodeDestination(url) };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  if (scheme) return { reason: `a ${scheme.toLowerCase()}: link` };
  if (url.startsWith('#')) return { reason: 'a link to a part of the original page' };
  return { reason: 'a relative link' };
}

function encodeDestination(url: string): string {
  return url.replace(/[\s()<>\\"'`\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * An image source as the item gives it (an http(s) URL, or a file name or
 * relative path for --media), or why it cannot be one.
 */
export function imageSource(raw: string): { src: string } | { reason: string } {
  let src = urlValue(raw);
  if (!src) return { reason: 'an image without a source' };
  if (src.length > MAX_URL) return { reason: 'an image whose source is longer than 2048 characters' };
  if (src.startsWith('//')) src = `https:${src}`;
  if (/^https?:\/\/[^/?#\s]/i.test(src)) return { src };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1];
  if (scheme) return { reason: scheme.toLowerCase() === 'data' ? 'an image inlined as a data: URL' : `an image with a ${scheme.toLowerCase()}: source` };
  if (/[\u0000-\u001f\u007f]/.test(src)) return { reason: 'an image source with control characters' };
  return { src };
}
