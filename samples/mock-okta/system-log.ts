import { randomUUID } from 'node:crypto';
import type { MockReply, MockRequest } from './routes.js';

/**
 * The mock org's System Log: for each reply Okta would log, a LogEvent as `/api/v1/logs` returns it, carrying
 * the request id the reply's X-Okta-Request-Id header had (`debugContext.debugData.requestId`). Event types
 * are Okta's (developer.okta.com/docs/reference/api/event-types/); replies Okta logs nothing for (a push
 * poll, a status read, cancel) get no event, as on a real org.
 */

type Json = Record<string, any>;

/** What of a request decides its event: the path and the parsed body. */
export type LoggedRequest = Pick<MockRequest, 'path' | 'body'>;

interface Kind {
  eventType: string;
  result: 'SUCCESS' | 'FAILURE' | 'CHALLENGE' | 'ALLOW' | 'DENY';
  reason?: string;
  displayMessage: string;
}

const ok = (eventType: string, displayMessage: string, result: Kind['result'] = 'SUCCESS'): Kind => ({ eventType, result, displayMessage });
const failed = (eventType: string, displayMessage: string, reason: string): Kind => ({ eventType, result: 'FAILURE', reason, displayMessage });
const SENT: Record<string, Kind> = {
  SMS: ok('system.sms.send_factor_verify_message', 'Send second factor auth SMS'),
  EMAIL: ok('system.email.send_factor_verify_message', 'Send email for second factor verification'),
  PUSH: ok('system.push.send_factor_verify_push', 'Push notification sent to a device'),
};

/**
 * What Okta logs for one reply, by path and status; null when it logs nothing. `polling`: the request repeats
 * a push verification already waiting (a poll), which sends no new push.
 */
export function eventKind(req: LoggedRequest, reply: MockReply, polling = false): Kind | null {
  const path = req.path.replace(/\/+$/, '');
  const body: Json = reply.body && typeof reply.body === 'object' ? (reply.body as Json) : {};
  const good = reply.status < 400;
  if (reply.status === 429) return failed('system.org.rate_limit.violation', 'Rate limit violation', 'Rate limit exceeded');
  if (path === '/api/v1/authn' && req.body.username !== undefined) {
    if (!good) return failed('user.session.start', 'User login to Okta', 'INVALID_CREDENTIALS');
    if (body.status === 'LOCKED_OUT') return failed('user.session.start', 'User login to Okta', 'LOCKED_OUT');
    if (/^MFA_(REQUIRED|ENROLL)$/.test(body.status)) return ok('policy.evaluate_sign_on', 'Evaluation of sign-on policy', 'CHALLENGE');
    return ok('user.session.start', 'User login to Okta');
  }
  const factor = /^\/api\/v1\/authn\/factors\/[^/]+\/verify(\/resend)?$/.exec(path);
  if (factor) {
    const type = String(body._embedded?.factor?.factorType ?? '').toUpperCase();
    if (!good) return reply.status === 403 && body.errorCode === 'E0000068' ? failed('user.authentication.auth_via_mfa', 'Authentication of user via MFA', 'INVALID_CREDENTIALS') : null;
    if (body.factorResult === 'REJECTED') return failed('user.mfa.okta_verify.deny_push', 'User rejected Okta push verify', 'User rejected Okta push verify');
    if (body.factorResult === 'CHALLENGE' || (body.factorResult === 'WAITING' && (factor[1] || !polling))) {
      return SENT[type === 'TOKEN:SOFTWARE:TOTP' ? '' : type.startsWith('PUSH') ? 'PUSH' : type] ?? null;
    }
    return body.status === 'SUCCESS' ? ok('user.authentication.auth_via_mfa', 'Authentication of user via MFA') : null;
  }
  if (path === '/api/v1/authn/recovery/password') {
    if (!good || body.recoveryToken) return null;
    const type = String(req.body.factorType ?? '').toUpperCase();
    if (type === 'EMAIL') return ok('system.email.password_reset.sent_message', 'Send self-service password reset email');
    if (type === 'SMS') return ok('system.sms.send_password_reset_message', 'Send self-service password reset SMS message');
    if (type === 'CALL') return ok('system.voice.send_password_reset_call', 'Send self-service password reset call');
    return null;
  }
  if (path === '/api/v1/authn/recovery/token') {
    return good ? ok('user.authentication.verify', 'Verify user identity') : failed('user.account.use_token', 'Invalid self service recovery token used by user', 'INVALID_TOKEN');
  }
  if (/^\/api\/v1\/authn\/recovery\/factors\/[^/]+\/resend$/i.test(path)) return good ? ok('system.sms.send_password_reset_message', 'Send self-service password reset SMS message') : null;
  if (path === '/api/v1/authn/recovery/answer' || /^\/api\/v1\/authn\/recovery\/factors\/[^/]+\/verify$/i.test(path)) {
    if (good) return ok('user.authentication.verify', 'Verify user identity');
    return reply.status === 403 && body.errorCode !== 'E0000079' ? failed('user.authentication.verify', 'Verify user identity', 'INVALID_CREDENTIALS') : null;
  }
  if (path === '/api/v1/authn/credentials/reset_password' || path === '/api/v1/authn/credentials/change_password') {
    const kind = path.endsWith('reset_password') ? ['user.account.reset_password', "User's Okta password has been reset"] : ['user.account.update_password', 'User update password for Okta'];
    if (good) return ok(kind[0]!, kind[1]!);
    return reply.status === 403 && body.errorCode !== 'E0000079' ? failed(kind[0]!, kind[1]!, String(body.errorSummary ?? body.errorCode)) : null;
  }
  if (/^\/login\/(sessionCookieRedirect|token\/redirect)$/.test(path)) return good ? ok('user.authentication.sso', 'User single sign on to app') : null;
  return null;
}

