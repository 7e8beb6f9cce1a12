/**
 * Known embeds: a YouTube or Vimeo video, a post on X (Twitter) or Instagram,
 * recognised from any URL form their players, share links and embed codes
 * use, and named by one canonical https URL a reader can follow (the site
 * shows a link card and loads nothing from the provider).
 */
import type { EmbedProvider } from './blocks';

export interface EmbedRef {
  provider: EmbedProvider;
  url: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const INSTAGRAM_CODE = /^[A-Za-z0-9_-]{5,64}$/;
const DIGITS = /^\d{1,30}$/;
const X_USER = /^[A-Za-z0-9_]{1,30}$/;

function parse(raw: string): URL | undefined {
  const text = raw.replace(/[\t\n\r]/g, '').trim();
  if (text.length > 2048) return undefined;
  try {
    const url = new URL(text.startsWith('//') ? `https:${text}` : text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const hostIs = (url: URL, ...hosts: string[]): boolean => hosts.includes(url.hostname.toLowerCase().replace(/^(?:www|m|mobile)\./, ''));

function youtube(url: URL, parts: string[]): string | undefined {
  let id: string | undefined;
  if (hostIs(url, 'youtu.be')) id = parts[0];
  else if (hostIs(url, 'youtube.com', 'youtube-nocookie.com', 'music.youtube.com')) {
    if (parts[0] === 'watch') id = url.searchParams.get('v') ?? undefined;
    else if (parts[0] && ['embed', 'v', 'shorts', 'live', 'e'].includes(parts[0])) id = parts[1];
  }
  return id && YOUTUBE_ID.test(id) ? `https://www.youtube.com/watch?v=${id}` : undefined;
}

function vimeo(url: URL, parts: string[]): string | undefined {
  if (hostIs(url, 'player.vimeo.com')) {
    if (parts[0] !== 'video' || !parts[1] || !DIGITS.test(parts[1])) return undefined;
    const hash = url.searchParams.get('h');
    return `https://vimeo.com/${parts[1]}${hash && /^[0-9a-f]{4,40}$/i.test(hash) ? `/${hash}` : ''}`;
  }
  if (!hostIs(url, 'vimeo.com')) return undefined;
  // vimeo.com/123, vimeo.com/123/abcdef (unlisted), vimeo.com/channels/x/123, vimeo.com/groups/x/videos/123
  const at = parts.findIndex((part) => DIGITS.test(part));
  if (at < 0) return undefined;
  const id = parts[at] as string;
  const hash = at === 0 && parts[1] && /^[0-9a-f]{4,40}$/i.test(parts[1]) ? `/${parts[1]}` : '';
  return `https://vimeo.com/${id}${hash}`;
}

function x(url: URL, parts: string[]): string | undefined {
  if (hostIs(url, 'platform.twitter.com')) {
    const id = url.searchParams.get('id');
    return id && DIGITS.test(id) ? `https://x.com/i/status/${id}` : undefined;
  }
  if (!hostIs(url, 'twitter.com', 'x.com')) return undefined;
  const [user, kind, id] = parts;
  if (user && X_USER.test(user) && (kind === 'status' || kind === 'statuses') && id && DIGITS.test(id)) return `https://x.com/${user}/status/${id}`;
  if (user === 'i' && kind === 'web' && parts[2] === 'status' && parts[3] && DIGITS.test(parts[3])) return `https://x.com/i/status/${parts[3]}`;
  return undefined;
}

function instagram(url: URL, parts: string[]): string | undefined {
  if (!hostIs(url, 'instagram.com', 'instagr.am')) return undefined;
  // /p/CODE/, /reel/CODE/, /tv/CODE/, optionally after a user name, optionally with /embed after it.
  const at = parts.findIndex((part) => part === 'p' || part === 'reel' || part === 'tv');
  if (at < 0 || at > 1) return undefined;
  const code = parts[at + 1];
  return code && INSTAGRAM_CODE.test(code) ? `https://www.instagram.com/${parts[at]}/${code}/` : undefined;
}

const PROVIDERS: [EmbedProvider, (url: URL, parts: string[]) => string | undefined][] = [
  ['youtube', youtube],
  ['vimeo', vimeo],
  ['x', x],
  ['instagram', instagram],
];

/** The embed a URL names, if it is a video or post of a known provider. */
export function embedOf(raw: string): EmbedRef | undefined {
  const url = parse(raw);
  if (!url) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  for (const [provider, canonical] of PROVIDERS) {
    const found = canonical(url, parts);
    if (found) return { provider, url: found };
  }
  return undefined;
}
