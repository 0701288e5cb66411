import { chmodSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AnalysisJson } from '../model/analysis.js';
import type { Capture, Exchange } from '../model/exchange.js';
import { Redactor } from '../redact/redactor.js';
import type { ProfileHints } from '../redact/shape.js';
import { collectProfileHints } from '../redact/shape.js';
import { harChunks, type HarCreator } from './har.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { bundledRulePage, renderTicket } from './ticket.js';
import { renderMermaid } from './mermaid.js';
import type { RenderOptions } from './time.js';

/** The files of a report bundle, in the order they are listed. */
export const BUNDLE_FILES = ['ticket.md', 'timeline.mmd', 'analysis.json', 'report.html', 'evidence.har'] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

/**
 * The exchanges as shareable HAR. Stored exchanges are already redacted unless captured with --raw; they go
 * through the redactor again regardless, so a raw capture never leaves the machine in clear. Redacting a
 * redacted value keeps it as it is, and the database's key keeps fingerprints equal to the analysis's.
 */
export function evidenceHar(captures: readonly Capture[], exchanges: readonly Exchange[], redactor: Redactor, creator: HarCreator): string {
  if (redactor.raw) throw new Error('evidenceHar needs a redacting Redactor');
  const hints = new Map<string, ProfileHints>();
  const safe = exchanges.map((exchange): Exchange => {
    const key = `${exchange.captureId}/${exchange.group}`;
    let groupHints = hints.get(key);
    if (!groupHints) hints.set(key, (groupHints = new Map()));
    collectProfileHints(groupHints, exchange.requestBody);
    const { exchange: redacted } = redactor.redact(exchange, groupHints);
    collectProfileHints(groupHints, exchange.responseBody);
    // Groups are per capture; prefixing keeps two captures' "transcript 1" apart as HAR pages.
    return { ...exchange, ...redacted, group: captures.length > 1 ? `capture ${exchange.captureId}: ${exchange.group}` : exchange.group };
  });
  const capture: Capture =
    captures.length === 1
      ? { ...captures[0], raw: false }
      : {
          id: 0,
          sourceKind: captures[0]?.sourceKind ?? 'transcript',
          file: captures.map((c) => c.file).join(', ') || 'no capture',
          contentHash: null,
          createdAt: captures[0]?.createdAt ?? new Date(0).toISOString(),
          raw: false,
          exchangeCount: safe.length,
        };
  return [...harChunks(capture, safe, creator)].join('');
}

/**
 * Every file of the bundle, rendered in memory first so a failure writes nothing: the BUNDLE_FILES, then
 * `rules/<id>.md` for each rule that fired and has a page in `pages` (docs/rules/ file name → its text).
 */
export function renderBundle(analysis: AnalysisJson, options: RenderOptions, har: string, pages: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const files = new Map<string, string>([
    ['ticket.md', renderTicket(analysis, options)],
    ['timeline.mmd', renderMermaid(analysis, options)],
    ['analysis.json', renderJson(analysis)],
    ['report.html', renderHtml(analysis, options)],
    ['evidence.har', har],
  ]);
  for (const f of analysis.findings) {
    const page = bundledRulePage(f);
    const text = page && pages.get(page.slice('rules/'.length));
    if (page && text !== undefined && text !== null) files.set(page, text);
  }
  return files;
}

/**
 * Writes the bundle into `dir` (created, mode 0700, if needed). Each file is written to a temporary name with
 * mode 0600 and renamed over any older one, so a reader never sees half a file nor an older, wider mode.
 */
export function writeBundle(dir: string, files: ReadonlyMap<string, string>): string[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    // rules/ pages sit one level down, created as the bundle directory is.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = join(dirname(path), `.${name.split('/').pop()}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, content, { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, path);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was created.
      }
      throw error;
    }
    written.push(path);
  }
  return written;
}

/** Whether `dir` can hold a bundle: absent (it will be created) or a directory. */
export function isUsableDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
