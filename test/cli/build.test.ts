import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The compiled build (dist/, from `npm run build` or `prepare`) against the sources through tsx: same output.
 * Skipped when there is no current build (a clone before `npm install`, or sources edited since the build).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

function run(loader: 'dist' | 'tsx', args: string[]) {
  const r = spawnSync(process.execPath, ['bin/authtrail.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AUTHTRAIL_LOADER: loader } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Import times, ports and the fingerprints of the mock's random tokens differ from one run to the next. */
const steady = (text: string) => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\b\d\d:\d\d:\d\d/g, 'HH:MM:SS').replace(/#[0-9a-f]{8}\b/g, '#FINGERPRINT');

const built = run('dist', ['--version']).status === 0;

describe.skipIf(!built)('the compiled CLI in dist/', () => {
  it('prints the same JSON analysis as the sources through tsx', () => {
    const args = ['analyze', SAMPLE, '--db', ':memory:', '--format', 'json'];
    const compiled = run('dist', args);
    const sources = run('tsx', args);
    expect(compiled.status).toBe(0);
    expect(JSON.parse(compiled.stdout).findings.length).toBeGreaterThan(0);
    expect(steady(compiled.stdout)).toBe(steady(sources.stdout));
    expect(compiled.stderr).toBe(sources.stderr);
  });

  it.each([['--help'], ['--version'], ['analyze', '--help'], ['record', '--help'], ['explain', 'password-committed-before-mfa'], ['explain', 'no-such-rule']])(
    'answers `authtrail %s` as the sources do (files read beside the modules resolve from dist/)',
    (...args) => {
      const compiled = run('dist', args);
      expect(compiled).toEqual(run('tsx', args));
      expect(compiled.stdout.length + compiled.stderr.length).toBeGreaterThan(0);
    },
  );

  it('prints no Node warning: a HAR read through the packages that import() Node modules, as a report and by sanitize --check', () => {
    // stream-chain's import('node:string_decoder'), run through node:vm, printed an ExperimentalWarning.
    for (const args of [['analyze', 'test/fixtures/render/scenarios/push-rejected.har', '--db', ':memory:'], ['sanitize', 'test/fixtures/render/scenarios/push-rejected.har', '--check']]) {
      const compiled = run('dist', args);
      expect(compiled.stderr, args.join(' ')).not.toMatch(/Warning|node:\d+/);
      expect(compiled.stdout.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('runs the demo through the compiled recording worker and the mock Okta fixtures', () => {
    const compiled = run('dist', ['demo']);
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    // The live lines' severities depend on timing (the worker analyzes as exchanges arrive): compare the summary
    // the recorder prints at stop, from its first line to the end (the verdict comes last).
    const summary = (text: string) => {
      const lines = steady(text).trimEnd().split('\n');
      return lines.slice(lines.findIndex((l) => l.startsWith('recorded ')));
    };
    expect(summary(compiled.stdout)[0]).toMatch(/^recorded 6 exchanges \(capture 1\), 1 transaction; findings: /);
    expect(summary(compiled.stdout)).toEqual(summary(run('tsx', ['demo']).stdout));
  });
});

describe('AUTHTRAIL_LOADER', () => {
  it('rejects an unknown loader in one line, exit 2', () => {
    const r = spawnSync(process.execPath, ['bin/authtrail.js', '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AUTHTRAIL_LOADER: 'webpack' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('authtrail: AUTHTRAIL_LOADER=webpack: use dist or tsx (or leave it unset)\n');
  });
});
