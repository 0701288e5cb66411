import http from 'node:http';
import httpProxy from 'http-proxy';

/**
 * Baseline (b) of bench/proxy.ts: bare http-proxy pass-through with a keep-alive agent and an error
 * handler, nothing else. `tsx bench/proxy-bare.ts <target> <port>`; prints "ready" once listening.
 */

const [target, port] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
const proxy = httpProxy.createProxyServer({ target, agent, changeOrigin: true });
proxy.on('error', (_err, _req, res) => {
  const out = res as http.ServerResponse;
  if (!out.headersSent) out.writeHead(502);
  out.end();
});
const server = http.createServer((req, res) => proxy.web(req, res));
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
