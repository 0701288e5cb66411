import { errorBody } from './templates.js';
import { meetsPolicy, randomToken, recoveryTokenBody, txnBody, type Txn } from './transactions.js';
import { defaultUsers, PASSCODE, type MockUser, type Scenario } from './users.js';

/**
 * The mock org's authn state machine: one method per endpoint, each returning an HTTP status and a body.
 * Modelled on Okta's documented transitions; the scenario decides the behaviours Okta leaves open.
 */

type Json = Record<string, any>;
export interface Reply {
  status: number;
  body: Json;
}

export interface Request {
  method: string;
  path: string;
  body: Json;
  authorization: string | undefined;
  /** Origin the links are built from. */
  origin: string;
}

const RECOVERY_TOKEN_TTL_MS = 60 * 60 * 1000;
const err = (status: number, code: string, summary?: string): Reply => ({ status, body: errorBody(code, summary) });

export class MockOrg {
  readonly users: MockUser[] = defaultUsers();
  /** Recovery tokens "emailed" to users (email recovery), newest last, for scripted clients and tests. */
  readonly outbox: { login: string; recoveryToken: string }[] = [];
  private readonly txns = new Map<string, Txn>();
  private readonly recoveryTokens = new Map<string, { user: MockUser; expiresAt: Date; used: boolean; relayState: string | null }>();

  constructor(readonly scenario: Scenario) {}

  handle(req: Request): Reply {
    if (req.method !== 'POST') return err(405, 'E0000022');
    const p = req.path.replace(/\/+$/, '');
    const factor = /^\/api\/v1\/authn\/factors\/([^/]+)\/verify(\/resend)?$/.exec(p);
    if (factor) return this.withTxn(req, (txn) => this.verifyFactor(req, txn, factor[1]!, Boolean(factor[2])));
    const recoveryFactor = /^\/api\/v1\/authn\/recovery\/factors\/([^/]+)\/(verify|resend)$/i.exec(p);
    if (recoveryFactor) return this.withTxn(req, (txn) => this.recoveryFactor(req, txn, recoveryFactor[2]!.toLowerCase()));
    switch (p) {
      case '/api/v1/authn':
        return req.body.stateToken && !req.body.username ? this.withTxn(req, (txn) => this.ok(txn, req)) : this.primary(req);
      case '/api/v1/authn/recovery/password':
        return this.forgotPassword(req);
      case '/api/v1/authn/recovery/token':
        return this.exchangeRecoveryToken(req);
      case '/api/v1/authn/recovery/answer':
        return this.withTxn(req, (txn) => this.answer(req, txn));
      case '/api/v1/authn/credentials/reset_password':
        return this.withTxn(req, (txn) => this.resetPassword(req, txn));
      case '/api/v1/authn/previous':
        return this.withTxn(req, (txn) => this.move(txn, req, ['MFA_CHALLENGE'], 'MFA_REQUIRED'));
      case '/api/v1/authn/cancel':
        return this.withTxn(req, (txn) => {
          txn.ended = true;
          return { status: 200, body: {} };
        });
      default:
        return err(404, 'E0000007', `Not found: Resource not found: ${p} (Authn)`);
    }
  }

  private primary(req: Request): Reply {
    const user = this.findUser(req.body.username);
    if (!user || req.body.password !== user.password) return err(401, 'E0000004');
    return this.ok(this.newTxn(user, user.factors.length > 0 ? 'MFA_REQUIRED' : 'SUCCESS'), req);
  }

