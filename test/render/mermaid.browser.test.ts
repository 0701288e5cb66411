import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { escapeMermaid, renderMermaid, transactionDiagram } from '../../src/render/mermaid.js';
import { BROWSER_TIMEOUT, haveChromium, launchChromium, mermaidPage, parseMermaid } from './browser.js';
import { analysisOf, type InputName, NOW } from './inputs.js';

const NAMES: InputName[] = ['devforum', 'clean-mfa-signin', 'push-rejected', 'hostile'];

/** Values that are syntax somewhere in Mermaid's grammar (`;` and `#` end a message, `%%` a comment...). */
const HOSTILE = [
  'a;b',
  '#35; #x',
  '%% comment',
  '"quoted" \'single\'',
  '<b>html</b> & <script>x</script>',
  '{braces} |pipes| `ticks` \\back',
  'end',
  'loop x',
  'C->>O: forged arrow',
  'Note over C,O: forged note',
  'line\nbreak\r\nand\ttab',
  'wrap: nowrap:',
  '——unicode… ✓ ↻',
];

describe.skipIf(!haveChromium())("Mermaid's own parser (mermaid npm package in headless Chromium)", { timeout: BROWSER_TIMEOUT }, () => {
  let browser: Browser;
  let page: Page;
  const analyses = new Map<InputName, AnalysisJson>();

  beforeAll(async () => {
    browser = await launchChromium();
    page = await mermaidPage(browser);
    for (const name of NAMES) analyses.set(name, await analysisOf(name));
  }, BROWSER_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  });

  it('accepts the mermaid format and every per-transaction diagram of every input', async () => {
    const diagrams: string[] = [];
    for (const analysis of analyses.values()) {
      diagrams.push(renderMermaid(analysis));
      for (const t of analysis.transactions) diagrams.push(transactionDiagram(t, analysis.findings));
    }
    const errors = await parseMermaid(page, diagrams);
    expect(errors.filter((e) => e !== null)).toEqual([]);
    expect(errors).toHaveLength(diagrams.length);
  });

  it('accepts several transactions and evidence-wide findings in one diagram', async () => {
    const one = analyses.get('devforum')!;
    const other = analyses.get('push-rejected')!;
    const merged: AnalysisJson = {
      ...one,
      transactions: [...one.transactions, ...other.transactions.map((t) => ({ ...t, id: '2.1', captureId: 2 }))],
      findings: [...one.findings, ...other.findings.map((f) => ({ ...f, transaction: f.transaction && '2.1' })), { ...one.findings[0], transaction: null, step: null }],
    };
    const source = renderMermaid(merged);
    expect(source).toMatch(/rect rgb/);
    expect(await parseMermaid(page, [source])).toEqual([null]);
  });

  it('the fenced diagram in the Markdown report parses too', async () => {
    const md = renderMarkdown(analyses.get('devforum')!, { now: NOW });
    const fences = [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(fences).toHaveLength(1);
    expect(await parseMermaid(page, fences)).toEqual([null]);
  });

  it('escaped hostile text parses in titles, messages and notes, where the same text unescaped does not', async () => {
    const diagram = (text: string) =>
      ['sequenceDiagram', `  title ${text}`, '  participant C as Client', '  participant O as Okta', `  C->>O: ${text}`, `  O-->>C: ${text}`, `  Note over C,O: ${text}`].join('\n');
    const escaped = await parseMermaid(page, HOSTILE.map((t) => diagram(escapeMermaid(t))));
    expect(escaped).toEqual(HOSTILE.map(() => null));
    // The control: the parser does reject what escaping removes, so the check above has teeth.
    const raw = await parseMermaid(page, ['a;b', 'x\nC-->>>O broken', '#'].map((t) => `sequenceDiagram\n  C->>O: 1. ${t}`));
    expect(raw.filter((e) => e !== null).length).toBeGreaterThanOrEqual(2);
  });
});
