import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/redact/redactor.js';
import { parseTokenRef, sameToken } from '../../src/redact/token.js';
import { isSecretHeaderValue } from '../../src/redact/policy.js';
import { post } from '../helpers/flow.js';

const key = Buffer.alloc(32, 7);
const hints = () => new Map<string, string>([['login', 'mary.jane@email.com'], ['firstName', 'Mary']]);

describe('Redactor', () => {
  const redactor = new Redactor(key);
  const stateToken = '00lMJySRYNz3u_rKQrsLvLrzxiARgivP8FB_1gpmVb';

  it('masks tokens to a prefix plus a keyed fingerprint, so equal tokens stay equal', () => {
    const a = redactor.maskToken(stateToken);
    const b = redactor.maskToken(stateToken);
    const other = redactor.maskToken('00ZZZZySRYNz3u_rKQrsLvLrzxiARgivP8FB_1gpmVb');
    expect(a).toBe(b);
    expect(a).not.toContain(stateToken.slice(6));
    expect(a).toMatch(/^00lMJy\*{4}#[0-9a-f]{12}$/);
    expect(sameToken(parseTokenRef(a), parseTokenRef(b))).toBe(true);
    expect(sameToken(parseTokenRef(a), parseTokenRef(other))).toBe(false);
    expect(new Redactor(Buffer.alloc(32, 8)).maskToken(stateToken)).not.toBe(a);
  });

  it('replaces knowledge secrets, records exposures and the password shape', () => {
    const raw = post('/api/v1/authn/credentials/reset_password', { stateToken, newPassword: 'Mary-Jane99!' }, 200, {
      status: 'SUCCESS',
      sessionToken: '20111c-rqAF0iA3z2apKbk8JiM2uH652yPsQjqi7hBEdpe',
    });
    const { exchange, evidence } = redactor.redact(raw, hints());
    const text = JSON.stringify(exchange);
    expect(text).not.toContain('Mary-Jane99!');
    expect(text).not.toContain('rqAF0iA3z2apKbk8');
    expect(text).toContain('[redacted newPassword len=12]');
    expect(evidence.exposures.map((e) => e.field).sort()).toEqual(['newPassword', 'sessionToken', 'stateToken']);
    expect(evidence.passwords).toEqual([{ field: 'newPassword', length: 12, lower: 6, upper: 2, digits: 2, symbols: 2, contains: ['firstName'] }]);
  });

  it('keeps values the evidence already masked, and placeholders, without calling them exposed', () => {
    const raw = post('/api/v1/authn/recovery/answer', { stateToken: '00WSySIHd8o8EUT9o1bo*********', answer: 'Answer here' }, 200, { status: 'PASSWORD_RESET' });
    const { exchange, evidence } = redactor.redact(raw, hints());
    expect((exchange.requestBody as any).stateToken).toBe('00WSySIHd8o8EUT9o1bo*********');
    expect(evidence.exposures).toEqual([]);
  });

  it('an environment variable left unexpanded ($OKTA_PASSWORD, %PASSWORD%) is a placeholder; a lower-case $word may be a password', () => {
    for (const value of ['$OKTA_PASSWORD', '$PASSWORD', '%NEW_PASSWORD%']) {
      const { exchange, evidence } = redactor.redact(post('/api/v1/authn', { username: 'u@x.io', password: value }, 200, { status: 'SUCCESS' }), hints());
      expect((exchange.requestBody as any).password, value).toBe(value);
      expect(evidence.exposures, value).toEqual([]);
    }
    const { evidence } = redactor.redact(post('/api/v1/authn', { username: 'u@x.io', password: '$ecret99x' }, 200, { status: 'SUCCESS' }), hints());
    expect(evidence.exposures.map((e) => e.field)).toEqual(['password']);
  });

  it('fingerprints secret headers, keeping the scheme, and masks secret query parameters and JWT signatures', () => {
    const raw = post('/api/v1/authn/recovery/password?stateToken=00abcdefghijklmnopqrstuvwxyz', { username: 'x' }, 200, {
      status: 'RECOVERY',
      _links: { next: { href: 'https://dev-1.okta.com/login/step-up/redirect?stateToken=00abcdefghijklmnopqrstuvwxyz&x=1' } },
      id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
      note: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
    }, {
      requestHeaders: { authorization: 'SSWS 00abcdefAPIKEYvalue123', cookie: 'sid=abc123def456; DT=xyz' },
      responseHeaders: { 'set-cookie': 'sid=newsession123; Path=/; HttpOnly' },
    });
    const { exchange } = redactor.redact(raw, hints());
    const text = JSON.stringify(exchange);
    for (const secret of ['APIKEYvalue123', 'abc123def456', 'newsession123', 'ghijklmnopqrstuvwxyz', 'c2lnbmF0dXJl']) expect(text).not.toContain(secret);
    expect(exchange.requestHeaders.authorization).toMatch(/^SSWS \*{4}#[0-9a-f]{12}$/);
    expect(exchange.responseHeaders['set-cookie']).toMatch(/^sid=\*{4}#[0-9a-f]{12}; Path=\/; HttpOnly$/);
    expect(exchange.url).toContain('/api/v1/authn/recovery/password?stateToken=00abcd');
    expect((exchange.responseBody as any).note).toBe('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.');
  });

  it('leaves the exchange clear with --raw but still reports what was exposed', () => {
    const rawRedactor = new Redactor(key, true);
    const raw = post('/api/v1/authn', { username: 'u', password: 'hunter2hunter2' }, 200, { status: 'SUCCESS' });
    const { exchange, evidence } = rawRedactor.redact(raw, hints());
    expect((exchange.requestBody as any).password).toBe('hunter2hunter2');
    expect(evidence.exposures.map((e) => e.field)).toEqual(['password']);
  });

  it('masks JSON-like pairs and form pairs in free text', () => {
    const ev = { exposures: [], passwords: [], notes: [] };
    const out = redactor.redactText('{“stateToken”: “00abcdefghijklmnopqrstu”, "passCode": "123456"}', 'request.body', ev, hints());
    expect(out).not.toContain('123456');
    expect(out).not.toContain('ghijklmnopqrstu');
    expect(redactor.redactText('username=a&password=s3cret', 'request.body', ev, hints())).toBe('username=a&password=%5Bredacted%20password%20len%3D6%5D');
  });

  it('masks JSON held in a single-quoted string (an AxiosError config.data), not the code a script names a value by', () => {
    const ev = { exposures: [], passwords: [], notes: [] };
    const out = redactor.redactText(`    data: '{"username":"a@b.c","password":"Tr0ub4dor&3","note":"it\\'s"}',`, 'request.body', ev, hints());
    expect(out).toBe(`    data: '{"username":"a@b.c","password":"[redacted password len=11]","note":"it\\'s"}',`);
    expect(redactor.redactText("status: 'MFA_REQUIRED'", 'response.body', ev, hints())).toBe("status: 'MFA_REQUIRED'");
    // A script's member expression names where the value comes from: it is code, not the secret.
    expect(redactor.redactText('{ stateToken: res.data.stateToken, password: process.env.PW }', 'request.body', ev, hints())).toBe('{ stateToken: res.data.stateToken, password: process.env.PW }');
    expect(redactor.redactText('password: hunter2', 'request.body', ev, hints())).toBe('password: [redacted password len=7]');
  });
});

describe('token references', () => {
  it('links masked tokens by their visible prefix, however many characters each shows', () => {
    const a = parseTokenRef('00WSySIHd8o8EUT9o1bo08jk8bb4oQlsQ*********');
    const b = parseTokenRef('00WSySIHd8o8EUT9o1bo08jk8bb4oQls**********');
    const c = parseTokenRef('00wyJMOMFNYq-Ykq43IWGtsq7iZ5AsKso*********');
    expect(sameToken(a, b)).toBe(true);
    expect(sameToken(a, c)).toBe(false);
    expect(sameToken(parseTokenRef('00W*****'), parseTokenRef('00WSySIHd8o8****'))).toBe(false);
  });

  it('reads the end a mask shows (`00abc...xyz`), and not a mask word as one', () => {
    expect(parseTokenRef('00abc...xyz')).toEqual({ prefix: '00abc', fp: null, masked: true, suffix: 'xyz' });
    expect(parseTokenRef('00abc…xyz')).toEqual({ prefix: '00abc', fp: null, masked: true, suffix: 'xyz' });
    expect(parseTokenRef('00abc[...]wXyZ')).toEqual({ prefix: '00abc', fp: null, masked: true, suffix: 'wXyZ' });
    for (const value of ['00abc*****', '00abc[truncated]', '***REDACTED', '00abc...truncated', '00WSyS****#a1b2c3d4e5f6']) {
      expect(parseTokenRef(value)?.suffix, value).toBeUndefined();
    }
  });

  // [a, b, same token, certainly different]
  const masks: [string, string, boolean, boolean][] = [
    // A short start and an end, written alike: the same token (a paste masks its tokens alike).
    ['00abc...xyz', '00abc...xyz', true, false],
    ['00abc…xyz', '00abc…xyz', true, false],
    ['00ab****wxyz', '00ab****wxyz', true, false],
    // Alike at the start, not at the end (or the other way): two tokens.
    ['00abc...xyz', '00abc...uvw', false, true],
    ['00abc...xyz', '00abd...xyz', false, true],
    ['00aBcDeFgH...wXyZ', '00aBcDeFgH...wXyW', false, true],
    // A long start links by it as before; an end shown on one side only does not stand in its way.
    ['00aBcDeFgH...wXyZ', '00aBcDeFgH...wXyZ', true, false],
    ['00aBcDeFgH...wXyZ', '00aBcDeFgH*****', true, false],
    // Too little shown to say either way.
    ['00a...yz', '00a...yz', false, false],
    ['00abc...xyz', '00abc*****', false, false],
    ['00abc...xyz', '00abcdefgh...xyz', false, false],
    // A keyed token shows no end: its six characters of start decide, as before.
    ['00abc...xyz', '00abcd****#a1b2c3d4e5f6', false, false],
    // Placeholders show nothing of the token.
    ['***REDACTED', '***REDACTED', false, false],
    ['...truncated', '...truncated', false, false],
  ];
  it.each(masks)('%s and %s: same %s, different %s', async (a, b, same, differ) => {
    const { tokensDiffer } = await import('../../src/redact/token.js');
    const { tokenRelation } = await import('../../src/protocols/common/tokens.js');
    expect(sameToken(parseTokenRef(a), parseTokenRef(b))).toBe(same);
    expect(sameToken(parseTokenRef(b), parseTokenRef(a))).toBe(same);
    expect(tokensDiffer(parseTokenRef(a), parseTokenRef(b))).toBe(differ);
    // The rules' relation agrees on "same"; it calls any disagreement "different", as for prefixes.
    if (same) expect(tokenRelation(parseTokenRef(a), parseTokenRef(b))).toBe('same');
    else expect(tokenRelation(parseTokenRef(a), parseTokenRef(b))).not.toBe('same');
    if (differ) expect(tokenRelation(parseTokenRef(a), parseTokenRef(b))).toBe('different');
  });
});

describe('tokens in link paths', () => {
  it('masks the recoveryToken of an emailed reset link in a Referer and in body URLs', () => {
    const redactor = new Redactor(Buffer.alloc(32, 3));
    const token = 'VBQ0gwBp5LyJJFdbmWCM';
    const raw = post('/api/v1/authn/recovery/token', { recoveryToken: token }, 200, {
      status: 'RECOVERY',
      _links: { back: { href: `https://dev-1.okta.com/signin/reset-password/${token}` } },
    }, { requestHeaders: { referer: `https://dev-1.okta.com/signin/reset-password/${token}?fromURI=x` } });
    const { exchange, evidence } = redactor.redact(raw, new Map());
    expect(JSON.stringify(exchange)).not.toContain(token);
    expect(exchange.requestHeaders.referer).toMatch(/\/signin\/reset-password\/VBQ0gw\*{4}%23[0-9a-f]{12}\?fromURI=x$/);
    // Still a URL with its query: the mask's `#` does not start a fragment.
    expect(new URL(exchange.requestHeaders.referer as string).searchParams.get('fromURI')).toBe('x');
    expect(evidence.exposures.filter((e) => e.field === 'recoveryToken').length).toBeGreaterThanOrEqual(2);
  });

  it('masks a token of Okta shape that is a path segment (the widget\'s /signin/refresh-auth-state/{stateToken})', () => {
    const redactor = new Redactor(Buffer.alloc(32, 3));
    const stateToken = '00lMJySRYNz3u_rKQrsLvLrzxiARgivP8FB_1gpmVb';
    const sessionToken = '20111c-rqAF0iA3z2apKbk8JiM2uH652yPsQjqi7hBEdpe';
    const ev = { exposures: [], passwords: [], notes: [] };
    const url = redactor.redactUrl(`https://dev-1.okta.com/signin/refresh-auth-state/${stateToken}?fromURI=%2Fapp#x`, 'url', ev);
    expect(url).toMatch(/^https:\/\/dev-1\.okta\.com\/signin\/refresh-auth-state\/00lMJy\*{4}%23[0-9a-f]{12}\?fromURI=%2Fapp#x$/);
    expect(new URL(url).searchParams.get('fromURI')).toBe('/app');
    expect(redactor.redactUrl(`/login/token/redirect/${sessionToken}`, 'url', ev)).not.toContain(sessionToken.slice(6));
    expect(ev.exposures.map((e: { field: string }) => e.field)).toEqual(['stateToken', 'sessionToken']);
    // Ids of 20 characters in paths are not tokens.
    expect(redactor.redactUrl('https://dev-1.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR/factors/ufs2bysphxKODSZKWVCT', 'url', ev)).toBe('https://dev-1.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR/factors/ufs2bysphxKODSZKWVCT');
  });
});

describe('tokensDiffer', () => {
  it('claims a rotation only when the evidence shows two different tokens', async () => {
    const { tokensDiffer } = await import('../../src/redact/token.js');
    expect(tokensDiffer(parseTokenRef('00WSySIHd8o8****'), parseTokenRef('00wyJMOMFNYq****'))).toBe(true);
    expect(tokensDiffer(parseTokenRef('00WSy*****'), parseTokenRef('00WSy*****'))).toBe(false);
    expect(tokensDiffer(parseTokenRef('00WSy*****'), parseTokenRef('00abc*****'))).toBe(false);
    expect(tokensDiffer(parseTokenRef('00abcd****#aaaaaaaaaaaa'), parseTokenRef('00abcd****#bbbbbbbbbbbb'))).toBe(true);
  });
});

describe('which header values are secrets', () => {
  it('by name, whatever the prefix, and by a value written as an Authorization header, without masking ordinary headers', () => {
    for (const name of ['Authorization', 'X-Forwarded-Authorization', 'Proxy-Authorization', 'X-Okta-Credentials', 'X-User-Password', 'X-Auth', 'X-Amzn-Oidc-Accesstoken', 'X-Csrf-Token', 'X-API-Key', 'Cookie']) {
      expect(isSecretHeaderValue(name, 'abc'), name).toBe(true);
    }
    for (const [name, value] of [['X-Upstream', 'Bearer GatewayBearer48xyz'], ['X-Original', 'Basic YWRtaW46cHc='], ['x-okta-forward', 'SSWS 00abcdefghijklmnop']] as const) {
      expect(isSecretHeaderValue(name, value), name).toBe(true);
    }
    for (const [name, value] of [['Content-Type', 'application/json'], ['X-Okta-Request-Id', 'Xk1abc'], ['Idempotency-Key', 'k-1'], ['X-Description', 'Token expired'], ['X-Note', 'Bearer short'], ['WWW-Authenticate', 'Bearer realm="okta"'], ['X-Rate-Limit-Remaining', '99']] as const) {
      expect(isSecretHeaderValue(name, value), name).toBe(false);
    }
  });

  it('keeps the scheme of a credential under any name, as for Authorization', () => {
    const headers = new Redactor(key).redactHeaders({ 'x-upstream': 'Bearer GatewayBearer48xyz', 'x-forwarded-authorization': 'Bearer FwdBearer47xyzabc' }, 'request.header', { exposures: [], passwords: [], notes: [] } as never);
    expect(headers['x-upstream']).toMatch(/^Bearer \*{4}#[0-9a-f]{12}$/);
    expect(headers['x-forwarded-authorization']).toMatch(/^Bearer \*{4}#[0-9a-f]{12}$/);
  });
});

describe('values that are not secrets in clear', () => {
  const redactor = new Redactor(key);
  const redact = (raw: ReturnType<typeof post>) => redactor.redact(raw, hints());

  it('a token the evidence masked with ... or replaced by a placeholder is kept as it came and exposes nothing', () => {
    for (const value of ['00abc...xyz', 'REDACTED', 'xxxxxxxxxxxx', '<stateToken>', '[stateToken redacted]', '{{stateToken}}', '{stateToken}', '$STATE_TOKEN', '%STATE_TOKEN%', '[token]', '[FILTERED]', '<hidden>', 'REDACTED_TOKEN', 'TOKEN_HERE', '00ab<snip>', '00abc[truncated]', '00abc(redacted)', '00abc####']) {
      const { exchange, evidence } = redact(post('/api/v1/authn/factors/f1/verify', { stateToken: value }, 200, { status: 'SUCCESS' }));
      expect((exchange.requestBody as { stateToken: string }).stateToken).toBe(value);
      expect(evidence.exposures, value).toEqual([]);
    }
  });

  it("a token whose tail or head a person replaced with X's is masked; X's inside a token are not a mask", () => {
    for (const value of ['VBQ0gXXXX', '20111xxxxxxxxxxxxxxxx', 'XXXXXXXX9f2a']) {
      const { exchange, evidence } = redact(post('/api/v1/authn/recovery/token', { recoveryToken: value }, 200, { status: 'RECOVERY' }));
      expect((exchange.requestBody as { recoveryToken: string }).recoveryToken).toBe(value);
      expect(evidence.exposures, value).toEqual([]);
    }
    const clear = 'VBQ0gxxxxAbC9dEf1';
    const { exchange, evidence } = redact(post('/api/v1/authn/recovery/token', { recoveryToken: clear }, 200, { status: 'RECOVERY' }));
    expect(JSON.stringify(exchange.requestBody)).not.toContain(clear);
    expect(evidence.exposures.map((e) => e.field)).toEqual(['recoveryToken']);
  });

  it('placeholders read as masked tokens that show nothing: two of them are never the same token', () => {
    for (const value of ['REDACTED', 'xxxxxxxxxxxx', '<stateToken>', '[stateToken redacted]']) {
      const ref = parseTokenRef(value);
      expect(ref, value).toEqual({ prefix: '', fp: null, masked: true });
      expect(sameToken(ref, parseTokenRef(value))).toBe(false);
    }
  });

  it("Rails' [FILTERED] and (redacted) stand for a password; a password that merely starts with $ or names a word is still masked", () => {
    for (const value of ['[FILTERED]', '(redacted)']) {
      const { evidence } = redact(post('/api/v1/authn', { username: 'mary.jane@email.com', password: value }, 200, { status: 'SUCCESS' }));
      expect(evidence.exposures, value).toEqual([]);
    }
    for (const value of ['$ecretPass99', 'hidden_garden', 'filtered-coffee7']) {
      const { exchange, evidence } = redact(post('/api/v1/authn', { username: 'mary.jane@email.com', password: value }, 200, { status: 'SUCCESS' }));
      expect(JSON.stringify(exchange.requestBody)).not.toContain(value);
      expect(evidence.exposures.map((e) => e.field), value).toEqual(['password']);
    }
  });

  it('a password with ... in it is still a secret (only tokens read ... as a mask)', () => {
    const { exchange, evidence } = redact(post('/api/v1/authn', { username: 'mary.jane@email.com', password: 'abc...Secret9' }, 200, { status: 'SUCCESS' }));
    expect(JSON.stringify(exchange.requestBody)).not.toContain('abc...Secret9');
    expect(evidence.exposures.map((e) => e.field)).toEqual(['password']);
  });

  it('CORS headers that name credentials are not credentials; a real Authorization header still is', () => {
    expect(isSecretHeaderValue('access-control-allow-credentials', 'true')).toBe(false);
    expect(isSecretHeaderValue('Access-Control-Allow-Headers', 'Authorization, X-Okta-User-Agent-Extended')).toBe(false);
    expect(isSecretHeaderValue('access-control-request-headers', 'authorization')).toBe(false);
    expect(isSecretHeaderValue('authorization', 'SSWS 00abcdefghijklmnopqrstuvwxyz0123456789AB')).toBe(true);
    const raw = { ...post('/api/v1/authn', { username: 'u@x.io' }, 200, { status: 'SUCCESS' }), responseHeaders: { 'access-control-allow-credentials': 'true' } };
    const { exchange, evidence } = redact(raw);
    expect(exchange.responseHeaders['access-control-allow-credentials']).toBe('true');
    expect(evidence.exposures).toEqual([]);
  });

  it("PKCE's code_challenge is stored like a token but is no exposure; its verifier is one", () => {
    const raw = { ...post('/oauth2/default/v1/token', 'grant_type=authorization_code&code_verifier=M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag', 200, { token_type: 'Bearer' }), url: 'https://dev-1.okta.com/oauth2/default/v1/authorize?client_id=abc&code_challenge=qjrzSW9gMiUgpUvqgEPE4_-8swvyCtfOVvg55o5S_es&code_challenge_method=S256' };
    const { exchange, evidence } = redact(raw);
    expect(exchange.url).not.toContain('qjrzSW9gMiUgpUvqgEPE4_-8swvyCtfOVvg55o5S_es');
    expect(evidence.exposures.map((e) => e.field)).toEqual(['code_verifier']);
  });

  it('a body cut short inside a secret (a client that hung up) still has the secret masked', () => {
    for (const body of ['{"password":"BadJson-Secret', '{"username":"u@x.io","password":"Abort\n']) {
      const { exchange, evidence } = redact(post('/api/v1/authn', body, null, null));
      expect(String(exchange.requestBody)).not.toContain('Secret');
      expect(String(exchange.requestBody)).not.toContain('Abort');
      expect(evidence.exposures.map((e) => e.field)).toEqual(['password']);
    }
  });
});

describe('secrets that look like masks or placeholders', () => {
  const redactor = new Redactor(key);
  it('a password holding **, {{…}} or <…> inside, or an answer like "right here", is masked and exposed', () => {
    for (const [field, value] of [['password', 'Pw**Star_Needle22'], ['password', 'Tmpl{{Needle22c}}'], ['password', '<passwordNeedle22d>'], ['answer', 'right here'], ['password', 'password']] as const) {
      const { exchange, evidence } = redactor.redact(post('/api/v1/authn', { username: 'u@x.io', [field]: value }, 200, { status: 'SUCCESS' }), hints());
      expect((exchange.requestBody as Record<string, string>)[field], value).toMatch(/^\[redacted (?:password|answer) len=\d+\]$/);
      expect(evidence.exposures.map((e) => e.field), value).toEqual([field]);
    }
  });

  it('form members (user[password]), confirmations, other spellings and OAuth grant codes are secrets', () => {
    const form = 'user%5Bemail%5D=a%40b.c&user%5Bpassword%5D=RailsPw_Needle21&user%5Bpassword_confirmation%5D=PwConfirm_Needle21b';
    const { exchange } = redactor.redact(post('/api/v1/authn', form, 200, { status: 'SUCCESS' }), hints());
    expect(String(exchange.requestBody)).not.toMatch(/Needle21/);
    const body = { pass_word: 'PassWordUs_N1', Passwort: 'Passwort_N2', passwordConfirm: 'PwConfirmCamel_N3', emailOtp: 'EmailOtp_N4', device_code: 'DeviceCode_N5', auth_req_id: 'CibaReq_N6', binding_code: 'BindCode_N7', assertion: 'PHNhbWw+U2FtbEJlYXJlcl9OOA' };
    const json = JSON.stringify(redactor.redact(post('/oauth2/default/v1/token', body, 200, { token_type: 'Bearer' }), hints()).exchange.requestBody);
    for (const v of Object.values(body)) expect(json, v).not.toContain(v);
  });

  it('JSON held in a string after white space, and a transport error naming a token URL, are masked', () => {
    const raw = { ...post('/api/v1/authn', { data: ' {"password":"LeadSpacePw_Needle06"}' }, 200, { payload: '\n{"sessionToken":"LeadNlSess_Needle06b"}' }), transportError: 'net::ERR_FAILED https://dev-1.okta.com/login?sessionToken=ErrTextSess_Needle17g' };
    const { exchange } = redactor.redact(raw, hints());
    expect(JSON.stringify(exchange)).not.toMatch(/Needle0?6|Needle17/);
  });
});

describe('secrets in pasted commands and code', () => {
  const redactor = new Redactor(key);
  const text = (body: string) => {
    const { exchange, evidence } = redactor.redact(post('/api/v1/authn', body, 200, { status: 'SUCCESS' }), hints());
    return { out: String(exchange.requestBody), fields: evidence.exposures.map((e) => e.field) };
  };

  it.each([
    ['wget --password=Hunter-Wget2 https://dev-1.okta.com/', 'Hunter-Wget2'],
    ["wget --http-password 'Quoted-Wget3' https://dev-1.okta.com/", 'Quoted-Wget3'],
    ['http POST https://dev-1.okta.com/api/v1/authn username=u@x.io password=Httpie-Item4', 'Httpie-Item4'],
    ['http -a u@x.io:Httpie-Auth5 https://dev-1.okta.com/', 'Httpie-Auth5'],
    ['requests.post(url, auth=("u@x.io", "Tuple-Secret6"))', 'Tuple-Secret6'],
    ['HTTPBasicAuth("client", "Basic-Secret7")', 'Basic-Secret7'],
    ['builder.setPassword("Setter-Secret8").build()', 'Setter-Secret8'],
    ['Content-Disposition: form-data; name=password\r\n\r\nMultipart-Bare9', 'Multipart-Bare9'],
    ['{&quot;password&quot;:&quot;Entity-Secret10&quot;}', 'Entity-Secret10'],
  ])('%s is masked', (body, secret) => {
    const { out, fields } = text(body);
    expect(out).not.toContain(secret);
    expect(fields.length).toBeGreaterThan(0);
  });

  it.each([
    'Use the --password flag to pass it on the command line',
    'if (password=="") return error;',
    'the --client-secret option is required',
    'answer: the call is inferred from the status before it',
  ])('prose or code without a value is left alone: %s', (body) => {
    const { out, fields } = text(body);
    expect(out).toBe(body);
    expect(fields).toEqual([]);
  });
});
