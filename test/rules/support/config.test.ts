import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleConfig, parseRuleFlag } from '../../../src/analyze/config.js';
import { UsageError } from '../../../src/model/errors.js';

function dirWith(content?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-config-'));
  if (content !== undefined) writeFileSync(join(dir, 'authtrail.config.json'), content);
  return dir;
}

describe('loadRuleConfig', () => {
  it('is empty without flags or file', () => {
    expect(loadRuleConfig({ cwd: dirWith() }).size).toBe(0);
  });

  it('reads authtrail.config.json from the working directory and lets --rule win', () => {
    const cwd = dirWith(JSON.stringify({ rules: { 'state-token-rotated': 'off', 'brute-force': 'high' }, other: { ignored: true } }));
    const settings = loadRuleConfig({ cwd, cliRules: ['brute-force=low', 'unpublished-link=OFF'] });
    expect([...settings.entries()]).toEqual([
      ['state-token-rotated', 'off'],
      ['brute-force', 'low'],
      ['unpublished-link', 'off'],
    ]);
  });

  it('reads the --config file instead of the working directory one', () => {
    const cwd = dirWith(JSON.stringify({ rules: { 'brute-force': 'high' } }));
    const other = join(dirWith(), 'custom.json');
    writeFileSync(other, JSON.stringify({ rules: { 'success-shape': 'info' } }));
    expect([...loadRuleConfig({ cwd, configPath: other }).entries()]).toEqual([['success-shape', 'info']]);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['unknown rule id on the command line', () => loadRuleConfig({ cwd: dirWith(), cliRules: ['no-such-rule=high'] }), /unknown rule "no-such-rule"/],
    ['unknown severity on the command line', () => loadRuleConfig({ cwd: dirWith(), cliRules: ['brute-force=critical'] }), /"critical" is not a setting/],
    ['flag without =', () => parseRuleFlag('brute-force'), /<rule-id>=/],
    ['unknown rule id in the file', () => loadRuleConfig({ cwd: dirWith('{"rules":{"nope":"off"}}') }), /authtrail.config.json: unknown rule "nope"/],
    ['bad severity in the file', () => loadRuleConfig({ cwd: dirWith('{"rules":{"brute-force":3}}') }), /"3" is not a setting/],
    ['file that is not JSON', () => loadRuleConfig({ cwd: dirWith('{rules: off') }), /not valid JSON/],
    ['rules that is not an object', () => loadRuleConfig({ cwd: dirWith('{"rules":["brute-force"]}') }), /"rules" must be an object/],
    ['missing --config file', () => loadRuleConfig({ configPath: '/nonexistent/authtrail.config.json' }), /no such config file/],
    [
      '--config naming a directory',
      () => {
        const d = dirWith();
        mkdirSync(join(d, 'sub'));
        return loadRuleConfig({ configPath: join(d, 'sub') });
      },
      /is a directory/,
    ],
  ];
  for (const [name, run, message] of bad) {
    it(`refuses ${name} with a UsageError`, () => {
      expect(run).toThrow(UsageError);
      expect(run).toThrow(message);
    });
  }
});
