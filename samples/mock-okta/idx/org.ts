import type { MockOrg } from '../org.js';
import { meetsPolicy, randomToken } from '../transactions.js';
import { PASSCODE, type MockUser } from '../users.js';
import { ION_TYPE, message } from './ion.js';
import { IDX_SCENARIOS, type IdxPolicy } from './scenarios.js';
import { authenticatorsOf, render, sessionExpired, type AuthenticatorKey, type Pending } from './views.js';

/**
 * The mock org's Identity Engine: interactions (PKCE bound at /interact), transactions keyed by
 * stateHandle, and the remediation each one offers next. The sign-on and recovery policies come from the
 * scenario; the password is committed the moment reset-authenticator is accepted, whatever follows.
 */

type Json = Record<string, any>;
export interface IdxReply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

export interface Interaction {
  handle: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  state: string;
  scope: string;
  /** `/oauth2/default` or `/oauth2`: where the issue form points. */
  authServer: string;
}

interface IdxTxn {
  stateHandle: string;
  interaction: Interaction;
  user: MockUser | null;
  recovering: boolean;
  verified: Set<AuthenticatorKey>;
  challenge: AuthenticatorKey | null;
  passwordCommitted: boolean;
  expiresAt: Date;
  interactionCode: string | null;
}

export interface IssuedCode {
  interaction: Interaction;
  user: MockUser;
  issuedAt: number;
  used: boolean;
}

const ion = (status: number, body: Json): IdxReply => ({ status, body, headers: { 'content-type': ION_TYPE } });

export class IdxOrg {
  readonly policy: IdxPolicy;
  readonly codes = new Map<string, IssuedCode>();
  private readonly interactions = new Map<string, Interaction>();
  private readonly txns = new Map<string, IdxTxn>();

  constructor(readonly org: MockOrg) {
    this.policy = org.scenario.idx ?? IDX_SCENARIOS['idx-clean']!.idx!;
  }

  interact(interaction: Omit<Interaction, 'handle'>): IdxReply {
    const handle = randomToken('', 43);
    this.interactions.set(handle, { ...interaction, handle });
    return { status: 200, body: { interaction_handle: handle } };
  }

  /** `{interactionHandle}` starts a transaction; `{stateHandle}` or `{stateToken}` resumes one. */
  introspect(body: Json, origin: string): IdxReply {
    const interaction = this.interactions.get(String(body.interactionHandle ?? ''));
    if (interaction) return this.view(this.newTxn(interaction), origin);
    return this.withTxn(body.stateHandle ?? body.stateToken, origin, (txn) => this.view(txn, origin));
  }

  identify(body: Json, origin: string): IdxReply {
    return this.withTxn(body.stateHandle, origin, (txn) => {
      if (txn.user) return this.view(txn, origin, 400, [message('The identify step is not available now.', 'idx.operation.not.allowed')]);
      const name = String(body.identifier ?? '').toLowerCase();
      const user = this.org.users.find((u) => u.login === name || u.login.split('@')[0] === name);
      if (!user) return this.view(txn, origin, 400, [message('There is no account with the Username.', 'idx.unknown.user')]);
      const withPassword = this.policy.identifyWithPassword && !txn.recovering;
      if (withPassword && body.credentials?.passcode !== user.password) return this.view(txn, origin, 401, [message('Authentication failed', 'errors.E0000004')]);
      txn.user = user;
      if (withPassword) txn.verified.add('okta_password');
      return this.view(txn, origin);
    });
  }

  /** select-authenticator-authenticate: only an offered authenticator can be chosen. */
  challenge(body: Json, origin: string): IdxReply {
    return this.withTxn(body.stateHandle, origin, (txn) => {
      const pending = this.pending(txn);
      const chosen = txn.user ? authenticatorsOf(txn.user).find((a) => a.id === body.authenticator?.id) : undefined;
      if (pending.kind !== 'select' || !chosen || !pending.options.includes(chosen.key)) {
        return this.view(txn, origin, 400, [message('The authenticator is not available.', 'idx.authenticator.not.available')]);
      }
      txn.challenge = chosen.key;
      return this.view(txn, origin);
    });
  }

