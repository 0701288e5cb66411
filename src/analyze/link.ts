import type { Exchange } from '../model/exchange.js';
import { operationInfo } from '../model/okta/operations.js';
import type { TokenRef } from '../model/token.js';
import { sameToken } from '../redact/token.js';
import { type ExchangeFacts, factsOf, sameIdentifier } from './extract.js';

/** Exchanges of one transaction, in order, with the facts read from each. */
export interface Chain {
  captureId: number;
  group: string;
  members: { exchange: Exchange; facts: ExchangeFacts }[];
  stateTokens: TokenRef[];
  recoveryTokens: TokenRef[];
  userIds: string[];
  /** SUCCESS without a stateToken, or cancelled: later requests with its tokens are replays. */
  ended: boolean;
}

/**
 * Groups exchanges into transactions: by stateToken (request to response, following rotation), by the
 * recoveryToken that /recovery/token exchanges, and by user id when the evidence lost the token. Never
 * across captures or groups: the same flow pasted twice is two transactions.
 */
export function linkChains(exchanges: readonly Exchange[]): Chain[] {
  const byGroup = new Map<string, Exchange[]>();
  for (const e of exchanges) {
    const key = `${e.captureId}\u0000${e.group}`;
    const list = byGroup.get(key);
    if (list) list.push(e);
    else byGroup.set(key, [e]);
  }
  const chains: Chain[] = [];
  for (const list of byGroup.values()) chains.push(...linkGroup(orderOf(list)));
  return chains;
}

/** Wall-clock order when every exchange has a start time (concurrent live traffic), else evidence order. */
function orderOf(list: Exchange[]): Exchange[] {
  const timed = list.every((e) => e.startedAt && !Number.isNaN(Date.parse(e.startedAt)));
  const sorted = [...list].sort((a, b) => a.seq - b.seq);
  return timed ? sorted.sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!) || a.seq - b.seq) : sorted;
}

function linkGroup(list: Exchange[]): Chain[] {
  const chains: Chain[] = [];
  for (const exchange of list) {
    const facts = factsOf(exchange);
    let chain = findChain(chains, facts);
    if (!chain) {
      chain = { captureId: exchange.captureId, group: exchange.group, members: [], stateTokens: [], recoveryTokens: [], userIds: [], ended: false };
      chains.push(chain);
    }
    absorb(chain, exchange, facts);
  }
  return chains;
}

function findChain(chains: Chain[], f: ExchangeFacts): Chain | undefined {
  const newest = (pred: (c: Chain) => boolean) => [...chains].reverse().find(pred);
  if (f.requestToken) {
    const hit = newest((c) => c.stateTokens.some((t) => sameToken(t, f.requestToken)));
    if (hit) return hit;
  }
  if (f.requestRecoveryToken) {
    const hit = newest((c) => c.recoveryTokens.some((t) => sameToken(t, f.requestRecoveryToken)));
    if (hit) return hit;
  }
  // A request that starts a transaction of its own starts a new chain, unless a token tied it above.
  if (operationInfo(f.operation).startsTransaction && f.operation !== 'recovery.token') return undefined;
  if (f.responseToken) {
    const hit = newest((c) => c.stateTokens.some((t) => sameToken(t, f.responseToken)));
    if (hit) return hit;
  }
  if (f.userId) {
    // The evidence lost the token (masked away, or an emailed recovery link): the same user's open chain.
    return newest((c) => !c.ended && c.userIds.some((u) => sameIdentifier(u, f.userId)));
  }
  return undefined;
}

function absorb(chain: Chain, exchange: Exchange, f: ExchangeFacts): void {
  chain.members.push({ exchange, facts: f });
  for (const t of [f.requestToken, f.responseToken]) if (t && !chain.stateTokens.some((s) => sameToken(s, t))) chain.stateTokens.push(t);
  for (const t of [f.requestRecoveryToken, f.responseRecoveryToken]) if (t && !chain.recoveryTokens.some((s) => sameToken(s, t))) chain.recoveryTokens.push(t);
  if (f.userId && !chain.userIds.includes(f.userId)) chain.userIds.push(f.userId);
  if (f.ok) {
    const status = (exchange.responseBody as Record<string, unknown> | null)?.status;
    if (f.operation === 'cancel' || (status === 'SUCCESS' && !f.responseToken)) chain.ended = true;
  }
}
