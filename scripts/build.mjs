#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm install` / `npm ci` run it): bundles src/, samples/mock-okta/ and the
// packages they use with esbuild into dist/authtrail.cjs (plus the recorder's and the analysis's workers) and writes V8's code cache
// for it, so users start without transpiling TypeScript, resolving hundreds of files or compiling all of it.
// bin/authtrail.js runs dist/ only when dist/build.json, written last, is newer than every source: a failed or
// stale build falls back to tsx. Type checking is `npm run typecheck`'s job, not the build's.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const at = (path) => new URL(path, root);
const ROOT = fileURLToPath(root);
const DIST = join(ROOT, 'dist');

/** Stands for `import.meta.url`, which a CommonJS bundle lacks: each format's banner defines it (BANNERS). */
const OWN_URL = '__authtrailUrl';

/**
 * Keeps `import.meta.url` meaning the module's own file once modules share a bundle: in a project module it
 * becomes the URL that module had in dist/src/... (tsc's layout), so `new URL('../../../docs/rules/', ...)` and
 * the recorder's worker path resolve as before; in a package it stays the package file's real URL (yargs finds
 * its locales, and the package.json it reports with --version, from there).
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const path = relative(ROOT, args.path).split(sep).join('/');
      const inDist = path.startsWith('node_modules/') ? `../${path}` : path.replace(/\.ts$/, '.js');
      return { contents: text.replaceAll('import.meta.url', `${OWN_URL}(${JSON.stringify(inDist)})`), loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Each copy of string-width builds an Intl.Segmenter and a `\\p{RGI_Emoji}` expression as it loads, about 25 ms
 * for the three yargs brings (its own, cliui's, wrap-ansi's), and yargs measures text only to print help or
 * usage. In the bundle each copy loads when its stringWidth is first called.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      // cli-table3 require()s its own string-width: it measures every table, so it stays as it is.
      if (args.pluginData === 'real' || args.kind !== 'import-statement') return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'real' });
      return real.errors.length ? real : { path: real.path, namespace: 'lazy-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let measure;\nexport default function stringWidth(text, options) {\n  measure ??= require(${JSON.stringify(args.path)}).default;\n  return measure(text, options);\n}\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** What each bundle starts with: the URL of a path under dist/, and (ES module) a require() for CommonJS packages. */
const BANNERS = {
  // Strict, as the ES modules it is made of were; bin/bundle.js supplies require and __authtrailDist (dist/).
  cjs: `"use strict";\nconst ${OWN_URL} = (path) => require("node:url").pathToFileURL(require("node:path").join(__authtrailDist, path)).href;`,
  esm: (up) => `import { createRequire as __authtrailCreateRequire } from 'node:module';\nconst require = __authtrailCreateRequire(import.meta.url);\nconst ${OWN_URL} = (path) => new URL(path, new URL(${JSON.stringify(up)}, import.meta.url)).href;`,
};

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // A native addon: it loads its .node file from its own package directory.
  external: ['better-sqlite3'],
  plugins: [ownUrl],
  logLevel: 'warning',
  // yargs reads import.meta.resolve only for a config file's `extends`, which authtrail's options never use.
  logOverride: { 'empty-import-meta': 'silent' },
};

function fail(message) {
  rmSync(DIST, { recursive: true, force: true });
  console.error(`authtrail build: ${message}; bin/authtrail.js keeps running the sources through tsx`);
  // As `prepare` (--optional) a failed build must not fail `npm install`: the CLI still runs, only slower to start.
  process.exit(process.argv.includes('--optional') ? 0 : 1);
}

rmSync(DIST, { recursive: true, force: true });
try {
  const esbuild = await import('esbuild');
  await Promise.all([
    // The CLI: one file, its commands' modules evaluated only when a command imports them (lazy, as in src/).
    // A package's import() of Node's own modules (stream-chain's `import('node:string_decoder')`) as require():
    // run through node:vm, an import() needs Node's experimental loader, which prints an ExperimentalWarning.
    esbuild.build({ ...COMMON, entryPoints: ['src/cli/main.ts'], outfile: join(DIST, 'authtrail.cjs'), format: 'cjs', supported: { 'dynamic-import': false }, banner: { js: BANNERS.cjs }, plugins: [ownUrl, lazyStringWidth] }),
    // The recorder's worker thread, started by path (WORKER in src/record/recorder.ts).
    esbuild.build({ ...COMMON, entryPoints: ['src/record/worker.ts'], outfile: join(DIST, 'src/record/worker.js'), format: 'esm', banner: { js: BANNERS.esm('../../') } }),
    // The parallel analysis's worker threads (WORKER in src/analyze/parallel.ts).
    esbuild.build({ ...COMMON, entryPoints: ['src/analyze/worker.ts'], outfile: join(DIST, 'src/analyze/worker.js'), format: 'esm', banner: { js: BANNERS.esm('../../') } }),
  ]);
} catch (error) {
  fail(`esbuild failed (${error?.message?.split('\n')[0] ?? error})`);
}

// Files the modules read beside themselves at run time (`new URL('../../../docs/rules/', import.meta.url)`).
cpSync(at('docs/rules/'), at('dist/docs/rules/'), { recursive: true });
cpSync(at('samples/mock-okta/fixtures/'), at('dist/samples/mock-okta/fixtures/'), { recursive: true });
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
writeFileSync(at('dist/package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: pkg.type, private: true }, null, 2)}\n`);

// V8's code cache for the bundle, made after one run of `npm start`'s command so that the functions it calls
// are in it too; bin/bundle.js hands it to V8. Without it the CLI runs the same, compiling as it goes. Without
// the sample, `rules` (not --help or --version: yargs exits the process after printing them).
const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';
try {
  const { loadBundle } = await import('../bin/bundle.js');
  const bundle = loadBundle();
  const quiet = { out() {}, err() {}, isTTY: false };
  await bundle.main(existsSync(at(SAMPLE)) ? ['analyze', join(ROOT, SAMPLE), '--db', ':memory:'] : ['rules'], quiet);
  bundle.saveCodeCache();
} catch (error) {
  console.error(`authtrail build: no code cache (${error?.message ?? error}); the CLI compiles as it starts`);
}

writeFileSync(at('dist/build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version }, null, 2)}\n`);
