import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RULES, findRule } from '../../analyze/rules.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../../model/errors.js';

interface Args {
  rule: string;
}

/** docs/rules/ of this installation (the pages ship with the package). */
const DOCS = new URL('../../../docs/rules/', import.meta.url);

/** Ids that share a word with the unknown one, to suggest in the error. */
function similar(id: string): string[] {
  const words = id.toLowerCase().split(/[-_\s]+/).filter((w) => w.length > 2);
  return RULES.map((r) => r.meta.id).filter((rid) => words.some((w) => rid.includes(w))).slice(0, 3);
}

/** `authtrail explain <rule>`: prints the rule's page (what it detects, why, Okta's documentation, what to do). */
export const explainCommand: CliCommand<Args> = {
  command: 'explain <rule>',
  describe: "Print a rule's page: what it detects, whether Okta documents it, what to tell support",
  builder: (yargs) => yargs.positional('rule', { type: 'string', describe: 'rule id (authtrail rules lists them)' }).example('$0 explain password-committed-before-mfa', ''),
  async run(args, io) {
    const rule = findRule(args.rule);
    if (!rule) {
      const near = similar(args.rule);
      throw new UsageError(`unknown rule "${args.rule}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; \`authtrail rules\` lists the rule ids`);
    }
    const page = fileURLToPath(new URL(`${rule.meta.id}.md`, DOCS));
    const text = await readFile(page, 'utf8').catch(() => {
      throw new Error(`the page for ${rule.meta.id} is missing from this installation (${page})`);
    });
    io.out(text);
    return 0;
  },
};
