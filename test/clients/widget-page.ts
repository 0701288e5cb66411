import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { Page } from 'playwright-core';
import { PASSCODE, type MockUser } from '../../samples/mock-okta/users.js';
import { extname, join, normalize } from 'node:path';

/**
 * A tiny static server on 127.0.0.1 for the Sign-In Widget tests: one page that renders the widget from
 * node_modules with the config in its URL fragment, and the widget's own files under /widget/. Also what a
 * user does in the widget, shared by the test and the HAR generator.
 */

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** The page URL that renders the widget against `issuerOrigin` (the recorder). */
export function widgetUrl(site: string, issuerOrigin: string): string {
  const config = {
    issuer: `${issuerOrigin}/oauth2/default`,
    clientId: '0oa8mockidxapp0000g4',
    redirectUri: `${site}/login/callback`,
    // No openid: the mock's id_token would name the org's own origin as issuer, not the proxy's.
    authParams: { scopes: ['profile', 'email'], responseType: ['token'] },
    assets: { baseUrl: `${site}/widget` },
  };
  return `${site}/#${encodeURIComponent(JSON.stringify(config))}`;
}

/** Types into the widget's field and presses its primary button, as a user would. */
async function submit(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`input[name="${field}"]`).fill(value);
  await page.locator('input[type="submit"], button[type="submit"]').first().click();
}

/** Identifier, password, pick the phone, SMS code (the idx-recovery scenario's sign-in). */
export async function signInSteps(page: Page, user: MockUser): Promise<void> {
  await submit(page, 'identifier', user.login);
  await submit(page, 'credentials.passcode', user.password);
  await page.getByText('Select', { exact: true }).click();
  await page.getByText('Enter Code', { exact: false }).first().waitFor();
  await submit(page, 'credentials.passcode', PASSCODE);
}

/** "Forgot password?", email code, new password twice, then the phone sign-on still asks for. */
export async function recoverySteps(page: Page, user: MockUser, newPassword: string): Promise<void> {
  await submit(page, 'identifier', user.login);
  await page.getByText('Forgot password?').click();
  await page.getByText('Select', { exact: true }).click();
  await page.getByText('Enter a verification code instead').click();
  await submit(page, 'credentials.passcode', PASSCODE);
  await page.locator('input[name="confirmPassword"]').fill(newPassword);
  await submit(page, 'credentials.passcode', newPassword);
  // The password is already changed here; the sign-on policy still wants the phone.
  await page.getByText('Select', { exact: true }).click();
  await page.getByText('Enter Code', { exact: false }).first().waitFor();
  await submit(page, 'credentials.passcode', PASSCODE);
}

/** Waits for the page's showSignInToGetTokens to settle: `{tokens: [...]}` or `{error}`. */
export async function widgetResult(page: Page): Promise<unknown> {
  await page.waitForFunction(() => (window as any).__result, null, { timeout: 15_000 });
  return page.evaluate(() => (window as any).__result);
}

const WIDGET_DIST = join(process.cwd(), 'node_modules/@okta/okta-signin-widget/dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>authtrail widget test</title>
<link href="/widget/css/okta-sign-in.min.css" rel="stylesheet"><script src="/widget/js/okta-sign-in.min.js"></script></head>
<body><div id="widget"></div><script>
  const config = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  new OktaSignIn(config).showSignInToGetTokens({ el: '#widget' })
    .then((tokens) => { window.__result = { tokens: Object.keys(tokens) }; })
    .catch((error) => { window.__result = { error: String(error && (error.message || error)) }; });
</script></body></html>`;

export interface StaticServer {
  url: string;
  stop(): Promise<void>;
}

export async function startWidgetPage(): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
      return;
    }
    const rel = normalize(decodeURIComponent(path.replace(/^\/widget\//, ''))).replace(/^(\.\.[/\\])+/, '');
    if (!path.startsWith('/widget/')) return void (res.writeHead(404), res.end());
    readFile(join(WIDGET_DIST, rel)).then(
      (bytes) => (res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }), res.end(bytes)),
      () => (res.writeHead(404), res.end()),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}
