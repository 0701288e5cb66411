import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering docs/architecture.md states, checked on every import in src/: a folder imports only its own
 * layer or lower ones, nothing but the demo wiring reaches samples/, and no module imports itself back.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const LAYERS: Record<string, number> = { model: 0, http: 1, redact: 1, store: 2, protocols: 3, ingest: 4, sources: 5, analyze: 6, record: 7, render: 8, sanitize: 8, cli: 9 };
/** The only modules allowed to import samples/ (the demo runs the mock Okta). */
const SAMPLE_USERS = new Set(['cli/commands/demo.ts']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.(ts|mts)$/.test(d.name) ? [join(dir, d.name)] : []));
}

/**
 * Relative module specifiers a file loads, resolved to repo paths: static and dynamic imports, re-exports and
 * `new URL(…, import.meta.url)` file reads; `types` adds the type-only imports (erased when compiled).
 */
function importsOf(file: string, types: boolean): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s)?[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]/g)]
    .filter((m) => types || !m[1])
    .map((m) => m[2] ?? m[3] ?? m[4]);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(dirname(file), s)).replace(/\.m?js$/, '.ts'));
}

const all = files(SRC);
const graph = new Map(all.map((f) => [relative(ROOT, f), importsOf(f, true)]));
/** What runs: a cycle of type-only imports loads nothing twice. */
const runtime = new Map(all.map((f) => [relative(ROOT, f), importsOf(f, false)]));
const layerOf = (path: string) => LAYERS[path.split('/')[1]!];

describe('layers', () => {
  it('knows every folder of src/', () => {
    const folders = new Set([...graph.keys()].map((p) => p.split('/')[1]).filter((f) => !f!.includes('.')));
    expect([...folders].filter((f) => !(f! in LAYERS))).toEqual([]);
    expect(graph.size).toBeGreaterThan(200);
  });

  it('imports only downwards (or within a layer)', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        if (!to.startsWith('src/')) continue;
        if (layerOf(to) > layerOf(from)) upward.push(`${from} -> ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('reaches samples/ only from the demo wiring, and nothing outside src/ else', () => {
    const outside: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        // The CLI reads its version and the rule pages it prints.
        if (to.startsWith('src/') || (from.startsWith('src/cli/') && (to === 'package.json' || to.startsWith('docs/')))) continue;
        if (to.startsWith('samples/') && SAMPLE_USERS.has(from.slice(4))) continue;
        outside.push(`${from} -> ${to}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('has no circular imports at run time', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
        return;
      }
      state.set(node, 'open');
      for (const next of runtime.get(node) ?? []) if (runtime.has(next)) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of runtime.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
