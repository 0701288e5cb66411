import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { AnalysisJson } from '../../../src/model/analysis.js';

const DIR = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));

interface Expected {
  about: string;
  findings: { transaction: string; step: number | null; rule: string; severity: string }[];
}

/** Runs the real CLI in-process, as a user would: `authtrail analyze FILE --db :memory: --format json`. */
async function analyze(file: string, extra: string[] = []): Promise<{ code: number; json: AnalysisJson; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['analyze', file, '--db', ':memory:', '--format', 'json', ...extra], { out: (t) => (out += t), err: (t) => (err += `${t}\n`), isTTY: false });
  return { code, json: JSON.parse(out) as AnalysisJson, err };
}

const scenarios = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('scenario corpus', () => {
  it('holds at least 15 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of scenarios) {
    it(`${name}: authtrail analyze prints exactly the expected findings`, async () => {
      const files = readdirSync(join(DIR, name));
      const evidence = files.find((f) => f !== 'expected.json');
      expect(evidence, `${name} has an evidence file`).toBeDefined();
      const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
      const { code, json } = await analyze(join(DIR, name, evidence!));
      expect(code).toBe(0);
      expect(json.ruleErrors).toEqual([]);
      const index = new Map(json.transactions.map((t, i) => [t.id, String(i + 1)]));
      const seen = json.findings.map((f) => ({ transaction: index.get(f.transaction ?? '') ?? '-', step: f.step, rule: f.rule, severity: f.severity }));
      expect(seen).toEqual(expected.findings);
      // Findings never carry a live secret: only masked values and fingerprints.
      expect(JSON.stringify(json.findings)).not.toMatch(/"(newPassword|passCode|answer)":"[^*\[]/);
    });
  }

  it('--rule and --fail-on act on the scenario findings', async () => {
    const file = join(DIR, 'abandoned-mfa-after-reset', 'transcript.md');
    const off = await analyze(file, ['--rule', 'password-committed-before-mfa=off', '--fail-on', 'high']);
    expect(off.json.findings.map((f) => f.rule)).toEqual(['state-token-rotated']);
    expect(off.code).toBe(0);
    const high = await analyze(file, ['--fail-on', 'high']);
    expect(high.code).toBe(1);
  });
});
