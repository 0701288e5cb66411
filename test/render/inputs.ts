import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { analyzeJson } from '../helpers/cli.js';

/** Paths relative to the repository root (vitest's working directory): they appear in the snapshots. */
const root = (path: string) => {
  const absolute = fileURLToPath(new URL(`../../${path}`, import.meta.url));
  return relative(process.cwd(), absolute);
};

/** The evidence the report snapshots are made from, each run through the real import and analysis. */
export const INPUTS = {
  devforum: root('samples/okta-devforum-recovery-mfa.md'),
  'clean-mfa-signin': root('test/fixtures/render/scenarios/clean-mfa-signin.har'),
  'push-rejected': root('test/fixtures/render/scenarios/push-rejected.har'),
  hostile: root('test/fixtures/render/scenarios/hostile.har'),
} as const;

export type InputName = keyof typeof INPUTS;

/** A fixed clock for the "generated at" line, so snapshots do not change from run to run. */
export const NOW = new Date('2026-11-29T12:00:00Z');

/** A fixed redaction key: fingerprints of clear tokens are keyed, and snapshots need them equal run to run. */
const TEST_KEY = '5eed'.repeat(16);

/** A fresh database file with the fixed key beside it (`<db>.key`, as the redactor keeps it). */
export function keyedDb(): string {
  const db = join(mkdtempSync(join(tmpdir(), 'authtrail-render-')), 'evidence.db');
  writeFileSync(`${db}.key`, `${TEST_KEY}\n`, { mode: 0o600 });
  return db;
}

export async function analysisOf(name: InputName, ...args: string[]): Promise<AnalysisJson> {
  const { json } = await analyzeJson('--db', keyedDb(), ...args, INPUTS[name]);
  return json as AnalysisJson;
}
