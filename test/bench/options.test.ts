/** The bench's command line: the options issue 13's corpus runs need (ready timeout, chart, a million articles). */
import { BenchUsageError, DEFAULT_CHART, parseBenchArgs } from '../../bench/options';

const parse = (...argv: string[]) => {
  const options = parseBenchArgs(argv);
  if (!options) throw new Error('parsed as --help');
  return options;
};

describe('parseBenchArgs', () => {
  test('defaults: corpora 1k, 10k, 100k, a generous ready timeout, the chart in docs/', () => {
    const options = parse();
    expect(options.corpora).toEqual([1000, 10_000, 100_000]);
    expect(options.readyTimeoutSec).toBe(900);
    expect(options.chartFile).toBe(DEFAULT_CHART);
    expect(DEFAULT_CHART).toBe('docs/bench-scale.svg');
  });

  test('--corpora takes a million', () => {
    expect(parse('--corpora', '1000,100000,1000000').corpora).toEqual([1000, 100_000, 1_000_000]);
  });

  test('--ready-timeout takes whole seconds', () => {
    expect(parse('--ready-timeout', '120').readyTimeoutSec).toBe(120);
    for (const bad of [[], ['0'], ['-5'], ['1.5'], ['soon']]) expect(() => parse('--ready-timeout', ...bad)).toThrow(BenchUsageError);
  });

  test('--chart chooses the file, --no-chart skips it (the later flag wins)', () => {
    expect(parse('--chart', '/tmp/scale.svg').chartFile).toBe('/tmp/scale.svg');
    expect(parse('--no-chart').chartFile).toBeUndefined();
    expect(parse('--no-chart', '--chart', 'a.svg').chartFile).toBe('a.svg');
    expect(() => parse('--chart')).toThrow(BenchUsageError);
    expect(() => parse('--chart', '--no-build')).toThrow(BenchUsageError);
  });

  test('--help still answers undefined and unknown flags are refused', () => {
    expect(parseBenchArgs(['--help'])).toBeUndefined();
    expect(() => parse('--charts', 'x')).toThrow(BenchUsageError);
  });
});
