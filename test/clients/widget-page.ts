import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';

/**
 * A tiny static server on 127.0.0.1 for the Sign-In Widget test: one page that renders the widget from
 * node_modules with the config in its URL fragment, and the widget's own files under /widget/.
 */

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
