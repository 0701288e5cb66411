import { atLeast, SEVERITIES, type Severity } from '../../model/severity.js';
import { UsageError } from '../../model/errors.js';
import { RENDERERS } from '../../render/index.js';
import type { CliCommand } from '../command.js';
import { analyzedEvidence, type EvidenceArgs, evidenceOptions, writeJsonEvidence } from '../evidence.js';
import type { AnalysisJson } from '../../model/analysis.js';
import { terminalWidth } from '../width.js';

interface Args extends EvidenceArgs {
  format: string;
  'fail-on'?: FailOn[];
  color?: boolean;
  threads?: number;
}

/** A severity, or `unanalyzed`: calls to the Okta org in the evidence that no protocol read. */
type FailOn = Severity | 'unanalyzed';
const FAIL_ON: readonly string[] = [...SEVERITIES, 'unanalyzed'];

function parseFailOn(values: unknown): FailOn[] {
  const list = ([] as unknown[]).concat(values).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  // `--fail-on ''` (an unset shell variable) would gate nothing while the run looks gated.
  if (list.length === 0) throw new UsageError(`--fail-on: name a severity (${SEVERITIES.join(', ')}) or unanalyzed, e.g. --fail-on medium`);
  for (const v of list) if (!FAIL_ON.includes(v)) throw new UsageError(`--fail-on ${v}: use a severity (${SEVERITIES.join(', ')}) or unanalyzed, e.g. --fail-on medium,unanalyzed`);
  return list as FailOn[];
}

export const analyzeCommand: CliCommand<Args> = {
  command: 'analyze [files..]',
  describe: 'Rebuild transactions and report anomalies, from files (imported first) or from the database',
  builder: (yargs) =>
    evidenceOptions(yargs)
      .option('format', { alias: 'f', choices: Object.keys(RENDERERS), default: 'table', describe: 'output format' })
      .option('fail-on', {
        type: 'string',
        coerce: parseFailOn,
        describe: `exit 1 when a finding at or above this severity exists; \`unanalyzed\`: when calls to the Okta org were not analyzed (${FAIL_ON.join(', ')}; comma-separated)`,
      })
      .option('color', { type: 'boolean', describe: 'colour the table (default: on a TTY without NO_COLOR)' })
      .option('threads', {
        type: 'number',
        describe: 'worker threads that analyze a database file (default: 2 from 200,000 exchanges on 2+ cores, else 1, the main thread; the same output either way)',
      })
      .check((argv) => {
        const threads = argv.threads as number | undefined;
        if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new UsageError('--threads: a whole number from 1 to 64, e.g. --threads 2');
        return true;
      })
      .example('$0 analyze thread.md', 'import a pasted transcript and print its audit')
      .example('$0 analyze --db :memory: login.har --format json', 'analyze without keeping anything'),
  async run(args, io) {
    const decide = (analysis: AnalysisJson) => {
      const failOn = args['fail-on'] ?? [];
      const unread = failOn.includes('unanalyzed') && (analysis.unanalyzed?.count ?? 0) > 0;
      const severities = failOn.filter((v): v is Severity => v !== 'unanalyzed');
      return unread || analysis.findings.some((f) => severities.some((s) => atLeast(f.severity, s))) ? 1 : 0;
    };
    // JSON streams: the document of a million exchanges is larger than what the analysis keeps to write it.
    if (args.format === 'json') {
      const { outFully } = io;
      return decide(await writeJsonEvidence(args, io, outFully ?? io.out, outFully));
    }
    return analyzedEvidence(args, io, (analysis) => {
      const color = args.color ?? (io.isTTY && !process.env.NO_COLOR);
      io.out(RENDERERS[args.format](analysis, { tz: args.tz, color, width: terminalWidth(io) }));
      return decide(analysis);
    });
  },
};
