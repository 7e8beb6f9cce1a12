/**
 * Checking redirects against the content they lead to, once every article
 * and page is resolved. Two kinds come in: each article's previousSlugs
 * (/articles/<old> → /articles/<slug>, 301) and the entries of
 * data/redirects.json. A bad one is dropped with a problem naming its file
 * and field; the others keep working. The checks, in order:
 *
 *   1. each path on its own: `from` a site path (`:name` segments allowed
 *      after a fixed first one), `to` a site path or an http(s) URL using
 *      only the placeholders `from` has;
 *   2. one redirect per address: a second `from` for the same address (or
 *      an old slug another article also claims) is refused;
 *   3. no shadowing: a `from` where a page answers (an article, drafts and
 *      embargoed ones included, a static page, a route) is refused, since
 *      that page would win and the redirect would never answer;
 *   4. no loops: every redirect in one is refused;
 *   5. targets exist: a `to` on this site must be a page that answers (an
 *      embargoed article's redirect waits for it; a draft is refused), or
 *      another redirect, which makes a chain;
 *   6. chains are kept and followed (readers get the final address in one
 *      answer, redirect-table.ts) but reported, so the file can be tidied.
 *
 * Why chains are followed rather than refused, and why an embargoed target
 * waits: docs/decisions/0013-redirects.md.
 */
import { urls } from '../routes/urls';
import type { Article, Redirect } from './model';
import type { Problem } from './problems';
import { compileRedirects, isSitePath, pathStart, PLACEHOLDER, segmentsOf, splitSuffix, type RedirectTable } from './redirect-table';
import { REDIRECTS_FILE, type RedirectEntry } from './redirects-file';
import { occupantOf, type SiteIndex } from './site-paths';
import { httpUrl } from '../fields';

type Fail = (field: string, message: string) => void;

