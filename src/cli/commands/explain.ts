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

/** Levenshtein distance: a typo (`commited`) is one or two edits from the id meant. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The closest id when it is close enough to be a typo, else ids that share a word with the unknown one. */
export function similar(id: string): string[] {
  const wanted = id.toLowerCase();
  const ids = RULES.map((r) => r.meta.id);
  const [best] = ids.map((rid) => ({ rid, d: editDistance(wanted, rid) })).sort((x, y) => x.d - y.d);
  if (best && best.d <= Math.max(2, Math.floor(best.rid.length / 4))) return [best.rid];
  const words = wanted.split(/[-_\s]+/).filter((w) => w.length > 2);
  return ids.filter((rid) => words.some((w) => rid.includes(w))).slice(0, 3);
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
