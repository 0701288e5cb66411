import { readFileSync } from 'node:fs';
import { Redactor } from '../../redact/redactor.js';
import { BUNDLE_FILES, evidenceHar, isUsableDir, renderBundle, writeBundle } from '../../render/bundle.js';
import { summaryLine } from '../../render/summary.js';
import { verdictOf } from '../../render/verdict.js';
import { type CliCommand } from '../command.js';
import { UsageError } from '../../model/errors.js';
import { type EvidenceArgs, evidenceOptions, withEvidence } from '../evidence.js';

interface Args extends EvidenceArgs {
  out: string;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export const reportCommand: CliCommand<Args> = {
  command: 'report [files..]',
  describe: `Write a ticket bundle (${BUNDLE_FILES.join(', ')}) for files (imported first) or the database`,
  builder: (yargs) =>
    evidenceOptions(yargs)
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'directory to write the bundle into (created if needed)' })
      .example('$0 report thread.md --out ticket', 'import a pasted transcript and write ticket/ticket.md, report.html, ...')
      .example('$0 report --capture 3 --out ticket-3 --tz Europe/Paris', 'a bundle for one stored capture'),
  async run(args, io) {
    if (!args.out || !isUsableDir(args.out)) throw new UsageError(`--out ${args.out}: not a directory; name a new or existing directory`);
    return withEvidence(args, io, ({ captures, exchanges, analysis }) => {
      if (captures.length === 0) throw new UsageError(`${args.db}: no capture to report on; import evidence first or name files`);
      // The bundle leaves the machine: its HAR is redacted again even when the capture was stored --raw.
      const har = evidenceHar(captures, exchanges, Redactor.forDatabase(args.db), { name: 'authtrail', version: version() });
      const files = renderBundle(analysis, { tz: args.tz }, har, rulePages(analysis.findings.map((f) => f.rule)));
      let written: string[];
      try {
        written = writeBundle(args.out, files);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC', 'EEXIST'].includes(code)) {
          throw new UsageError(`--out ${args.out}: cannot write the bundle there (${code}); name a directory you can write to`);
        }
        throw error;
      }
      io.out(summaryLine(analysis));
      io.out(`Answer: ${verdictOf(analysis).answer}`);
      for (const path of written) io.out(`wrote ${path}`);
      return 0;
    });
  },
};

/** docs/rules/ of this installation (the pages ship with the package), as explain reads them. */
const DOCS = new URL('../../../docs/rules/', import.meta.url);

/** The pages of the rules that fired, by file name, for the bundle's rules/. A rule without a page is skipped. */
function rulePages(rules: readonly string[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rule of new Set(rules)) {
    try {
      pages.set(`${rule}.md`, readFileSync(new URL(`${rule}.md`, DOCS), 'utf8'));
    } catch {
      // No page for this rule id (a custom rule): its link stays the id alone.
    }
  }
  return pages;
}