/** The placeholder names of a valid `from`, or a problem with it. */
function checkFrom(from: string): { names: Set<string> } | { problem: string } {
  if (!isSitePath(from)) return { problem: 'must be a site path starting with "/", such as "/news/old-story"' };
  if (/[?#]/.test(from)) return { problem: 'must be a path only, without a query string (?…) or fragment (#…): the query a reader sends is kept on the redirect' };
  if (/[^\x21-\x7e]/.test(from)) return { problem: 'must be written as a browser sends it: no spaces, and other characters percent-encoded ("%C3%A9" for "é")' };
  if (from.length > 1 && from.endsWith('/')) return { problem: `must not end with "/": write "${from.replace(/\/+$/, '')}", which also answers for the form with a slash` };
  const names = new Set<string>();
  const segments = segmentsOf(from);
  for (const [i, segment] of segments.entries()) {
    if (segment === '') return { problem: 'must not have empty segments ("//")' };
    if (segment === '.' || segment === '..') return { problem: 'must not have "." or ".." segments' };
    const param = PLACEHOLDER.exec(segment);
    if (param) {
      if (i === 0) return { problem: 'must start with a fixed segment ("/news/:slug", not "/:slug"): a placeholder first would cover every address on the site' };
      const name = param[1] as string;
      if (names.has(name)) return { problem: `uses :${name} twice; give each placeholder its own name` };
      names.add(name);
    } else if (/[:*]/.test(segment)) {
      return { problem: `has "${segment}": a placeholder is a whole segment, ":" and a name (such as "/news/:slug"), and "*" is not supported` };
    }
  }
  return { names };
}

/** A problem with `to`, given the placeholders `from` has, or undefined. */
function checkTo(to: string, names: ReadonlySet<string>): string | undefined {
  const external = /^https?:\/\//i.test(to);
  if (external ? !httpUrl.safeParse(to).success : !isSitePath(to)) return 'must be a site path ("/articles/new-slug") or an absolute http(s) URL';
  if (/\s/.test(to)) return 'must not contain spaces (percent-encode them as %20)';
  for (const segment of splitSuffix(to.slice(pathStart(to))).path.split('/')) {
    const param = PLACEHOLDER.exec(segment);
    if (param && !names.has(param[1] as string)) {
      return names.size === 0
        ? `uses :${param[1]}, but "from" is an exact path with no placeholders to fill it`
        : `uses :${param[1]}, which "from" has not (it has ${[...names].map((n) => `:${n}`).join(', ')})`;
    }
  }
  return undefined;
}

/** The address key two `from`s share when they match the same paths: placeholders by position, not name. */
const addressKey = (from: string) => segmentsOf(from).map((segment) => (PLACEHOLDER.test(segment) ? ':' : segment)).join('/');

const describe = (redirect: Redirect) => `${redirect.file} ${redirect.field}`;

/**
 * previousSlugs as redirects. An old slug that is an article's slug now (its
 * own or another's) is refused; one two articles claim is refused for both,
 * since neither is clearly right. The article keeps its page either way.
 */
function previousSlugRedirects(articles: ReadonlyMap<string, Article>, problems: Problem[]): Redirect[] {
  const claims = new Map<string, { article: Article; field: string }[]>();
  for (const article of articles.values()) {
    const seen = new Set<string>();
    article.previousSlugs?.forEach((old, i) => {
      const field = `previousSlugs[${i}]`;
      if (seen.has(old)) return;
      seen.add(old);
      if (old === article.slug) {
        problems.push({ file: article.file, field, message: `is the article's own slug; list only the slugs it had before` });
        return;
      }
      const holder = articles.get(old);
      if (holder) {
        problems.push({ file: article.file, field, message: `"${old}" is the slug of ${holder.file}, which answers at ${urls.article(old)} itself; remove it here, or rename that article first` });
        return;
      }
      const list = claims.get(old);
      if (list) list.push({ article, field });
      else claims.set(old, [{ article, field }]);
    });
  }
  const redirects: Redirect[] = [];
  for (const [old, list] of claims) {
    if (list.length > 1) {
      for (const { article, field } of list) {
        const others = list.filter((c) => c.article !== article).map((c) => c.article.file);
        problems.push({ file: article.file, field, message: `"${old}" is also an old slug of ${others.join(', ')}; ${urls.article(old)} redirects nowhere until only one article lists it` });
      }
      continue;
    }
    const { article, field } = list[0] as { article: Article; field: string };
    // waitsFor: a draft's or an embargoed article's old address answers only once the article can be read.
    redirects.push({ from: urls.article(old), to: urls.article(article.slug), status: 301, waitsFor: article.slug, file: article.file, field });
  }
  return redirects;
}

/** Entries of redirects.json that pass checks 1 to 3, as redirects. */
function entryRedirects(entries: readonly RedirectEntry[], index: SiteIndex, taken: Map<string, Redirect>, problems: Problem[]): Redirect[] {
  const redirects: Redirect[] = [];
  for (const { index: at, record } of entries) {
    const before = problems.length;
    const fail: Fail = (field, message) => problems.push({ file: REDIRECTS_FILE, field: `[${at}].${field}`, message });
    const from = checkFrom(record.from);
    if ('problem' in from) {
      fail('from', from.problem);
      continue;
    }
    const toProblem = record.to === undefined ? undefined : checkTo(record.to, from.names);
    if (toProblem) fail('to', toProblem);
    const key = addressKey(record.from);
    const first = taken.get(key);
    if (first) fail('from', `"${record.from}" is already redirected by ${describe(first)}; keep one`);
    const occupant = occupantOf(index, record.from);
    if (occupant.kind === 'draft' || occupant.kind === 'embargoed') {
      fail('from', `is the address of ${occupant.what}, which will answer there once readers can see it; a redirect only answers an address no page has`);
    } else if (occupant.kind !== 'none') {
      fail('from', `is the address of ${occupant.what}, which answers there itself; a redirect only answers an address no page has`);
    }
    if (problems.length > before) continue;
    const redirect: Redirect = { from: record.from, ...(record.to !== undefined && { to: record.to }), status: record.status, file: REDIRECTS_FILE, field: `[${at}]` };
    taken.set(key, redirect);
    redirects.push(redirect);
  }
  return redirects;
}

const pathOf = (from: string, table: RedirectTable) => [from, ...table.trace(from).hops.map((hop) => hop.location ?? '(gone, 410)')].join(' → ');

/** Check 4: redirects in a loop are refused, all of them; returns the others. */
function withoutLoops(redirects: Redirect[], problems: Problem[]): Redirect[] {
  const table = compileRedirects(redirects);
  const looping = new Set(redirects.filter((r) => table.trace(r.from).loop));
  for (const redirect of looping) problems.push({ file: redirect.file, field: `${redirect.field}.to`, message: `makes a loop (${pathOf(redirect.from, table)}); every redirect in it is ignored` });
  return looping.size === 0 ? redirects : redirects.filter((r) => !looping.has(r));
}

/**
 * Check 5: a site `to` must be a page that answers, or another redirect.
 * Refusing one can leave another pointing at nothing, so it runs until no
 * more are refused. An embargoed article's redirect is kept, waiting for it.
 */
function withTargets(redirects: Redirect[], index: SiteIndex, problems: Problem[]): Redirect[] {
  let kept = redirects;
  for (;;) {
    const table = compileRedirects(kept);
    const refused = new Set<Redirect>();
    kept = kept.map((redirect) => {
      if (redirect.to === undefined || !isSitePath(redirect.to) || redirect.file !== REDIRECTS_FILE) return redirect;
      const { path } = splitSuffix(redirect.to);
      if (table.match(path)) return redirect; // a chain: followed, and reported below
      const occupant = occupantOf(index, path);
      const fail = (message: string) => {
        problems.push({ file: redirect.file, field: `${redirect.field}.to`, message });
        refused.add(redirect);
        return redirect;
      };
      switch (occupant.kind) {
        case 'page':
          return redirect;
        case 'embargoed':
          return { ...redirect, waitsFor: occupant.slug };
        case 'draft':
          return fail(`is the address of ${occupant.what}, which readers cannot see; publish it first, or send readers elsewhere`);
        case 'files':
          return fail(`is under ${occupant.what}; a redirect leads to a page`);
        case 'none':
          return fail(`does not exist: no page answers at ${path}`);
      }
    });
    if (refused.size === 0) return kept;
    kept = kept.filter((r) => !refused.has(r));
  }
}

/** Check 6: a redirect whose target is redirected again is followed, and said so. */
function reportChains(redirects: readonly Redirect[], problems: Problem[]): void {
  const table = compileRedirects(redirects);
  for (const redirect of redirects) {
    const { hops } = table.trace(redirect.from);
    if (hops.length < 2) continue;
    const last = hops[hops.length - 1]?.location;
    const end = last === undefined ? 'answer 410 (gone)' : `go straight to ${last}`;
    problems.push({
      file: redirect.file,
      field: `${redirect.field}.to`,
      message: `leads on through ${hops.length - 1} more redirect${hops.length > 2 ? 's' : ''} (${pathOf(redirect.from, table)}); readers ${end}, but writing that here saves the detour`,
    });
  }
}

/** Every redirect that passes its checks: previousSlugs first, then redirects.json in its order. */
export function resolveRedirects(entries: readonly RedirectEntry[], index: SiteIndex, problems: Problem[]): Redirect[] {
  const previous = previousSlugRedirects(index.articles, problems);
  const taken = new Map(previous.map((r) => [addressKey(r.from), r]));
  const all = [...previous, ...entryRedirects(entries, index, taken, problems)];
  const redirects = withTargets(withoutLoops(all, problems), index, problems);
  reportChains(redirects, problems);
  return redirects;
}