  private forgotPassword(req: Request): Reply {
    const user = this.findUser(req.body.username);
    const relayState = typeof req.body.relayState === 'string' ? req.body.relayState : null;
    const factorType = String(req.body.factorType ?? '').toLowerCase();
    if (/^SSWS \S+/.test(req.authorization ?? '')) {
      if (!user) return err(404, 'E0000007', `Not found: Resource not found: ${req.body.username} (User)`);
      const recoveryToken = randomToken('', 20);
      const expiresAt = new Date(Date.now() + RECOVERY_TOKEN_TTL_MS);
      this.recoveryTokens.set(recoveryToken, { user, expiresAt, used: false, relayState });
      return { status: 200, body: recoveryTokenBody(user, recoveryToken, expiresAt, req.origin, relayState) };
    }
    if (factorType === 'email') {
      if (user) {
        const recoveryToken = randomToken('', 20);
        this.recoveryTokens.set(recoveryToken, { user, expiresAt: new Date(Date.now() + RECOVERY_TOKEN_TTL_MS), used: false, relayState });
        this.outbox.push({ login: user.login, recoveryToken });
      }
      return { status: 200, body: { factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD', status: 'RECOVERY_CHALLENGE' } };
    }
    if (factorType === 'sms' || factorType === 'call') {
      if (!user) return err(403, 'E0000079', 'Forgot password is not allowed in the user\'s current status');
      const txn = this.newTxn(user, 'RECOVERY_CHALLENGE', 'PASSWORD');
      txn.factor = user.factors.find((f) => f.type === 'sms') ?? null;
      return this.ok(txn, req);
    }
    return err(400, 'E0000001', 'Api validation failed: factorType');
  }

  private exchangeRecoveryToken(req: Request): Reply {
    const entry = this.recoveryTokens.get(String(req.body.recoveryToken ?? ''));
    if (!entry || entry.used || entry.expiresAt.getTime() < Date.now()) return err(403, 'E0000105');
    entry.used = true;
    const txn = this.newTxn(entry.user, 'RECOVERY', 'PASSWORD');
    txn.relayState = entry.relayState;
    return this.ok(txn, req);
  }

  private recoveryFactor(req: Request, txn: Txn, action: string): Reply {
    if (txn.status !== 'RECOVERY_CHALLENGE') return err(403, 'E0000079');
    if (action === 'resend') return this.ok(txn, req);
    if (String(req.body.passCode ?? '') !== PASSCODE) return err(403, 'E0000068');
    return this.move(txn, req, ['RECOVERY_CHALLENGE'], 'RECOVERY');
  }

  private answer(req: Request, txn: Txn): Reply {
    if (txn.status !== 'RECOVERY') return err(403, 'E0000079');
    if (String(req.body.answer ?? '').trim().toLowerCase() !== txn.user.answer) return err(403, 'E0000087');
    return this.move(txn, req, ['RECOVERY'], 'PASSWORD_RESET');
  }

  private resetPassword(req: Request, txn: Txn): Reply {
    if (txn.status !== 'PASSWORD_RESET') return err(403, 'E0000079');
    const password = String(req.body.newPassword ?? '');
    if (this.scenario.enforcePolicy && !meetsPolicy(password, txn.user)) return err(403, 'E0000080');
    // Okta commits the password here, whatever the sign-on policy asks next (the forum's question).
    txn.user.password = password;
    txn.user.passwordChanged = new Date();
    txn.recoveryType = null;
    if (this.scenario.resetOutcome === 'SUCCESS') return this.move(txn, req, ['PASSWORD_RESET'], 'SUCCESS');
    if (this.scenario.rotateOnReset) {
      this.txns.delete(txn.stateToken!);
      txn.stateToken = randomToken('00', 42);
      this.txns.set(txn.stateToken, txn);
    }
    return this.move(txn, req, ['PASSWORD_RESET'], 'MFA_REQUIRED');
  }

  private verifyFactor(req: Request, txn: Txn, factorId: string, resend: boolean): Reply {
    if (txn.status !== 'MFA_REQUIRED' && txn.status !== 'MFA_CHALLENGE') return err(403, 'E0000079');
    const factor = txn.user.factors.find((f) => f.id === factorId);
    if (!factor) return err(404, 'E0000007', `Not found: Resource not found: ${factorId} (UserFactor)`);
    const polling = factor.type === 'push' && txn.status === 'MFA_CHALLENGE' && txn.factor?.id === factor.id && !resend;
    if (polling) {
      txn.pushPolls++;
      if (this.scenario.pushResult === 'SUCCESS' || (txn.pushChallenges ?? 0) > 1) return this.move(txn, req, ['MFA_CHALLENGE'], 'SUCCESS');
      txn.factorResult = this.scenario.pushResult;
      return this.ok(txn, req);
    }
    const code = req.body.passCode ?? req.body.answer;
    // The Sign-In Widget sends {"passCode": ""} to have the code sent: Okta answers MFA_CHALLENGE, as with no passCode.
    if (code === undefined || code === null || String(code).trim() === '' || resend || factor.type === 'push') {
      txn.status = 'MFA_CHALLENGE';
      txn.factor = factor;
      txn.factorResult = factor.type === 'push' ? 'WAITING' : 'CHALLENGE';
      txn.pushPolls = 0;
      if (factor.type === 'push') txn.pushChallenges = (txn.pushChallenges ?? 0) + 1;
      return this.ok(txn, req);
    }
    if (String(code) !== PASSCODE) return err(403, 'E0000068');
    return this.move(txn, req, ['MFA_REQUIRED', 'MFA_CHALLENGE'], 'SUCCESS');
  }

  /** Looks the stateToken up, refusing unknown, ended and expired ones (E0000011), and slides expiresAt. */
  private withTxn(req: Request, action: (txn: Txn) => Reply): Reply {
    const txn = this.txns.get(String(req.body.stateToken ?? ''));
    if (!txn || txn.ended || txn.expiresAt.getTime() < Date.now()) return err(401, 'E0000011');
    txn.expiresAt = new Date(Date.now() + this.scenario.tokenTtlSeconds * 1000);
    return action(txn);
  }

  private move(txn: Txn, req: Request, from: string[], to: string): Reply {
    if (!from.includes(txn.status)) return err(403, 'E0000079');
    txn.status = to;
    if (to !== 'MFA_CHALLENGE') {
      txn.factorResult = null;
      if (to !== 'RECOVERY_CHALLENGE') txn.factor = null;
    }
    return this.ok(txn, req);
  }

  private ok(txn: Txn, req: Request): Reply {
    const body = txnBody(txn, req.origin);
    if (txn.status === 'SUCCESS') {
      // SUCCESS ends the transaction and carries no stateToken.
      delete body.stateToken;
      txn.ended = true;
    }
    return { status: 200, body };
  }

  private newTxn(user: MockUser, status: string, recoveryType: 'PASSWORD' | null = null): Txn {
    const txn: Txn = {
      stateToken: randomToken('00', 42),
      status,
      user,
      expiresAt: new Date(Date.now() + this.scenario.tokenTtlSeconds * 1000),
      recoveryType,
      factor: null,
      factorResult: null,
      pushPolls: 0,
      relayState: null,
      ended: false,
    };
    this.txns.set(txn.stateToken!, txn);
    return txn;
  }

  private findUser(login: unknown): MockUser | undefined {
    const name = String(login ?? '').toLowerCase();
    return this.users.find((u) => u.login === name || u.login.split('@')[0] === name);
  }
}
