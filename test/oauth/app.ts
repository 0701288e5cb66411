import http from 'node:http';

/**
 * A tiny single-page client on 127.0.0.1 doing the authorization code flow with PKCE against the mock: `/`
 * makes a verifier, an S256 challenge and a state and sends the browser to /authorize; `/callback` checks the
 * state and redeems the code with fetch. `variant` breaks one thing (`plain` PKCE, no `state`) or asks for
 * `response_mode=form_post`, whose POST to /callback the server hands to the page.
 */
export type Variant = 'clean' | 'plain' | 'no-state' | 'form-post';

const START = (issuer: string, redirect: string) => `<!DOCTYPE html><html><body><script type="module">
const variant = new URLSearchParams(location.search).get('variant') || 'clean';
const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const verifier = b64(crypto.getRandomValues(new Uint8Array(32)));
const challenge = variant === 'plain' ? verifier : b64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
const state = b64(crypto.getRandomValues(new Uint8Array(16)));
sessionStorage.setItem('flow', JSON.stringify({ v: verifier, state: variant === 'no-state' ? null : state }));
const q = new URLSearchParams({ client_id: '0oa1mockspa', response_type: 'code', scope: 'openid profile offline_access', redirect_uri: ${JSON.stringify(redirect)}, nonce: b64(crypto.getRandomValues(new Uint8Array(16))), code_challenge: challenge, code_challenge_method: variant === 'plain' ? 'plain' : 'S256' });
if (variant !== 'no-state') q.set('state', state);
if (variant === 'form-post') q.set('response_mode', 'form_post');
location.assign(${JSON.stringify(issuer)} + '/v1/authorize?' + q);
</script></body></html>`;

const CALLBACK = (issuer: string, redirect: string, posted: string) => `<!DOCTYPE html><html><head><meta name="referrer" content="no-referrer"></head><body><script type="module">
const params = new URLSearchParams(${JSON.stringify(posted)} || location.search);
const flow = JSON.parse(sessionStorage.getItem('flow'));
if (params.get('error')) document.title = 'done:' + params.get('error');
else if (params.get('state') !== flow.state) document.title = 'done:state-mismatch';
else {
  // Set one by one: the redactor reads \`name: value\` in a page's text as a pasted secret.
  const body = new URLSearchParams();
  body.set('grant_type', 'authorization_code');
  body.set('client_id', '0oa1mockspa');
  body.set('code', params.get('code'));
  body.set('redirect_uri', ${JSON.stringify(redirect)});
  body.set('code_verifier', flow.v);
  const res = await fetch(${JSON.stringify(issuer)} + '/v1/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const tokens = await res.json();
  document.title = 'done:' + res.status + (tokens.id_token ? ':id_token' : '');
}
</script></body></html>`;

export async function startApp(issuer: string): Promise<{ url: string; stop(): Promise<void> }> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://app').pathname;
      const redirect = `${origin}/callback`;
      // A form_post callback: the posted fields, checked and redeemed by the page like a query callback.
      const posted = req.method === 'POST' ? Buffer.concat(chunks).toString('utf8') : '';
      const page = path === '/' ? START(issuer, redirect) : path === '/callback' ? CALLBACK(issuer, redirect, posted) : null;
      res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page ?? 'not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: origin,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
