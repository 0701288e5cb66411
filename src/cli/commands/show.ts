import { UsageError } from '../../model/errors.js';
import { Redactor } from '../../redact/redactor.js';
import { renderStepMarkdown, renderStepText, renderTransactionText, stepView } from '../../render/show.js';
import { findingsOn } from '../../render/findings-of.js';
import type { CliCommand } from '../command.js';
import { analyzedEvidence, type EvidenceArgs, evidenceOptions } from '../evidence.js';

interface Args extends EvidenceArgs {
  target: string;
  format: 'text' | 'json' | 'markdown';
}

/** `1.1` or `1.1:4`. */
function parseTarget(target: string): { transaction: string; step: number | null } {
  const m = /^(\d+\.\d+)(?::(\d+))?$/.exec(target.trim());
  if (!m) throw new UsageError(`${target}: not a transaction or step; write it as 1.1 (a transaction) or 1.1:4 (its step 4), as analyze shows them`);
  return { transaction: m[1], step: m[2] === undefined ? null : Number(m[2]) };
}

/** The ids a wrong target could have meant: all of a few, else the first and the last (`there are 96,775: 1.1, 1.2, 1.3, …, 3.48392`). */
function someIds(ids: readonly string[]): string {
  if (ids.length === 0) return 'there are none';
  if (ids.length <= SOME_IDS) return `there are ${ids.join(', ')}`;
  return `there are ${ids.length.toLocaleString('en-US')}: ${ids.slice(0, SOME_IDS - 1).join(', ')}, …, ${ids.at(-1)}`;
}

const SOME_IDS = 8;

export const showCommand: CliCommand<Args> = {
  command: 'show <target> [files..]',
  describe: 'Print one transaction (1.1) or one step (1.1:4): the redacted request and response and the findings on it',
  builder: (yargs) =>
    evidenceOptions(yargs)
      .positional('target', { type: 'string', describe: 'a transaction id (1.1) or a step (1.1:4)' })
      .option('format', { alias: 'f', choices: ['text', 'json', 'markdown'], default: 'text', describe: 'output format' })
      .example('$0 show 1.1 thread.md', 'the steps of transaction 1.1')
      .example('$0 show 1.1:4 --format markdown', 'step 4 of 1.1 from the database, ready to paste'),
  async run(args, io) {
    const target = parseTarget(String(args.target));
    // Read as analyze reads (see analyzedEvidence): one transaction of a million-exchange database is found
    // without holding every exchange; the step's own exchange is read by its id.
    return analyzedEvidence(args, io, (analysis, store) => {
      const t = analysis.transactions.find((x) => x.id === target.transaction);
      if (!t) throw new UsageError(`${target.transaction}: no such transaction (${someIds(analysis.transactions.map((x) => x.id))}); authtrail analyze lists them`);
      if (target.step === null) {
        if (args.format === 'json') io.out(`${JSON.stringify({ transaction: t, findings: findingsOn(analysis.findings, t.id) }, null, 2)}\n`);
        else io.out(renderTransactionText(t, analysis, args.format === 'markdown'));
        return 0;
      }
      const step = t.steps.find((s) => s.step === target.step);
      if (!step) throw new UsageError(`${args.target}: transaction ${t.id} has steps 1 to ${t.steps.length}`);
      const stored = store.exchange(step.exchangeId)!;
      // Stored exchanges are redacted unless captured --raw; redacting again keeps a raw capture off the screen.
      const { exchange } = Redactor.forDatabase(args.db).redact(stored, new Map());
      const view = stepView(t, step, { ...stored, ...exchange }, analysis.findings);
      io.out(args.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : args.format === 'markdown' ? renderStepMarkdown(view) : renderStepText(view));
      return 0;
    });
  },
};
