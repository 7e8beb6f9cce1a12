/**
 * Command-line options of `npm run bench`. Defaults give the full run the
 * benchmark report is made from; `--quick` is for checking the bench itself.
 */
export interface BenchOptions {
  /** Seconds of wrk load per measured URL. */
  durationSec: number;
  /** Interleaved rounds of (a), (b), (c); the best round of each is reported. */
  rounds: number;
  /** Seconds of wrk load per URL in the corpus-scale comparison. */
  scaleDurationSec: number;
  connections: number;
  /** In-process renders per page type. */
  renders: number;
  /** Corpus sizes for startup, memory and list-page scaling. */
  corpora: number[];
  /** Also record and summarise CPU profiles (uncached article under load, 100k startup). */
  profile: boolean;
  /** Skip `npm run build` (dist/ is already current). */
  build: boolean;
  /** LOG_LEVEL of the measured servers (production default: info, one line per request). */
  logLevel: 'info' | 'warn';
  /** WATCH of the measured servers (the default is on). */
  watch: boolean;
  /** Where corpora and profiles are kept between runs. */
  workDir: string | undefined;
  /** The server script to measure instead of dist/src/server.js (e.g. a copy of an older build). */
  serverJs: string | undefined;
  /** Seconds a corpus server may take to answer /readyz before its row says it did not become ready. */
  readyTimeoutSec: number;
  /** Where the corpora part writes its SVG chart (default docs/bench-scale.svg); undefined with --no-chart. */
  chartFile: string | undefined;
  /** Parts of the run to do (all by default): see BENCH_PARTS. */
  only: ReadonlySet<BenchPart>;
}

/**
 * The parts of a run: `cached` = (a)-(c) and (e), ceiling vs cached article, home and a Varnish hit;
 * `uncached` = (d); `render` = in-process cold renders; `corpora` = startup,
 * memory and list pages of generated corpora.
 */
export const BENCH_PARTS = ['cached', 'uncached', 'render', 'corpora'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export const USAGE = `usage: npm run bench -- [options]

  --quick            1 round of 5 s loads, 2 s scale loads, 500 renders, corpora 1k and 10k only
  --duration S       seconds of load per URL (default 10)
  --rounds N         interleaved rounds of (a)-(c) and (e), best reported (default 2)
  --scale-duration S seconds of load per URL at each corpus size (default 5)
  --connections N    wrk connections (default 50)
  --renders N        in-process renders per page type (default 2000)
  --corpora A,B,C    corpus sizes (default 1000,10000,100000), e.g. 1000,100000,1000000
  --ready-timeout S  seconds a corpus server may take to become ready; past that (or if it
                     dies, e.g. out of heap) its row says so and the bench goes on (default 900)
  --chart FILE       where the corpora part writes its SVG chart (default docs/bench-scale.svg)
  --no-chart         do not write the chart
  --profile          also record CPU profiles and print the top self-time functions
  --no-build         do not run npm run build first
  --log-level L      info (default, as in production) or warn
  --no-watch         start the servers with WATCH=0
  --work-dir DIR     where to keep generated corpora (default: $TMPDIR/newsreel-bench)
  --only P,Q         run only these parts: cached ((a)-(c), (e): ceiling vs cached pages, Varnish hit),
                     uncached ((d)), render (cold renders), corpora; e.g. --only cached,render
  --server-js FILE   measure this server script instead of dist/src/server.js (another build,
                     e.g. a copy of dist/ from before a change; implies --no-build)`;

export class BenchUsageError extends Error {}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new BenchUsageError(`${flag} needs a positive whole number`);
  return n;
}

/** The options that take one positive whole number, by flag. */
const COUNTS: ReadonlyMap<string, 'durationSec' | 'rounds' | 'scaleDurationSec' | 'connections' | 'renders' | 'readyTimeoutSec'> = new Map([
  ['--duration', 'durationSec'],
  ['--rounds', 'rounds'],
  ['--scale-duration', 'scaleDurationSec'],
  ['--connections', 'connections'],
  ['--renders', 'renders'],
  ['--ready-timeout', 'readyTimeoutSec'],
]);

/** The chart's default place, relative to the repository. */
export const DEFAULT_CHART = 'docs/bench-scale.svg';

/** Parses argv (without node and the script); undefined for --help. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | undefined {
  const options: BenchOptions = {
    durationSec: 10,
    rounds: 2,
    scaleDurationSec: 5,
    connections: 50,
    renders: 2000,
    corpora: [1000, 10_000, 100_000],
    profile: false,
    build: true,
    logLevel: 'info',
    watch: true,
    workDir: undefined,
    readyTimeoutSec: 900,
    chartFile: DEFAULT_CHART,
    only: new Set(BENCH_PARTS),
    serverJs: undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '--help':
      case '-h':
        return undefined;
      case '--quick':
        Object.assign(options, { durationSec: 5, rounds: 1, scaleDurationSec: 2, renders: 500, corpora: [1000, 10_000] });
        break;
      case '--corpora': {
        const list = value();
        options.corpora = (list ?? '').split(',').filter(Boolean).map((n) => positive(arg, n));
        if (options.corpora.length < 1) throw new BenchUsageError('--corpora needs sizes, e.g. 1000,10000');
        break;
      }
      case '--profile':
        options.profile = true;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--log-level': {
        const level = value();
        if (level !== 'info' && level !== 'warn') throw new BenchUsageError('--log-level is info or warn');
        options.logLevel = level;
        break;
      }
      case '--no-watch':
        options.watch = false;
        break;
      case '--work-dir':
        options.workDir = value();
        if (!options.workDir) throw new BenchUsageError('--work-dir needs a folder');
        break;
      case '--chart':
        options.chartFile = value();
        if (!options.chartFile || options.chartFile.startsWith('--')) throw new BenchUsageError('--chart needs a file');
        break;
      case '--no-chart':
        options.chartFile = undefined;
        break;
      case '--only': {
        const parts = (value() ?? '').split(',').filter(Boolean);
        const unknown = parts.find((p) => !(BENCH_PARTS as readonly string[]).includes(p));
        if (parts.length === 0 || unknown !== undefined) throw new BenchUsageError(`--only takes a list of ${BENCH_PARTS.join(', ')}`);
        options.only = new Set(parts as BenchPart[]);
        break;
      }
      case '--server-js':
        options.serverJs = value();
        if (!options.serverJs) throw new BenchUsageError('--server-js needs a file');
        options.build = false;
        break;
      default: {
        const key = COUNTS.get(arg);
        if (key === undefined) throw new BenchUsageError(`unknown argument "${arg}"`);
        options[key] = positive(arg, value());
      }
    }
  }
  return options;
}
