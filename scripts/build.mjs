#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm install` / `npm ci` run it): compiles src/ and samples/mock-okta/
// to dist/ once, so users start without transpiling TypeScript. bin/authtrail.js runs dist/ only when
// dist/build.json, written last, is newer than every source: a failed or stale build falls back to tsx.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const at = (path) => new URL(path, root);
const dist = at('dist/');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  console.error('authtrail build: tsc failed; bin/authtrail.js keeps running the sources through tsx');
  // As `prepare` (--optional) a failed build must not fail `npm install`: the CLI still runs, only slower to start.
  process.exit(process.argv.includes('--optional') ? 0 : 1);
}

// Files the modules read beside themselves at run time (`new URL('../../../docs/rules/', import.meta.url)`).
cpSync(at('docs/rules/'), at('dist/docs/rules/'), { recursive: true });
cpSync(at('samples/mock-okta/fixtures/'), at('dist/samples/mock-okta/fixtures/'), { recursive: true });
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
writeFileSync(at('dist/package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: pkg.type, private: true }, null, 2)}\n`);

mkdirSync(dist, { recursive: true });
writeFileSync(at('dist/build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version }, null, 2)}\n`);
