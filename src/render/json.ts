import type { AnalysisJson } from '../model/analysis.js';

export function renderJson(analysis: AnalysisJson): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}
