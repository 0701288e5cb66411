import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'authtrail-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

/**
 * Runs the CLI from the sources (tsx) with a module hook that lists every module it resolves. The build in
 * dist/ is one file whose modules are evaluated as they are imported: `bundleLoads` looks at that one.
 */
function modulesLoadedBy(args: string[]): string[] {
  const log = join(dir, `modules-${++runs}.txt`);
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, 'bin/authtrail.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AUTHTRAIL_LOADER: 'tsx' } });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/**
 * What a run of the build evaluated, seen from outside the bundle: whether the store's better-sqlite3 was
 * required and whether the CA's reflect-metadata (the recorder's side) defined Reflect.getMetadata.
 */
function bundleLoads(args: string[]): { store: boolean; recorder: boolean } {
  const log = join(dir, `bundle-${++runs}.json`);
  const probe = join(dir, `probe-${runs}.mjs`);
  writeFileSync(probe, `import { writeFileSync } from 'node:fs';\nimport { createRequire } from 'node:module';\nconst cache = createRequire(import.meta.url).cache;\nprocess.on('exit', () => writeFileSync(${JSON.stringify(log)}, JSON.stringify({ store: Object.keys(cache).some((f) => f.includes('/better-sqlite3/')), recorder: typeof Reflect.getMetadata === 'function' })));\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, 'bin/authtrail.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AUTHTRAIL_LOADER: 'dist' } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(log, 'utf8'));
}
const built = spawnSync(process.execPath, ['bin/authtrail.js', '--version'], { cwd: ROOT, env: { ...process.env, AUTHTRAIL_LOADER: 'dist' } }).status === 0;

describe('lazy commands', () => {
  it("lists each command with its module's own name and description, in --help order", async () => {
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      expect({ command: entry.command, describe: entry.describe }).toEqual({ command: cmd.command, describe: cmd.describe });
    }
    expect(COMMANDS.map((c) => c.command.split(' ')[0])).toEqual(['analyze', 'import', 'captures', 'export', 'sanitize', 'report', 'record', 'ca', 'demo', 'rules', 'show', 'migration', 'explain']);
  });

  it.each([['--help'], ['--version']])('`authtrail %s` loads no command module, analyzer, store or proxy', (flag) => {
    const own = modulesLoadedBy([flag]).filter((url) => /\/(src|samples)\//.test(url) && !url.includes('node_modules'));
    expect(own.some((url) => url.includes('/cli/main.'))).toBe(true);
    expect(own.filter((url) => /\/(cli\/commands|analyze|store|record|sources|render)\//.test(url))).toEqual([]);
  });

  it('`authtrail analyze` loads its own command module and not the recorder', () => {
    const urls = modulesLoadedBy(['analyze', 'samples/okta-devforum-recovery-mfa.md', '--db', ':memory:', '--format', 'json']);
    expect(urls.some((url) => url.includes('/cli/commands/analyze.'))).toBe(true);
    expect(urls.filter((url) => /\/(record|sources\/proxy)\/|\/cli\/commands\/(record|demo|ca)\./.test(url))).toEqual([]);
  });
});

describe.skipIf(!built)('lazy commands in the build (dist/)', () => {
  it.each([['--help'], ['--version']])('`authtrail %s` evaluates no store or recorder', (flag) => {
    expect(bundleLoads([flag])).toEqual({ store: false, recorder: false });
  });

  it('`authtrail analyze` evaluates the store and not the recorder; `ca` the recorder\'s side', () => {
    expect(bundleLoads(['analyze', 'samples/okta-devforum-recovery-mfa.md', '--db', ':memory:', '--format', 'json'])).toEqual({ store: true, recorder: false });
    expect(bundleLoads(['ca', '--help']).recorder).toBe(true);
  });
});
