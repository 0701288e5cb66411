import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../model/errors.js';
import { SEVERITIES, type Severity, isSeverity } from '../model/severity.js';
import { RULES } from './rules.js';

export type RuleSetting = Severity | 'off';

/** The file looked up in the working directory when --config is not given. */
const CONFIG_FILE = 'authtrail.config.json';

const SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

export interface RuleConfigInput {
  /** `--rule id=severity|off`, repeatable; later values win. */
  cliRules?: readonly string[];
  /** `--config PATH`; must exist when given. */
  configPath?: string;
  /** Where `authtrail.config.json` is looked up when configPath is not given. */
  cwd?: string;
}

function checkSetting(id: string, value: unknown, where: string): RuleSetting {
  if (!RULES.some((r) => r.meta.id === id)) {
    throw new UsageError(`${where}: unknown rule "${id}"; \`authtrail rules\` lists the rule ids`);
  }
  if (value !== 'off' && !isSeverity(value)) {
    throw new UsageError(`${where}: "${String(value)}" is not a setting for ${id}; use one of ${SETTINGS.join(', ')}`);
  }
  return value as RuleSetting;
}

/** `{"rules": {"state-token-rotated": "off", "brute-force": "high"}}`; other top-level keys belong to other features. */
function readConfigFile(path: string): Map<string, RuleSetting> {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a directory; --config takes an ${CONFIG_FILE} file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'}); check --config`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message}); fix the file or remove it`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${path}: must hold a JSON object such as {"rules": {"state-token-rotated": "off"}}`);
  }
  const rules = (parsed as Record<string, unknown>).rules;
  const out = new Map<string, RuleSetting>();
  if (rules === undefined) return out;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    throw new UsageError(`${path}: "rules" must be an object of rule id to ${SETTINGS.join('|')}`);
  }
  for (const [id, value] of Object.entries(rules)) out.set(id, checkSetting(id, value, path));
  return out;
}

/** Parses one `--rule id=setting`. */
export function parseRuleFlag(flag: string): [string, RuleSetting] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UsageError(`--rule ${flag}: write it as <rule-id>=<${SETTINGS.join('|')}>`);
  const id = flag.slice(0, eq).trim();
  const value = flag.slice(eq + 1).trim().toLowerCase();
  return [id, checkSetting(id, value, `--rule ${flag}`)];
}

/**
 * Severity overrides and disabled rules, from authtrail.config.json (the --config file, else the one in the
 * working directory if present) and then --rule flags, which win. Throws UsageError naming the bad input.
 */
export function loadRuleConfig(input: RuleConfigInput = {}): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  const path = input.configPath ?? join(input.cwd ?? process.cwd(), CONFIG_FILE);
  if (input.configPath !== undefined && !existsSync(input.configPath)) {
    throw new UsageError(`${input.configPath}: no such config file; check --config`);
  }
  if (existsSync(path)) for (const [id, value] of readConfigFile(path)) settings.set(id, value);
  for (const flag of input.cliRules ?? []) {
    const [id, value] = parseRuleFlag(flag);
    settings.set(id, value);
  }
  return settings;
}
