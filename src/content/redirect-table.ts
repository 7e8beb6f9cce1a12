/**
 * Redirects compiled into the lookup the site answers from, once per catalog:
 * exact paths in a Map, patterns (`/news/:slug`) grouped by their first
 * segment and matched segment by segment, so a request costs one Map lookup
 * and, for a path no exact entry has, a few segment compares; never a scan
 * over every redirect. Exact entries win over patterns; among patterns the
 * first one listed wins.
 *
 * A redirect to a path that is itself redirected is followed here, up to
 * MAX_HOPS, so a reader gets the final address in one answer (validation
 * in redirects.ts reports such chains and refuses loops; this bound is only
 * a guard for what a pattern fills in at request time).
 */
import type { Redirect } from './model';
import type { RedirectStatus } from './schema';

/** A `:name` path segment, in `from` and in `to`. */
export const PLACEHOLDER = /^:([A-Za-z_][A-Za-z0-9_]*)$/;
/** How many redirects one request may pass through before the answer is the address reached so far. */
export const MAX_HOPS = 10;

export interface RedirectAnswer {
  status: RedirectStatus;
  /** Where to go (absent for 410). */
  location?: string;
}

/** One redirect that matched a path, with `to` filled in from the path's segments. */
export interface RedirectHop {
  redirect: Redirect;
  location?: string;
}

/** The redirects a path passes through, in order, and whether they come back to one already passed. */
export interface RedirectTrace {
  hops: RedirectHop[];
  loop: boolean;
}

export interface RedirectTable {
  /** How many redirects it holds. */
  readonly size: number;
  /** The redirects it was compiled from, in their order (the purge side fingerprints them). */
  readonly entries: readonly Redirect[];
  /** The one redirect that matches a path (no query string), without following it. */
  match(path: string): RedirectHop | undefined;
  /** Every redirect a path passes through, following site paths until none matches. */
  trace(path: string): RedirectTrace;
  /** What a request for `path` is answered with: the final address (or 410), or undefined when no redirect applies or they loop. */
  answer(path: string): RedirectAnswer | undefined;
}

type Piece = { literal: string } | { param: string };

interface Pattern {
  redirect: Redirect;
  /** `from`'s segments after the first (which is the group's key). */
  rest: readonly Piece[];
  /** `to` as text and `:name` pieces, joined when filled. */
  target: readonly Piece[] | undefined;
}

