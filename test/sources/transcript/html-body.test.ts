import { describe, expect, it } from 'vitest';
import { openTextSource } from '../../../src/sources/transcript/index.js';

const PASTE = `POST /api/v1/authn HTTP/1.1
Host: dev-123456.okta.com
Content-Type: application/json

{"username":"jane@example.com","password":"x"}

HTTP/1.1 503 Service Unavailable
Content-Type: text/html

<html>
<head><title>503 Service Temporarily Unavailable</title></head>
<body>
<div class="error">Okta is undergoing maintenance</div>
<p>Please try again later.</p>
</body>
</html>
`;

describe('an HTML page pasted as a response body', () => {
  it("keeps its tags (they are the evidence, not a rendered page's leftovers)", () => {
    const source = openTextSource('page.txt', PASTE);
    const [exchange] = source.exchanges as { responseStatus: number; responseBody: unknown }[];
    expect(exchange!.responseStatus).toBe(503);
    expect(String(exchange!.responseBody)).toContain('<div class="error">Okta is undergoing maintenance</div>');
    expect(String(exchange!.responseBody)).toContain('<p>Please try again later.</p>');
  });

  it("a rendered paste's <pre><code> leftovers around JSON are still removed", () => {
    const source = openTextSource('rendered.md', '**1. POST /api/v1/authn**\nRequest:\n<pre><code>{"username":"a@b.c","password":"x"}</code></pre>\nResponse:\n<pre><code>{"status":"SUCCESS","sessionToken":"20111abcdefghijklmnopqr"}</code></pre>\n');
    const [exchange] = source.exchanges as { responseBody: Record<string, unknown> }[];
    expect(exchange!.responseBody.status).toBe('SUCCESS');
  });
});
