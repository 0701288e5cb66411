import { atLeast, SEVERITIES, type Severity } from '../../model/severity.js';
import { RENDERERS } from '../../render/index.js';
import type { CliCommand } from '../command.js';
import { type EvidenceArgs, evidenceOptions, withEvidence } from '../evidence.js';
import { terminalWidth } from '../width.js';

interface Args extends EvidenceArgs {
  format: string;
  'fail-on'?: Severity;
  color?: boolean;
}

export const analyzeCommand: CliCommand<Args> = {
  command: 'analyze [files..]',
  describe: 'Rebuild transactions and report anomalies, from files (imported first) or from the database',
  builder: (yargs) =>
    evidenceOptions(yargs)
      .option('format', { alias: 'f', choices: Object.keys(RENDERERS), default: 'table', describe: 'output format' })
      .option('fail-on', { choices: SEVERITIES, describe: 'exit 1 when a finding at or above this severity exists' })
      .option('color', { type: 'boolean', describe: 'colour the table (default: on a TTY without NO_COLOR)' })
      .example('$0 analyze thread.md', 'import a pasted transcript and print its audit')
      .example('$0 analyze --db :memory: login.har --format json', 'analyze without keeping anything'),
  async run(args, io) {
    return withEvidence(args, io, ({ analysis }) => {
      const color = args.color ?? (io.isTTY && !process.env.NO_COLOR);
      io.out(RENDERERS[args.format](analysis, { tz: args.tz, color, width: terminalWidth(io) }));
      const threshold = args['fail-on'];
      return threshold && analysis.findings.some((f) => atLeast(f.severity, threshold)) ? 1 : 0;
    });
  },
};