/** The part of an address before its query string or fragment, and the rest. */
export function splitSuffix(address: string): { path: string; suffix: string } {
  const at = address.search(/[?#]/);
  return at === -1 ? { path: address, suffix: '' } : { path: address.slice(0, at), suffix: address.slice(at) };
}

/** A path's segments: "/a/b" → ["a", "b"], "/" → []. */
export function segmentsOf(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

/** Where an address's path begins: after "https://host" for an absolute URL (its host is never filled in), else 0. */
export function pathStart(address: string): number {
  const scheme = /^https?:\/\//i.exec(address);
  if (!scheme) return 0;
  const slash = address.indexOf('/', scheme[0].length);
  return slash === -1 ? address.length : slash;
}

/** `to` cut at its `:name` path segments, so filling it in is a join. */
function targetPieces(to: string): Piece[] {
  const start = pathStart(to);
  const { path, suffix } = splitSuffix(to.slice(start));
  const pieces: Piece[] = [];
  let text = to.slice(0, start);
  path.split('/').forEach((segment, i) => {
    if (i > 0) text += '/';
    const param = PLACEHOLDER.exec(segment);
    if (!param) {
      text += segment;
      return;
    }
    pieces.push({ literal: text }, { param: param[1] as string });
    text = '';
  });
  pieces.push({ literal: text + suffix });
  return pieces;
}

function fill(pieces: readonly Piece[], values: ReadonlyMap<string, string>): string {
  let out = '';
  for (const piece of pieces) out += 'literal' in piece ? piece.literal : (values.get(piece.param) ?? '');
  return out;
}

/** Whether a `from` has `:name` segments. */
export function isPattern(from: string): boolean {
  return segmentsOf(from).some((segment) => PLACEHOLDER.test(segment));
}

/** A site path (not an absolute URL, not protocol-relative): what a redirect may lead on to another redirect. */
export function isSitePath(address: string): boolean {
  return address.startsWith('/') && !address.startsWith('//');
}

export function compileRedirects(redirects: readonly Redirect[]): RedirectTable {
  const exact = new Map<string, Redirect>();
  const patterns = new Map<string, Pattern[]>();
  for (const redirect of redirects) {
    if (!isPattern(redirect.from)) {
      if (!exact.has(redirect.from)) exact.set(redirect.from, redirect);
      continue;
    }
    const [first = '', ...rest] = segmentsOf(redirect.from);
    const pattern: Pattern = {
      redirect,
      rest: rest.map((segment) => {
        const param = PLACEHOLDER.exec(segment);
        return param ? { param: param[1] as string } : { literal: segment };
      }),
      target: redirect.to === undefined ? undefined : targetPieces(redirect.to),
    };
    const group = patterns.get(first);
    if (group) group.push(pattern);
    else patterns.set(first, [pattern]);
  }

  const matchPattern = (pattern: Pattern, segments: readonly string[]): RedirectHop | undefined => {
    if (segments.length !== pattern.rest.length + 1) return undefined;
    const values = new Map<string, string>();
    for (let i = 0; i < pattern.rest.length; i += 1) {
      const piece = pattern.rest[i] as Piece;
      const segment = segments[i + 1] as string;
      if ('literal' in piece) {
        if (piece.literal !== segment) return undefined;
      } else {
        // A backslash is never filled in: some browsers read "/\host" in a Location as "//host", another site.
        if (segment === '' || segment.includes('\\')) return undefined;
        values.set(piece.param, segment);
      }
    }
    return { redirect: pattern.redirect, ...(pattern.target && { location: fill(pattern.target, values) }) };
  };

  const match = (path: string): RedirectHop | undefined => {
    const found = exact.get(path);
    if (found) return { redirect: found, ...(found.to !== undefined && { location: found.to }) };
    if (patterns.size === 0 || !path.startsWith('/')) return undefined;
    const end = path.indexOf('/', 1);
    const group = patterns.get(path.slice(1, end === -1 ? undefined : end));
    if (!group) return undefined;
    const segments = segmentsOf(path);
    for (const pattern of group) {
      const hop = matchPattern(pattern, segments);
      if (hop) return hop;
    }
    return undefined;
  };

  const trace = (path: string): RedirectTrace => {
    const hops: RedirectHop[] = [];
    const seen = new Set<string>([path]);
    let current = path;
    while (hops.length < MAX_HOPS) {
      const hop = match(current);
      if (!hop) break;
      hops.push(hop);
      // Followed only to a bare site path: a target with its own query string says exactly where to go.
      if (hop.location === undefined || !isSitePath(hop.location) || /[?#]/.test(hop.location)) break;
      if (seen.has(hop.location)) return { hops, loop: true };
      seen.add(hop.location);
      current = hop.location;
    }
    return { hops, loop: false };
  };

  return {
    size: redirects.length,
    entries: redirects,
    match,
    trace,
    answer(path) {
      const { hops, loop } = trace(path);
      const first = hops[0];
      if (loop || !first) return undefined;
      const last = hops[hops.length - 1] as RedirectHop;
      // Gone at the end of the way is gone: a redirect to a 410 answers 410 itself.
      if (last.location === undefined) return { status: 410 };
      return { status: first.redirect.status, location: last.location };
    },
  };
}

/** A redirect's address with the request's query string kept (before the target's own fragment, after its own query). */
export function withQuery(location: string, query: string): string {
  if (query === '' || query === '?') return location;
  const params = query.startsWith('?') ? query.slice(1) : query;
  const hash = location.indexOf('#');
  const base = hash === -1 ? location : location.slice(0, hash);
  const fragment = hash === -1 ? '' : location.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}${params}${fragment}`;
}