export interface ClientInfo {
  ipAddress: string;
  userAgent: string;
}

/** The org's event log, in the order replies were sent; `onEvent` sees each event as it is logged. */
export class MockSystemLog {
  readonly events: Json[] = [];
  /** Who a stateToken belongs to, learned from replies that name the user (errors do not). */
  private readonly actors = new Map<string, Json>();
  /** stateTokens with a push waiting: the next WAITING reply for them is a poll. */
  private readonly waiting = new Set<string>();

  constructor(private readonly onEvent?: (event: Json) => void) {}

  record(req: LoggedRequest, reply: MockReply, requestId: string, client: ClientInfo): Json | null {
    const token = String(req.body.stateToken ?? '');
    const waiting = (reply.body as Json | undefined)?.factorResult === 'WAITING';
    const kind = eventKind(req, reply, waiting && this.waiting.has(token));
    if (waiting) this.waiting.add(token);
    else this.waiting.delete(token);
    const actor = this.actorOf(req, reply);
    if (!kind) return null;
    const event: Json = {
      actor,
      client: { userAgent: { rawUserAgent: client.userAgent, os: 'Unknown', browser: 'UNKNOWN' }, zone: 'null', device: 'Unknown', id: null, ipAddress: client.ipAddress, geographicalContext: null },
      authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: 'unknown' },
      displayMessage: kind.displayMessage,
      eventType: kind.eventType,
      outcome: { result: kind.result, reason: kind.reason ?? null },
      published: new Date().toISOString(),
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
      severity: kind.result === 'FAILURE' ? 'WARN' : 'INFO',
      debugContext: { debugData: { requestId, requestUri: req.path, url: req.path, threatSuspected: 'false' } },
      legacyEventType: null,
      transaction: { type: 'WEB', id: requestId, detail: {} },
      uuid: randomUUID(),
      version: '0',
      request: { ipChain: [{ ip: client.ipAddress, geographicalContext: null, version: 'V4', source: null }] },
      target: [],
    };
    this.events.push(event);
    this.onEvent?.(event);
    return event;
  }

  private actorOf(req: LoggedRequest, reply: MockReply): Json {
    const body: Json = reply.body && typeof reply.body === 'object' ? (reply.body as Json) : {};
    const user = body._embedded?.user;
    const token = String(req.body.stateToken ?? '');
    let actor = user?.profile?.login
      ? { id: user.id, type: 'User', alternateId: user.profile.login, displayName: `${user.profile.firstName ?? ''} ${user.profile.lastName ?? ''}`.trim(), detailEntry: null }
      : (this.actors.get(token) ?? null);
    actor ??= { id: 'unknown', type: 'User', alternateId: typeof req.body.username === 'string' ? req.body.username : 'unknown', displayName: 'unknown', detailEntry: null };
    if (token) this.actors.set(token, actor);
    if (typeof body.stateToken === 'string') this.actors.set(body.stateToken, actor);
    return actor;
  }
}
