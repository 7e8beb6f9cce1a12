/**
 * The metrics label of a request URL, matched against the route table. It
 * runs on every request, page-cache hits included, so it is compiled once
 * into a map from first path segment to the routes that can start with it,
 * and a match allocates only the first segment (the map key): segments are
 * found in place into a fixed scratch array and compared with startsWith.
 *
 * Empty segments are skipped (`/articles//x` counts as an article), and the
 * query string is ignored. A route whose labelScope is 'segment' also lends
 * its label to every other path under its first segment.
 */
import { TABLE, UNROUTED_LABEL, type Route, type RouteLabel } from './table';

/** A segment that must be one of some values (a literal, or a parameter with oneOf). */
interface Check {
  /** Its index among the path's segments. */
  readonly segment: number;
  readonly values: readonly string[];
}

/** A route as the matcher tries it, once its first segment matched. */
interface Candidate {
  readonly label: RouteLabel;
  /** Segments in all (a `*rest` route: the least, one per fixed segment plus at least one more). */
  readonly count: number;
  readonly orMore: boolean;
  /** The constrained segments after the first; the others take any value. */
  readonly checks: readonly Check[];
}

interface FirstSegment {
  readonly candidates: Candidate[];
  /** The label of a 'segment'-scoped route here: every path under this segment that no candidate matches. */
  fallback: RouteLabel | undefined;
}

export type LabelMatcher = (url: string) => RouteLabel;

export function compileLabelMatcher(table: readonly Route[] = TABLE): LabelMatcher {
  let rootLabel: RouteLabel = UNROUTED_LABEL;
  const byFirst = new Map<string, FirstSegment>();
  /** Routes whose first segment is a parameter that takes any value. */
  const anyFirst: FirstSegment = { candidates: [], fallback: undefined };
  let maxSegments = 1; // the first segment is always kept

  const entry = (segment: string): FirstSegment => {
    let found = byFirst.get(segment);
    if (!found) byFirst.set(segment, (found = { candidates: [...anyFirst.candidates], fallback: undefined }));
    return found;
  };
  for (const route of table) {
    const [first, ...after] = route.segments;
    if (first === undefined) {
      rootLabel = route.label;
      continue;
    }
    const orMore = after.length > 0 && 'rest' in (after[after.length - 1] as object);
    const fixed = orMore ? after.slice(0, -1) : after;
    const candidate: Candidate = {
      label: route.label,
      count: fixed.length + 1 + (orMore ? 1 : 0),
      orMore,
      checks: fixed.flatMap((s, i): Check[] => {
        const values = 'literal' in s ? [s.literal] : 'param' in s ? s.oneOf : undefined;
        return values ? [{ segment: i + 1, values }] : [];
      }),
    };
    maxSegments = Math.max(maxSegments, candidate.count);
    const firstValues = 'literal' in first ? [first.literal] : 'param' in first ? first.oneOf : undefined;
    if (firstValues === undefined) {
      // Any first segment: tried, in table order, after whatever was declared before it.
      if (route.labelScope === 'segment') throw new Error(`route ${route.name}: a segment-scoped label needs a literal first segment`);
      anyFirst.candidates.push(candidate);
      for (const found of byFirst.values()) found.candidates.push(candidate);
      continue;
    }
    for (const value of firstValues) {
      const found = entry(value);
      found.candidates.push(candidate);
      if (route.labelScope !== 'segment') continue;
      if (found.fallback !== undefined && found.fallback !== route.label) {
        throw new Error(`route ${route.name}: /${value}/… is already labelled ${found.fallback}`);
      }
      found.fallback = route.label;
    }
  }

  // First segments by length, so a lookup compares in place (startsWith) instead of cutting the segment out.
  const byLength: (readonly [string, FirstSegment])[][] = [];
  for (const [segment, found] of byFirst) (byLength[segment.length] ??= []).push([segment, found]);
  const lookup = (url: string, start: number, length: number): FirstSegment => {
    const keys = byLength[length];
    if (keys !== undefined) {
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i] as readonly [string, FirstSegment];
        if (url.startsWith(key[0], start)) return key[1];
      }
    }
    return anyFirst;
  };

  // Scratch space for segment bounds: one match at a time (JavaScript is single-threaded here).
  const starts = new Int32Array(maxSegments);
  const ends = new Int32Array(maxSegments);

  /** Whether segment `index` of the URL (found by the scan) is one of `values`. */
  const oneOf = (url: string, index: number, values: readonly string[]): boolean => {
    const start = starts[index] as number;
    const length = (ends[index] as number) - start;
    for (let v = 0; v < values.length; v += 1) {
      const value = values[v] as string;
      if (value.length === length && url.startsWith(value, start)) return true;
    }
    return false;
  };
  const matches = (url: string, candidate: Candidate, count: number): boolean => {
    if (candidate.orMore ? count < candidate.count : count !== candidate.count) return false;
    const checks = candidate.checks;
    for (let i = 0; i < checks.length; i += 1) {
      const check = checks[i] as Check;
      if (!oneOf(url, check.segment, check.values)) return false;
    }
    return true;
  };

  return (url: string): RouteLabel => {
    const query = url.indexOf('?');
    const end = query === -1 ? url.length : query;
    let count = 0;
    let start = 0;
    while (start < end) {
      let slash = url.indexOf('/', start);
      if (slash === -1 || slash > end) slash = end;
      if (slash > start) {
        if (count < maxSegments) {
          starts[count] = start;
          ends[count] = slash;
        }
        count += 1;
        if (count > maxSegments) break; // longer than every route: only "more than that" matters
      }
      start = slash + 1;
    }
    if (count === 0) return rootLabel;
    const first = lookup(url, starts[0] as number, (ends[0] as number) - (starts[0] as number));
    const candidates = first.candidates;
    for (let i = 0; i < candidates.length; i += 1) {
      const candidate = candidates[i] as Candidate;
      if (matches(url, candidate, count)) return candidate.label;
    }
    return first.fallback ?? UNROUTED_LABEL;
  };
}
