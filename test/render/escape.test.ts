import { describe, expect, it } from 'vitest';
import { esc, html } from '../../src/render/html/escape.js';
import { escapeJira } from '../../src/render/jira.js';
import { code, escapeMd, escapeMdLine } from '../../src/render/markdown.js';
import { escapeMermaid } from '../../src/render/mermaid.js';
import { safeLink } from '../../src/render/link.js';

const HOSTILE = 'a|b <script>x</script> *bold* _it_ [l](javascript:1) `t` {code} {panel} #1; %% & \\ ~s~ ^u^ +x+ -y- ?? !img!\nnext';

describe('escaping evidence for each format', () => {
  it('Markdown: every markup character escaped, words with underscores left readable, one line', () => {
    const out = escapeMd(HOSTILE);
    expect(out).not.toMatch(/\n/);
    expect(out).not.toMatch(/(?<!\\)[|<*[\]`~]/);
    expect(escapeMd('MFA_REQUIRED credentials.reset_password')).toBe('MFA_REQUIRED credentials.reset_password');
    expect(escapeMd('_lead and trail_')).toBe('\\_lead and trail\\_');
    expect(escapeMdLine('> quote')).toBe('\\> quote');
    expect(escapeMdLine('1. list')).toBe('1\\. list');
    expect(escapeMdLine('# heading')).toBe('\\# heading');
  });

  it('Markdown code spans survive backticks and table pipes', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('')).toBe('');
  });

  it('Jira wiki: markup characters become numeric entities, inner-word marks stay readable', () => {
    const out = escapeJira(HOSTILE);
    expect(out).not.toMatch(/[|{}[\]<>\\!\n]/);
    expect(out).not.toMatch(/(^|[^A-Za-z0-9&])[*_+^~?-](?![0-9]+;)/);
    expect(escapeJira('PASSWORD_RESET 2022-11-02')).toBe('PASSWORD_RESET 2022-11-02');
    expect(escapeJira('')).toBe(' ');
  });

  it('Mermaid: nothing that ends a message, starts a comment or reaches the label as HTML', () => {
    const bare = escapeMermaid(HOSTILE).replace(/#(\d+|[a-z]+);/g, '');
    expect(bare).not.toMatch(/[#;"'<>{}|`\\\n]|%%/);
  });

  it('HTML: text and attributes, lone surrogates and control characters neutralised', () => {
    expect(esc(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(esc('a\u0000b\ud800c')).toBe('a\ufffdb\ufffdc');
    expect(html`<p title="${'"><script>'}">${'<b>'}</p>`.value).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;</p>');
  });

  it('only web and repository links become links', () => {
    expect(safeLink('https://developer.okta.com/docs/reference/api/authn/')).not.toBeNull();
    expect(safeLink('docs/rules/secret-exposed.md')).toBe('docs/rules/secret-exposed.md');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'https://x" onmouseover="y', '//evil.example/x', '/etc/passwd', '..//evil']) expect(safeLink(bad)).toBeNull();
  });
});
