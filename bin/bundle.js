// Loads the CLI bundle that scripts/build.mjs writes (dist/authtrail.cjs) with V8's code cache for it: Node 20
// has no compile cache for modules it loads itself, so the bundle is compiled here, through node:vm, with the
// cache made at build time. A cache V8 rejects (another Node version) only costs the compile it would have saved.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../dist/authtrail.cjs', import.meta.url));
const CACHE = `${BUNDLE}.cache`;

/**
 * Runs the bundle as CommonJS runs a module, but with dist/ as `__authtrailDist` instead of __dirname and
 * __filename (a package in the bundle declares its own __dirname), and returns its exports. The wrapper shares
 * the bundle's first line, so its line numbers hold.
 */
export function loadBundle() {
  let cachedData;
  try {
    cachedData = readFileSync(CACHE);
  } catch {
    // No cache (a build that could not make one): V8 compiles the source.
  }
  const source = readFileSync(BUNDLE, 'utf8');
  // The bundle holds no import(): the build turns a package's import() of Node's own modules into require()
  // (vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER would answer one, but prints an ExperimentalWarning).
  const script = new vm.Script(`(function (exports, require, module, __authtrailDist) {${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, dirname(BUNDLE));
  return {
    main: module.exports.main,
    /** For the build: writes the code V8 has compiled so far, the functions a run used included. */
    saveCodeCache: () => writeFileSync(CACHE, script.createCachedData()),
  };
}
