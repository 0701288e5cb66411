import { describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { RENDERERS } from '../../src/render/index.js';
import { escapeMd } from '../../src/render/markdown.js';
import { summaryLine } from '../../src/render/summary.js';
import { runCli } from '../helpers/cli.js';
import { analysisOf, INPUTS, type InputName, keyedDb, NOW } from './inputs.js';

const EXTENSION: Record<string, string> = { table: 'txt', json: 'json', markdown: 'md', jira: 'jira.txt', html: 'html', mermaid: 'mmd' };

/** Capture times are when the test ran: the only value of an analysis that is not a function of its input. */
function stable(analysis: AnalysisJson): AnalysisJson {
  return { ...analysis, captures: analysis.captures.map((c) => ({ ...c, createdAt: '2026-11-29T12:00:00.000Z' })) };
}

const SNAPSHOTS: InputName[] = ['devforum', 'clean-mfa-signin', 'push-rejected', 'hostile'];

describe.each(SNAPSHOTS)('every format for %s', (name) => {
  it.each(Object.keys(RENDERERS))('%s matches its snapshot', async (format) => {
    const analysis = stable(await analysisOf(name));
    const out = RENDERERS[format](analysis, { now: NOW, color: false });
    expect(out.length).toBeGreaterThan(100);
    await expect(out).toMatchFileSnapshot(`../fixtures/render/${name}/${format}.${EXTENSION[format]}`);
  });
});

describe('what the formats say', () => {
  it('the devforum markdown has the summary line, a timeline and findings per transaction, and a Mermaid fence', async () => {
    const analysis = await analysisOf('devforum');
    const md = RENDERERS.markdown(analysis, { now: NOW });
    expect(md).toContain(`**${escapeMd(summaryLine(analysis))}**`);
    expect(md).toMatch(/\| Step \| Operation \| Status \|/);
    expect(md).toMatch(/\| Severity \| Rule \| Step \| What it means \|/);
    expect(md).toContain('```mermaid\nsequenceDiagram');
    for (const op of ['recovery.password', 'recovery.token', 'recovery.answer', 'credentials.reset_password', 'factors.verify']) expect(md).toContain(`\`${op}\``);
    for (const f of analysis.findings) expect(md).toContain(`\`${f.rule}\``);
  });

  it('jira output is wiki markup: header rows, panels and a code block, no Markdown tables', async () => {
    const analysis = await analysisOf('devforum');
    const jira = RENDERERS.jira(analysis, { now: NOW });
    expect(jira).toMatch(/^\|\|Step\|\|Operation\|\|Status\|\|/m);
    expect(jira).toMatch(/^\|\|Severity\|\|Rule\|\|Step\|\|/m);
    expect(jira).toContain('{panel:title=Summary');
    expect(jira).toMatch(/\{code:title=[^}]*\}\nsequenceDiagram[\s\S]*?\n\{code\}/);
    expect(jira).not.toMatch(/^\|---/m);
  });

  it('shows relative times between steps when the evidence has times, and only step order when it has none', async () => {
    const timed = RENDERERS.markdown(await analysisOf('clean-mfa-signin'), { now: NOW });
    expect(timed).toMatch(/\| 2 \| 2026-11-20 14:02:07Z \| \+2s \|/);
    expect(timed).toMatch(/\| 3 \| 2026-11-20 14:02:34Z \| \+27s \|/);
    const untimed = RENDERERS.markdown(await analysisOf('devforum'), { now: NOW });
    expect(untimed).toContain('steps are shown in their order only');
    expect(untimed).not.toMatch(/\+\d+s/);
  });

  it('--tz shows times in another zone with their offset', async () => {
    const paris = RENDERERS.markdown(await analysisOf('clean-mfa-signin'), { now: NOW, tz: 'Europe/Paris' });
    expect(paris).toContain('2026-11-20 15:02:34+01:00');
    expect(paris).toContain('Times in Europe/Paris');
  });

  it('a clean flow says so in every format', async () => {
    const analysis = await analysisOf('clean-mfa-signin');
    expect(analysis.findings).toEqual([]);
    expect(summaryLine(analysis)).toBe('1 transaction, 3 steps, outcome SUCCESS; no findings');
    expect(RENDERERS.markdown(analysis, { now: NOW })).toContain('No finding for this transaction.');
    expect(RENDERERS.html(analysis, { now: NOW })).toContain('No findings.');
  });

  it('analyze --format prints what the registry renders (mermaid, markdown) for the same evidence', async () => {
    const analysis = await analysisOf('push-rejected');
    const run = await runCli('analyze', '--db', keyedDb(), '--format', 'mermaid', INPUTS['push-rejected']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(RENDERERS.mermaid(analysis, {}));
    const md = await runCli('analyze', '--db', ':memory:', '--format', 'markdown', '--tz', 'Asia/Tokyo', INPUTS['push-rejected']);
    expect(md.stdout).toContain('2026-11-21 17:15:39+09:00');
  });

  it('analyze --tz with an unknown zone is a usage error', async () => {
    const run = await runCli('analyze', '--db', ':memory:', '--format', 'markdown', '--tz', 'Mars/Olympus_Mons', INPUTS.devforum);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--tz Mars\/Olympus_Mons: not a time zone/);
  });
});

