import Table from 'cli-table3';
import { loadRuleConfig } from '../../analyze/config.js';
import { RULES } from '../../analyze/rules.js';
import type { CliCommand } from '../command.js';

interface Args {
  format: 'table' | 'json';
  rule?: string[];
  config?: string;
}

/**
 * `authtrail rules`: every rule of the registry with its default severity and one-line summary, and the
 * setting in force when authtrail.config.json or --rule changes it.
 */
export const rulesCommand: CliCommand<Args> = {
  command: 'rules',
  describe: 'List every anomaly rule with its default severity and summary',
  builder: (yargs) =>
    yargs
      .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const, describe: 'output format' })
      .option('rule', { type: 'string', array: true, describe: 'ID=off|info|low|medium|high: show the effect of a setting (repeatable)' })
      .example('$0 rules --format json', 'the rule ids and default severities as JSON'),
  async run(args, io) {
    const settings = loadRuleConfig({ cliRules: args.rule, configPath: args.config });
    if (args.format === 'json') {
      const list = RULES.map(({ meta }) => ({
        id: meta.id,
        severity: meta.severity,
        setting: settings.get(meta.id) ?? meta.severity,
        basis: meta.basis,
        summary: meta.summary,
        docs: meta.docs,
      }));
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    const table = new Table({ head: ['rule', 'default', 'basis', 'detects'], colWidths: [32, 9, 12, 42], wordWrap: true, style: { head: [], border: [] } });
    for (const { meta } of RULES) {
      const setting = settings.get(meta.id);
      table.push([meta.id, setting && setting !== meta.severity ? `${meta.severity} → ${setting}` : meta.severity, meta.basis, meta.summary]);
    }
    io.out(table.toString());
    io.out(`${RULES.length} rules. \`authtrail explain <rule>\` prints a rule's page;\n--rule <rule>=off|info|low|medium|high or authtrail.config.json changes one.`);
    return 0;
  },
};
