import type { Exchange } from '../model/exchange.js';
import { operationInfo } from '../protocols/okta-authn/operations.js';
import type { TokenRef } from '../model/token.js';
import { sameToken } from '../redact/token.js';
import { type ExchangeFacts, factsOf, sameIdentifier } from '../protocols/okta-authn/facts.js';

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
  const linker = new Linker();
  for (const exchange of list) linker.add(exchange);
  return linker.chains;
}

/**
 * Places exchanges into chains one at a time, in order. `linkChains` uses one per group; the recorder's live
 * view keeps one for the whole recording, so live lines and the final analysis link the same way.
 */
export class Linker {
  readonly chains: Chain[] = [];
  private readonly index = new ChainIndex();

  /** Adds the exchange to the chain it belongs to (a new one if none) and returns that chain. */
  add(exchange: Exchange): Chain {
    const facts = factsOf(exchange);
    let chain = findChain(this.index, facts);
    if (!chain) {
      chain = { captureId: exchange.captureId, group: exchange.group, members: [], stateTokens: [], recoveryTokens: [], userIds: [], ended: false };
      this.index.order.set(chain, this.chains.length);
      this.chains.push(chain);
    }
    absorb(chain, exchange, facts, this.index);
    return chain;
  }
}

/**
 * Finds chains by token or user id without scanning every chain: exact keys for fingerprinted tokens,
 * buckets by the first characters for masked values (which match by prefix). Keeps linking linear in
 * the number of exchanges, for 30,000-exchange HAR files and long recordings.
 */
class ChainIndex {
  readonly order = new Map<Chain, number>();
  private readonly buckets = new Map<string, { ref: TokenRef; chain: Chain }[]>();
  private readonly users = new Map<string, { id: string; chain: Chain }[]>();

  addToken(kind: 'state' | 'recovery', ref: TokenRef, chain: Chain): void {
    for (const key of tokenKeys(kind, ref)) push(this.buckets, key, { ref, chain });
  }

  addUser(id: string, chain: Chain): void {
    push(this.users, id.slice(0, MIN_KEY), { id, chain });
  }

  /** The most recently started chain holding a token that may be this one. */
  byToken(kind: 'state' | 'recovery', ref: TokenRef, accept: (c: Chain) => boolean = () => true): Chain | undefined {
    let best: Chain | undefined;
    for (const key of tokenKeys(kind, ref)) {
      for (const entry of this.buckets.get(key) ?? []) {
        if (accept(entry.chain) && this.newer(entry.chain, best) && sameToken(entry.ref, ref)) best = entry.chain;
      }
    }
    return best;
  }

  byUser(id: string, accept: (c: Chain) => boolean): Chain | undefined {
    let best: Chain | undefined;
    for (const entry of this.users.get(id.slice(0, MIN_KEY)) ?? []) {
      if (accept(entry.chain) && this.newer(entry.chain, best) && sameIdentifier(entry.id, id)) best = entry.chain;
    }
    return best;
  }

  private newer(a: Chain, b: Chain | undefined): boolean {
    return !b || this.order.get(a)! > this.order.get(b)!;
  }
}

/** Masked values match when one visible prefix starts the other, and at least this many characters show. */
const MIN_KEY = 6;

function tokenKeys(kind: string, ref: TokenRef): string[] {
  const keys: string[] = [];
  if (ref.fp && ref.masked) keys.push(`${kind}:fp:${ref.fp}`);
  if (ref.prefix.length >= MIN_KEY) keys.push(`${kind}:p:${ref.prefix.slice(0, MIN_KEY)}`);
  return keys;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function findChain(index: ChainIndex, f: ExchangeFacts): Chain | undefined {
  if (f.requestToken) {
    const hit = index.byToken('state', f.requestToken);
    if (hit) return hit;
  }
  if (f.requestRecoveryToken) {
    const hit = index.byToken('recovery', f.requestRecoveryToken);
    if (hit) return hit;
  }
  // A request that starts a transaction of its own starts a new chain, unless a token tied it above.
  if (operationInfo(f.operation).startsTransaction && f.operation !== 'recovery.token') return undefined;
  if (f.responseToken) {
    const hit = index.byToken('state', f.responseToken);
    if (hit) return hit;
  }
  if (f.userId) {
    // The evidence lost the token (masked away, or an emailed recovery link): the same user's open chain.
    return index.byUser(f.userId, (c) => !c.ended);
  }
  return undefined;
}

function absorb(chain: Chain, exchange: Exchange, f: ExchangeFacts, index: ChainIndex): void {
  chain.members.push({ exchange, facts: f });
  for (const t of [f.requestToken, f.responseToken]) {
    if (t && !chain.stateTokens.some((s) => sameToken(s, t))) {
      chain.stateTokens.push(t);
      index.addToken('state', t, chain);
    }
  }
  for (const t of [f.requestRecoveryToken, f.responseRecoveryToken]) {
    if (t && !chain.recoveryTokens.some((s) => sameToken(s, t))) {
      chain.recoveryTokens.push(t);
      index.addToken('recovery', t, chain);
    }
  }
  if (f.userId && !chain.userIds.includes(f.userId)) {
    chain.userIds.push(f.userId);
    index.addUser(f.userId, chain);
  }
  if (f.ok) {
    const status = (exchange.responseBody as Record<string, unknown> | null)?.status;
    if (f.operation === 'cancel' || (status === 'SUCCESS' && !f.responseToken)) chain.ended = true;
  }
}