describe('large captures', () => {
  it('the story names the first transactions and counts the rest; repeated findings fold into one line', async () => {
    const one = await analysisOf('push-rejected');
    const t = one.transactions[0];
    const many: AnalysisJson = {
      ...one,
      transactions: Array.from({ length: 12 }, (_, i) => ({ ...t, id: `1.${i + 1}`, outcome: i % 3 ? 'SUCCESS' : 'MFA_PENDING' })),
      findings: Array.from({ length: 12 }, (_, i) => one.findings.map((f) => ({ ...f, transaction: `1.${i + 1}` }))).flat(),
    };
    const md = RENDERERS.markdown(many, { now: NOW });
    expect(md.match(/^## Transaction /gm)).toHaveLength(12);
    const ticket = RENDERERS.html(many, { now: NOW });
    expect(ticket).toContain('7 more transactions (');
    const secretLine = ticket.match(/<li class="sev-medium"><span class="sev">medium<\/span> secret-exposed[^<]*<\/li>/)![0];
    expect(secretLine).toMatch(/×\d+ at .* and \d+ more \(/);
    expect(secretLine.length).toBeLessThan(400);
  });
});

describe('table structure survives hostile evidence', () => {
  /** Cells of a GFM table row: pipes escaped with a backslash are content, the others separate cells. */
  const mdCells = (row: string) => row.trim().slice(1, -1).split(/(?<!\\)\|/).length;
  // A Jira link `[text|url]` holds a pipe of its own; evidence brackets are entities, so any `[` opens a link.
  const jiraCells = (row: string) => row.trim().replace(/\[[^\]]*\]/g, 'link').replace(/^\|\|?|\|\|?$/g, '').split(/\|\|?/).length;

  it.each(['devforum', 'hostile', 'push-rejected'] as const)('every Markdown and Jira table row of %s has as many cells as its header', async (name) => {
    const analysis = await analysisOf(name);
    for (const [text, isRow, isHeader, cells] of [
      [RENDERERS.markdown(analysis, { now: NOW }), (l: string) => l.startsWith('|'), (l: string, prev: string) => !prev.startsWith('|'), mdCells],
      [RENDERERS.jira(analysis, { now: NOW }), (l: string) => l.startsWith('|'), (l: string) => l.startsWith('||'), jiraCells],
    ] as const) {
      const lines = text.split('\n');
      let expected = 0;
      let rows = 0;
      lines.forEach((line, i) => {
        if (!isRow(line)) return;
        if (isHeader(line, lines[i - 1] ?? '')) expected = cells(line);
        else if (!/^\|[-:|]+\|$/.test(line)) {
          rows += 1;
          expect([line, cells(line)]).toEqual([line, expected]);
        }
      });
      expect(rows).toBeGreaterThan(analysis.transactions[0].steps.length);
    }
  });
});