  /** challenge/answer serves challenge-authenticator and reset-authenticator alike (same href). */
  answer(body: Json, origin: string): IdxReply {
    return this.withTxn(body.stateHandle, origin, (txn) => {
      const pending = this.pending(txn);
      const passcode = String(body.credentials?.passcode ?? '');
      if (pending.kind === 'reset') {
        if (!meetsPolicy(passcode, txn.user!)) return this.view(txn, origin, 400, [message('Password requirements were not met.', 'password.passwordRequirementsNotMet')]);
        // Committed here: anything the sign-on policy asks next comes after the change.
        txn.user!.password = passcode;
        txn.user!.passwordChanged = new Date();
        txn.passwordCommitted = true;
        txn.verified.add('okta_password');
        return this.view(txn, origin);
      }
      if (pending.kind !== 'challenge') return this.view(txn, origin, 400, [message('There is nothing to answer.', 'idx.operation.not.allowed')]);
      const expected = pending.key === 'okta_password' ? txn.user!.password : PASSCODE;
      if (passcode !== expected) return this.view(txn, origin, 401, [message('Invalid code. Try again.', 'api.authn.error.PASSCODE_INVALID')]);
      txn.verified.add(pending.key);
      txn.challenge = null;
      return this.view(txn, origin);
    });
  }

  resend(body: Json, origin: string): IdxReply {
    return this.withTxn(body.stateHandle, origin, (txn) => this.view(txn, origin));
  }

  /** "Forgot password?": recovery proves the user again, so what sign-in verified is forgotten. */
  recover(body: Json, origin: string): IdxReply {
    return this.withTxn(body.stateHandle, origin, (txn) => {
      if (txn.recovering || txn.passwordCommitted) return this.view(txn, origin, 400, [message('Recovery is not available now.', 'idx.operation.not.allowed')]);
      txn.recovering = true;
      txn.verified.clear();
      txn.challenge = null;
      return this.view(txn, origin);
    });
  }

  /** cancel ends the transaction and answers a fresh one (new stateHandle) on the same interaction. */
  cancel(body: Json, origin: string): IdxReply {
    return this.withTxn(body.stateHandle, origin, (txn) => {
      this.txns.delete(txn.stateHandle);
      return this.view(this.newTxn(txn.interaction), origin);
    });
  }

  private pending(txn: IdxTxn): Pending {
    if (!txn.user) return { kind: 'identify' };
    const enrolled = new Set(authenticatorsOf(txn.user).map((a) => a.key));
    const ask = (options: AuthenticatorKey[]): Pending =>
      txn.challenge && options.includes(txn.challenge) ? { kind: 'challenge', key: txn.challenge } : { kind: 'select', options };
    if (txn.recovering && !txn.passwordCommitted) {
      if (!txn.verified.has(this.policy.recoverWith)) return ask([this.policy.recoverWith]);
      return { kind: 'reset' };
    }
    if (!txn.verified.has('okta_password')) return { kind: 'challenge', key: 'okta_password' };
    const second = this.policy.secondFactor.filter((k) => enrolled.has(k));
    if (second.length > 0 && !second.some((k) => txn.verified.has(k))) return ask(second);
    txn.interactionCode ??= this.issueCode(txn);
    return { kind: 'success', interactionCode: txn.interactionCode };
  }

  private issueCode(txn: IdxTxn): string {
    const code = randomToken('', 43);
    this.codes.set(code, { interaction: txn.interaction, user: txn.user!, issuedAt: Date.now(), used: false });
    return code;
  }

  private view(txn: IdxTxn, origin: string, status = 200, messages?: Json[]): IdxReply {
    const body = render({
      origin,
      stateHandle: txn.stateHandle,
      expiresAt: txn.expiresAt,
      user: txn.user,
      recovering: txn.recovering,
      identifyWithPassword: this.policy.identifyWithPassword,
      pending: this.pending(txn),
      clientId: txn.interaction.clientId,
      tokenPath: `${txn.interaction.authServer}/v1/token`,
      ...(messages ? { messages } : {}),
    });
    return ion(status, body);
  }

  /** Unknown and expired handles get the terminal session-expired document (HTTP 401); others slide on. */
  private withTxn(handle: unknown, _origin: string, action: (txn: IdxTxn) => IdxReply): IdxReply {
    const txn = this.txns.get(String(handle ?? ''));
    if (!txn || txn.expiresAt.getTime() < Date.now()) return ion(401, sessionExpired());
    txn.expiresAt = new Date(Date.now() + this.policy.handleTtlSeconds * 1000);
    return action(txn);
  }

  private newTxn(interaction: Interaction): IdxTxn {
    const txn: IdxTxn = {
      stateHandle: randomToken('02', 42),
      interaction,
      user: null,
      recovering: false,
      verified: new Set(),
      challenge: null,
      passwordCommitted: false,
      expiresAt: new Date(Date.now() + this.policy.handleTtlSeconds * 1000),
      interactionCode: null,
    };
    this.txns.set(txn.stateHandle, txn);
    return txn;
  }
}

const orgs = new WeakMap<MockOrg, IdxOrg>();

/** The Identity Engine of a mock org, made on first use (its state lives as long as the org). */
export function idxOf(org: MockOrg): IdxOrg {
  let idx = orgs.get(org);
  if (!idx) orgs.set(org, (idx = new IdxOrg(org)));
  return idx;
}
