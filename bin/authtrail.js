#!/usr/bin/env node
// Runs the build in dist/ (bundled by `npm install` through `prepare`, loaded by ./bundle.js) when it is newer
// than every source it was made from; otherwise loads the TypeScript sources through tsx, so a clone without a
// build and a source edited since the last build still run as written. AUTHTRAIL_LOADER=dist|tsx forces one of them.
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
/**
 * What dist/ is bundled or copied from (scripts/build.mjs). The bundle holds the packages too: npm rewrites
 * node_modules/.package-lock.json whenever it changes node_modules, so a package installed or updated since
 * the build runs through tsx until `npm run build` (`npm install` and `npm ci` rebuild after writing it).
 */
const SOURCES = ['src/', 'samples/mock-okta/', 'docs/rules/', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

/** Whether dist/build.json exists and no source was modified after it (a few ms of stat calls). */
function buildIsCurrent() {
  let builtAt;
  try {
    builtAt = statSync(new URL('dist/build.json', root)).mtimeMs;
  } catch {
    return false;
  }
  for (const source of SOURCES) {
    const url = new URL(source, root);
    if (!source.endsWith('/')) {
      if (statSync(url, { throwIfNoEntry: false })?.mtimeMs > builtAt) return false;
      continue;
    }
    // A package shipped without its sources has only the build to run.
    if (!statSync(url, { throwIfNoEntry: false })) continue;
    for (const entry of readdirSync(url, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > builtAt) return false;
    }
  }
  return true;
}

// `authtrail analyze x | head` closes stdout early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const current = buildIsCurrent();
const loader = process.env.AUTHTRAIL_LOADER || (current ? 'dist' : 'tsx');
let main;
if (loader === 'dist') {
  if (!current) {
    process.stderr.write('authtrail: AUTHTRAIL_LOADER=dist but dist/ is missing or older than the sources; run npm run build\n');
    process.exit(2);
  }
  ({ main } = (await import('./bundle.js')).loadBundle());
} else if (loader === 'tsx') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  process.stderr.write(`authtrail: AUTHTRAIL_LOADER=${loader}: use dist or tsx (or leave it unset)\n`);
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
