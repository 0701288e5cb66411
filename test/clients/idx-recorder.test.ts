import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIdxFlow } from '../../samples/mock-okta/idx/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { parseTokenRef, sameToken } from '../../src/redact/token.js';
import { recordInto, secretsOnDisk, tempDb } from '../proxy/helpers.js';
import { IDX_INCLUDE, routeList, stepBodies, wireSecrets } from './helpers.js';

const user = defaultUsers()[0]!;
const NEW_PASSWORD = 'Fresh-Passw0rd-42!';

describe('recording Identity Engine flows (scripted client)', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'idx-recovery' });
    db = tempDb();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('keeps the client on the proxy through forms and nested actions and stores no clear IDX secret', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url, include: IDX_INCLUDE });
    const flow = await runIdxFlow(recorder.url, { username: user.login, password: user.password, passcode: PASSCODE, newPassword: NEW_PASSWORD });
    const summary = await recorder.stop();
    expect(flow.final).toBe('SUCCESS');
    expect(flow.foreignLinks).toEqual([]);
    expect(flow.steps.every((s) => s.url.startsWith(recorder.url))).toBe(true);
    const exchanges = db.store.exchanges([summary.captureId]);
    expect(routeList(exchanges)).toEqual([
      'POST /oauth2/default/v1/interact',
      'POST /idp/idx/introspect',
      'POST /idp/idx/identify',
      'POST /idp/idx/recover',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /idp/idx/challenge/answer',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /oauth2/default/v1/token',
    ]);
    const secrets = wireSecrets(stepBodies(flow.steps));
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expect(secretsOnDisk(db.path, [...secrets, NEW_PASSWORD, user.password, `"${PASSCODE}"`])).toEqual([]);
    expect(secretsOnDisk(db.path, [user.login])).toEqual([user.login]);
  });

  it('stores each IDX secret in its documented form: passcodes as length, handles and codes as fingerprints, PKCE still checkable', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url, include: IDX_INCLUDE });
    const flow = await runIdxFlow(recorder.url, { username: user.login, password: user.password, passcode: PASSCODE, newPassword: NEW_PASSWORD });
    const summary = await recorder.stop();
    expect(flow.final).toBe('SUCCESS');
    const [interact, introspect, identify, , , otp, reset, , , token] = db.store.exchanges([summary.captureId]);
    const form = (text: unknown) => Object.fromEntries(new URLSearchParams(String(text)));
    const fingerprinted = /^[\w-]{1,6}\*{4}#[0-9a-f]{12}$/;

    // /interact: the challenge is kept as a fingerprint, the handle it returns too; state and client stay.
    const interactForm = form(interact!.requestBody);
    expect(interactForm.code_challenge).toMatch(fingerprinted);
    expect(interactForm.code_challenge_method).toBe('S256');
    expect(interactForm.client_id).toBe('0oa8mockidxapp0000g4');
    expect((interact!.responseBody as any).interaction_handle).toMatch(fingerprinted);
    // The handle introspect sends is the same token as the one /interact issued (linkable).
    expect(sameToken(parseTokenRef((introspect!.requestBody as any).interactionHandle), parseTokenRef((interact!.responseBody as any).interaction_handle))).toBe(true);

    // Ion responses: the top-level stateHandle and the one inside every form are the same fingerprint.
    expect(introspect!.responseHeaders['content-type']).toBe('application/ion+json; okta-version=1.0.0');
    const body = introspect!.responseBody as any;
    expect(body.stateHandle).toMatch(fingerprinted);
    const formHandle = body.remediation.value[0].value.find((f: any) => f.name === 'stateHandle').value;
    expect(formHandle).toBe(body.stateHandle);
    expect(body.cancel.value[0].value).toBe(body.stateHandle);

    // identify keeps the identifier; OTP and new password are lengths only.
    expect((identify!.requestBody as any).identifier).toBe(user.login);
    expect((otp!.requestBody as any).credentials.passcode).toBe('[redacted passcode len=6]');
    expect((reset!.requestBody as any).credentials.passcode).toBe(`[redacted passcode len=${NEW_PASSWORD.length}]`);

    // successWithInteractionCode's code and the token request's code are one fingerprint.
    const success = db.store.exchanges([summary.captureId])[8]!.responseBody as any;
    const issued = success.successWithInteractionCode.value.find((f: any) => f.name === 'interaction_code').value;
    const tokenForm = form(token!.requestBody);
    expect(issued).toMatch(fingerprinted);
    expect(tokenForm.interaction_code).toBe(issued);
    // The verifier is stored as its S256 challenge, masked: it matches the challenge sent to /interact.
    const verifier = /^S256\(verifier,len=(\d+)\)=(.+)$/.exec(tokenForm.code_verifier!);
    expect(verifier?.[1]).toBe('64');
    expect(verifier?.[2]).toBe(interactForm.code_challenge);
    // A JWT keeps its header and claims (what it says) and loses its signature.
    expect((token!.responseBody as any).access_token).toMatch(/^eyJ[\w-]+\.[\w-]+\.\*{4}#[0-9a-f]{12}$/);
  });

  it('a verifier that does not match its challenge is stored with a different fingerprint', async () => {
    const { Redactor } = await import('../../src/redact/redactor.js');
    const redactor = new Redactor(Buffer.alloc(32, 7));
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    // RFC 7636 Appendix B: this verifier's S256 challenge.
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    const ev = { exposures: [], passwords: [], notes: [] };
    const stored = redactor.redactBody({ code_verifier: verifier, code_challenge: challenge, other: { code_challenge: 'x'.repeat(43) } }, 'request.body', '', ev, new Map()) as any;
    expect(stored.code_verifier).toBe(`S256(verifier,len=43)=${stored.code_challenge}`);
    expect(stored.other.code_challenge).not.toBe(stored.code_challenge);
    expect(JSON.stringify(stored)).not.toContain(verifier);
  });
});
