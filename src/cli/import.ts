/**
 * `npm run import -- [options] FILE...`: wire copy and agency feeds into the
 * data folder as records `npm run validate` accepts (docs/import.md).
 * Exit 0: every item written, updated, unchanged or skipped with a reason;
 * 1: an item failed; 2: bad usage or an unreadable file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FORMATS } from '../import/formats';
import { heapBudget } from './heap-budget';
import { runImport, UsageError, type Progress, type ReportLine } from '../import/run';

const HELP = `usage: npm run import -- [options] FILE...

  --format NAME      ${FORMATS.map((f) => f.name).join('|')} (sniffed from each file when left out)
  --data DIR         the data folder (default: DATA_DIR or ./data)
  --status S         draft|published: overrides the source's own status (plain text: draft)
  --headline TEXT    the headline (plain text only; else one is made from the standfirst)
  --section SLUG     the section (else the source's, else the site's first)
  --media DIR        where images named by the input are looked up by file name
  --update           replace records an earlier import of the same items wrote
  --dry-run          report what would happen; write nothing
  --no-download      never fetch images over the network
  --json             the report as JSON lines
  --help

formats:
${FORMATS.map((f) => `  ${f.name.padEnd(8)} ${f.description}`).join('\n')}
`;

function describe(line: ReportLine): string {
  const what = line.record ?? (line.slug ? `articles/${line.slug}.json` : line.item);
  const reason = line.reason ? `: ${line.reason}` : '';
  const notes = line.notes.map((note) => `\n    ${note}`).join('');
  return `${line.status.padEnd(9)} ${line.file} ${line.item === line.file ? '' : `[${line.item}] `}→ ${what}${reason}${notes}`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        data: { type: 'string' },
        status: { type: 'string' },
        headline: { type: 'string' },
        section: { type: 'string' },
        media: { type: 'string' },
        update: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'no-download': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`import: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`import: name at least one FILE\n\n${HELP}`);
    return 2;
  }
  if (values.status !== undefined && values.status !== 'draft' && values.status !== 'published') {
    process.stderr.write(`import: --status must be draft or published, got "${values.status}"\n`);
    return 2;
  }
  // Progress every two seconds, so a long run (an archive, a big delivery) shows it is moving and how fast; a short one prints none.
  const started = Date.now();
  let lastProgress = started;
  const heap = heapBudget();
  const progress = ({ filesDone, filesTotal, items }: Progress) => {
    heap.check();
    const now = Date.now();
    if (now - lastProgress < 2000) return;
    lastProgress = now;
    const rate = Math.round(items / ((now - started) / 1000));
    process.stderr.write(`import: ${items.toLocaleString('en')} items, ${filesDone}/${filesTotal} files, ${rate.toLocaleString('en')} items/s\n`);
  };
  try {
    // Lines are printed as they come and only counted here: an archive has hundreds of thousands.
    const counts = new Map<string, number>();
    const skipped = new Map<string, number>();
    const report = (line: ReportLine) => {
      process.stdout.write(values.json ? `${JSON.stringify(line)}\n` : `${describe(line)}\n`);
      counts.set(line.status, (counts.get(line.status) ?? 0) + 1);
      if (line.status === 'skipped' && line.reason) skipped.set(line.reason, (skipped.get(line.reason) ?? 0) + 1);
    };
    await runImport(positionals, {
      dataDir: path.resolve(values.data ?? process.env.DATA_DIR ?? './data'),
      ...(values.format !== undefined && { format: values.format }),
      ...(values.status !== undefined && { status: values.status as 'draft' | 'published' }),
      ...(values.headline !== undefined && { headline: values.headline }),
      ...(values.section !== undefined && { section: values.section }),
      ...(values.media !== undefined && { mediaDir: path.resolve(values.media) }),
      update: values.update,
      dryRun: values['dry-run'],
      download: !values['no-download'],
      now: new Date(),
      progress,
      report,
    }).catch((error: unknown) => {
      if (counts.size) process.stderr.write('import: stopped, so nothing the lines above name was written\n');
      throw error;
    });
    if (!values.json) {
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(`import: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ') || 'no items'}${values['dry-run'] ? ' (dry run: nothing written)' : ''} in ${seconds.toFixed(1)} s\n`);
      // The commonest reasons first: an archive skips thousands of attachments and menu items for a handful of reasons.
      for (const [reason, n] of [...skipped].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stderr.write(`  skipped ${n} × ${reason}\n`);
    }
    return counts.has('failed') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`import: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`import: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
