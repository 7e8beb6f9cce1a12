/**
 * `npm run corpus -- --articles N --out DIR [--seed S] [--force]`: writes a
 * deterministic, realistic corpus for benchmarks and scale tests (docs/corpus.md).
 * Exit codes: 0 written, 1 failed (e.g. DIR not empty), 2 bad arguments.
 */
import path from 'node:path';
import { OutputNotEmptyError, writeCorpus } from '../corpus/generate';

const USAGE = `usage: npm run corpus -- --articles N --out DIR [--seed S] [--force]

  --articles N   number of articles to generate (a positive integer)
  --out DIR      folder to write into; must be empty or missing unless --force
  --seed S       PRNG seed, an integer from 0 to 4294967295 (default 1)
  --force        replace a corpus already in DIR (removes site.json, authors/,
                 sources/, articles/ and images/corpus/ there, nothing else)`;

export interface CorpusArgs {
  articles: number;
  out: string;
  seed: number;
  force: boolean;
}

export class UsageError extends Error {}

const MAX_ARTICLES = 10_000_000;

function parseInteger(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be an integer, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be from ${min} to ${max}, got ${value}`);
  return n;
}

/** Parses argv (without node and the script); returns undefined for --help. */
export function parseArgs(argv: readonly string[]): CorpusArgs | undefined {
  let articles: number | undefined;
  let out: string | undefined;
  let seed = 1;
  let force = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--force') {
      force = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--articles' && flag !== '--out' && flag !== '--seed') throw new UsageError(`unknown argument "${arg}"`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    if (flag === '--articles') articles = parseInteger(flag, value, 1, MAX_ARTICLES);
    else if (flag === '--seed') seed = parseInteger(flag, value, 0, 0xffffffff);
    else out = value;
  }
  if (articles === undefined) throw new UsageError('--articles is required');
  if (out === undefined) throw new UsageError('--out is required');
  return { articles, out, seed, force };
}

async function main(): Promise<number> {
  let args: CorpusArgs | undefined;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`corpus: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const dir = path.resolve(args.out);
  const started = process.hrtime.bigint();
  try {
    const s = await writeCorpus(dir, { articles: args.articles, seed: args.seed }, { force: args.force });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `${dir}: ${s.articles} articles (${s.drafts} drafts, ${s.embargoed} embargoed), ${s.authors} authors, ${s.sources} sources, ${s.tags} tags, ` +
        `${s.images} images; ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (seed ${args.seed})`,
    );
    return 0;
  } catch (error) {
    if (error instanceof OutputNotEmptyError) {
      console.error(`corpus: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
