import type { AnalysisJson } from '../model/analysis.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';
import type { RenderOptions } from './time.js';

export type Renderer = (analysis: AnalysisJson, options: RenderOptions) => string;

/** Output formats of `analyze`, by name. Adding a format is one line. */
export const RENDERERS: Record<string, Renderer> = {
  table: renderTable,
  json: (analysis) => renderJson(analysis),
};
