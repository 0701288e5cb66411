import type { Argv } from 'yargs';
import { loadRuleConfig, type RuleSetting } from '../analyze/config.js';

export interface RuleArgs {
  rule?: string[];
  config?: string;
}

export function ruleOptions(yargs: Argv): Argv {
  return yargs.option('rule', { type: 'string', array: true, describe: 'ID=off|info|low|medium|high: change a rule (repeatable)' });
}

/** Rule settings from authtrail.config.json (working directory or --config), then --rule flags over them. */
export function ruleSettings(args: RuleArgs): Map<string, RuleSetting> {
  return loadRuleConfig({ cliRules: args.rule, configPath: args.config });
}
