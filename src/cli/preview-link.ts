/**
 * `npm run preview-link -- <slug> [--hours N] [--base URL] [--data DIR]`:
 * prints a signed link to an article's preview (/preview/<slug>?expires=…&sig=…),
 * absolute, on stdout alone (so a script can take it), and on stderr what the
 * story's state is: a draft, embargoed until when, or already live.
 * Signed with PREVIEW_SECRET, which must be the server's own
 * (docs/decisions/0014-preview-links.md).
 * Exit 0: a link was printed; 1: no such article, or the data cannot be
 * loaded; 2: bad usage (no PREVIEW_SECRET, a bad --hours or --base).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, readPreviewSecret, siteAddress } from '../config';
import { isVisible } from '../content/catalog';
import { ContentLoadError, loadContent } from '../content/load';
import { PREVIEW_DEFAULT_HOURS, PREVIEW_MAX_HOURS, previewExpiry, previewPath } from '../routes/preview-signature';
import { absoluteUrl, urls } from '../routes/urls';

const HELP = `usage: npm run preview-link -- SLUG [options]

  --hours N     how long the link works, in whole hours (default ${PREVIEW_DEFAULT_HOURS}, at most ${PREVIEW_MAX_HOURS})
  --base URL    the site's public address (default: BASE_URL, else baseUrl in site.json)
  --data DIR    the data folder (default: DATA_DIR or ./data)
  --help

Needs PREVIEW_SECRET in the environment: the same value the server runs with.
`;

class UsageError extends Error {}

function hoursOf(raw: string | undefined): number {
  if (raw === undefined) return PREVIEW_DEFAULT_HOURS;
  const hours = Number(raw);
  if (!/^\d+$/.test(raw) || hours < 1 || hours > PREVIEW_MAX_HOURS) throw new UsageError(`--hours must be a whole number from 1 to ${PREVIEW_MAX_HOURS}, got "${raw}"`);
  return hours;
}

async function main(argv: string[]): Promise<number> {
  let slug: string;
  let hours: number;
  let baseUrl: string | undefined;
  let secret: string | undefined;
  let dir: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { hours: { type: 'string' }, base: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', default: false } },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `one slug at a time, got ${positionals.length}` : 'which article? give its slug');
    slug = positionals[0] as string;
    hours = hoursOf(values.hours);
    baseUrl = values.base === undefined ? siteAddress(process.env.BASE_URL, 'BASE_URL') : siteAddress(values.base, '--base');
    secret = readPreviewSecret(process.env);
    if (!secret) throw new UsageError('PREVIEW_SECRET is not set: set it to the value the server runs with (previews are off without it)');
    dir = path.resolve(values.data ?? process.env.DATA_DIR ?? './data');
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
    process.stderr.write(`preview-link: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }

  let content;
  try {
    content = await loadContent(dir, baseUrl ? { baseUrl } : {});
  } catch (error) {
    if (!(error instanceof ContentLoadError)) throw error;
    process.stderr.write(`preview-link: cannot load ${dir}: site.json is missing or invalid (npm run validate says more)\n`);
    return 1;
  }
  const article = content.articles.get(slug);
  if (!article) {
    process.stderr.write(`preview-link: no article "${slug}" in ${dir} (a record that fails validation is not loaded: npm run validate lists why)\n`);
    return 1;
  }

  const now = Date.now();
  const expires = previewExpiry(now, hours);
  const site = content.site;
  process.stdout.write(`${absoluteUrl(site, previewPath(secret, slug, expires))}\n`);
  const until = `the link works for ${hours} hours, until ${new Date(expires * 1000).toISOString()}`;
  if (isVisible(article, now)) {
    process.stderr.write(`"${slug}" is already published: its public page is ${absoluteUrl(site, urls.article(slug))}; ${until}\n`);
  } else if (article.status === 'draft') {
    process.stderr.write(`"${slug}" is a draft; ${until}\n`);
  } else {
    process.stderr.write(`"${slug}" is embargoed until ${article.publishedAt.toISOString()}; ${until}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
