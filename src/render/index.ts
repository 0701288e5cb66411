import type { AnalysisJson } from '../model/analysis.js';
import { harChunks } from './har.js';
import { renderHtml } from './html.js';
import { renderJira } from './jira.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderMermaid } from './mermaid.js';
import { renderTable } from './table.js';
import type { RenderOptions } from './time.js';

export type Renderer = (analysis: AnalysisJson, options: RenderOptions) => string;

/** Output formats of `analyze`, by name. Adding a format is one line. */
export const RENDERERS: Record<string, Renderer> = {
  table: renderTable,
  json: (analysis) => renderJson(analysis),
  markdown: renderMarkdown,
  jira: renderJira,
  html: renderHtml,
  mermaid: renderMermaid,
};

/** Formats a capture can be exported to (`authtrail export <format>`), by name: pure functions of the stored exchanges. */
export const EXPORTERS = { har: harChunks } as const;
