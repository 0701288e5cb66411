import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTicket } from '../../src/render/ticket.js';
import { analysisOf, NOW } from './inputs.js';

/**
 * The Markdown as a GFM renderer sees it (micromark with the GFM extension, the reference implementation of
 * the spec GitHub follows). Raw HTML is let through on purpose: any markup that escaping missed shows up.
 */
function toHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

function tables(html: string): { header: number; rows: number[] }[] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, body]) => ({
    header: (body.match(/<th[ >]/g) ?? []).length,
    rows: [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map(([, row]) => (row.match(/<td[ >]/g) ?? []).length),
  }));
}

describe('Markdown through a GFM parser', () => {
  it('the devforum report is a timeline table and a findings table per transaction plus a mermaid code block', async () => {
    const analysis = await analysisOf('devforum');
    const html = toHtml(renderMarkdown(analysis, { now: NOW }));
    const found = tables(html);
    expect(found).toHaveLength(2);
    expect(found[0]).toEqual({ header: 9, rows: Array(6).fill(9) });
    expect(found[1]).toEqual({ header: 6, rows: Array(analysis.findings.length).fill(6) });
    expect(html).toContain('<pre><code class="language-mermaid">sequenceDiagram');
    expect(html).toContain('<code>credentials.reset_password</code>');
  });

  it('hostile values stay text: no element, link or emphasis comes from the evidence', async () => {
    const analysis = await analysisOf('hostile');
    for (const md of [renderMarkdown(analysis, { now: NOW }), renderTicket(analysis, { now: NOW })]) {
      const html = toHtml(md);
      expect(html).not.toMatch(/<(script|img|b|i|svg)[\s>/]/i);
      expect(html).not.toMatch(/href="javascript:/i);
      expect(html).not.toMatch(/<em>|<del>/);
      expect(html).toContain('eve&lt;img src=&quot;');
      // GFM autolinks bare URLs and e-mail addresses, as GitHub does: clickable, never loaded, never a script.
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|mailto:|docs\/rules\/|rules\/)/);
      for (const table of tables(html)) expect(table.rows.every((n) => n === table.header)).toBe(true);
    }
  });

  it('ticket.md opens with the verdict, then the story as paragraphs and lists', async () => {
    const html = toHtml(renderTicket(await analysisOf('devforum'), { now: NOW }));
    expect(html).toMatch(/^<h1>Okta authn flow: what happened<\/h1>\n<h2>Verdict<\/h2>\n<p><strong>Answer:<\/strong> not an Okta bug \(documented behaviour\)[^<]*<\/p>\n<p><strong>What Okta documents that explains what you saw:<\/strong><\/p>\n<ul>\n<li>step 4 of 1\.1/);
    expect(html).toMatch(/<li>user id unmasked at step 4 of 1\.1[^<]*<\/li>\n<\/ul>\n<p>Transaction 1\.1 for .* went START → RECOVERY/);
    expect(html).toContain('for <a href="mailto:mary.jane@email.com">mary.jane@email.com</a> went');
    expect(html).toMatch(/<p><strong>Findings that matter \(medium and high\):<\/strong><\/p>\n<ul>\n<li>high password-changed-regressed at step 5/);
  });
});
