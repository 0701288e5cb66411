#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm install` / `npm ci` run it): bundles src/ and samples/mock-okta/ with
// esbuild into a few ES modules in dist/, so users start without transpiling TypeScript and without resolving
// hundreds of files. bin/authtrail.js runs dist/ only when dist/build.json, written last, is newer than every
// source: a failed or stale build falls back to tsx. Type checking is `npm run typecheck`'s job, not the build's.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const at = (path) => new URL(path, root);
const ROOT = fileURLToPath(root);
const DIST = join(ROOT, 'dist');

/**
 * One output file per entry, at the path tsc gave it: bin/ imports dist/src/cli/main.js, each command module
 * (imported lazily by main.ts) is its own file and the recorder starts its worker by path. Code two of them
 * share goes into dist/chunks/.
 */
const ENTRIES = ['src/cli/main.ts', 'src/cli/commands/*.ts', 'src/record/worker.ts'];

/** Stands for "dist/ as seen from this output file" until the output files' places are known. */
const DIST_FROM_HERE = '__AUTHTRAIL_DIST_FROM_HERE__';

/**
 * Keeps `import.meta.url` meaning the module's own file once modules share a bundle: in a project module it
 * becomes the URL that module had in tsc's layout (dist/src/..., so `new URL('../../../docs/rules/', ...)` and
 * the worker's path resolve as before); in a package it stays the package file's real URL (yargs finds its
 * locales and the package.json it reports with --version from there).
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const path = relative(ROOT, args.path).split(sep).join('/');
      const inDist = path.startsWith('node_modules/') ? `../${path}` : path.replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(inDist)}, new URL(${JSON.stringify(DIST_FROM_HERE)}, import.meta.url)).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js', resolveDir: dirname(args.path) };
    });
  },
};

function fail(message) {
  rmSync(DIST, { recursive: true, force: true });
  console.error(`authtrail build: ${message}; bin/authtrail.js keeps running the sources through tsx`);
  // As `prepare` (--optional) a failed build must not fail `npm install`: the CLI still runs, only slower to start.
  process.exit(process.argv.includes('--optional') ? 0 : 1);
}

rmSync(DIST, { recursive: true, force: true });
let result;
try {
  const esbuild = await import('esbuild');
  result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: DIST,
    outbase: '.',
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // A native addon: it loads its .node file from its own package directory.
    external: ['better-sqlite3'],
    // CommonJS packages inside an ES module bundle still call require() for Node's built-in modules.
    banner: { js: "import { createRequire as __authtrailCreateRequire } from 'node:module';\nconst require = __authtrailCreateRequire(import.meta.url);" },
    plugins: [ownUrl],
    write: false,
    logLevel: 'warning',
  });
} catch (error) {
  fail(`esbuild failed (${error?.message?.split('\n')[0] ?? error})`);
}
for (const file of result.outputFiles) {
  const up = relative(dirname(file.path), DIST).split(sep).join('/');
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text.replaceAll(JSON.stringify(DIST_FROM_HERE), JSON.stringify(up ? `${up}/` : './')));
}

// Files the modules read beside themselves at run time (`new URL('../../../docs/rules/', import.meta.url)`).
cpSync(at('docs/rules/'), at('dist/docs/rules/'), { recursive: true });
cpSync(at('samples/mock-okta/fixtures/'), at('dist/samples/mock-okta/fixtures/'), { recursive: true });
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
writeFileSync(at('dist/package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: pkg.type, private: true }, null, 2)}\n`);

mkdirSync(DIST, { recursive: true });
writeFileSync(at('dist/build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version }, null, 2)}\n`);
