import type { Exchange } from '../model/exchange.js';
import type { TokenRef } from '../model/token.js';
import { protocolOf } from '../protocols/index.js';
import { toMs } from '../protocols/common/time.js';
import type { ChainKey, LinkFacts, Member, Protocol } from '../protocols/types.js';
import { linksByWholeMask, sameIdentifier, sameToken } from '../redact/token.js';

/** Exchanges of one transaction, in order, with what their protocol read from each. */
export interface Chain {
  protocol: Protocol<any>;
  captureId: number;
  group: string;
  members: Member[];
  keys: ChainKey[];
  userIds: string[];
  /** Over (SUCCESS, cancel...): not joined again by user id; later requests with its keys are replays. */
  ended: boolean;
}

export interface Linked {
  chains: Chain[];
  /** Exchanges no protocol module reads: counted and named in the output, never silently dropped. */
  unanalyzed: Exchange[];
  /** Metadata a protocol read but that is no step of a flow (discovery documents, key sets). */
  context: Exchange[];
}

/**
 * Groups exchanges into transactions by the keys their protocol reads (request to response, following
 * rotation), and by user id when the evidence lost the keys. Never across captures or groups: the same flow
 * pasted twice is two transactions.
 */
export function linkChains(exchanges: readonly Exchange[]): Linked {
  const byGroup = new Map<string, Exchange[]>();
  // A unit of the streamed analysis is one group: its exchanges need no key each to find their list.
  let list: Exchange[] | undefined;
  let last: Exchange | undefined;
  for (const e of exchanges) {
    if (!last || e.captureId !== last.captureId || e.group !== last.group) {
      const key = `${e.captureId}\u0000${e.group}`;
      list = byGroup.get(key);
      if (!list) byGroup.set(key, (list = []));
    }
    list!.push(e);
    last = e;
  }
  const chains: Chain[] = [];
  const unanalyzed: Exchange[] = [];
  const context: Exchange[] = [];
  for (const list of byGroup.values()) {
    const linker = new Linker();
    for (const exchange of orderOf(list)) {
      const context = linker.context.length;
      if (!linker.add(exchange) && linker.context.length === context) unanalyzed.push(exchange);
    }
    for (const chain of linker.chains) chains.push(chain);
    for (const exchange of linker.context) context.push(exchange);
  }
  return { chains, unanalyzed, context };
}

/** Wall-clock order when every exchange has a start time (concurrent live traffic), else evidence order. */
function orderOf(list: Exchange[]): Exchange[] {
  // Each time parsed once, not once per comparison; a list already in order (the usual case) is not sorted.
  const times = new Float64Array(list.length);
  let timed = true;
  let inOrder = true;
  let bySeq = true;
  for (let i = 0; i < list.length; i++) {
    const t = toMs(list[i]!.startedAt);
    if (t === null) timed = false;
    else times[i] = t;
    if (i > 0) {
      const seq = list[i]!.seq - list[i - 1]!.seq;
      if (seq < 0) bySeq = false;
      if (times[i]! - times[i - 1]! < 0 || (times[i] === times[i - 1] && seq < 0)) inOrder = false;
    }
  }
  if (timed && inOrder) return list;
  if (!timed) {
    const inSeq = bySeq ? list : [...list].sort((a, b) => a.seq - b.seq);
    // A file written newest first (some exporters, a log pasted top-down) with one undated entry: the dated
    // ones say which way the file runs, so the evidence order is read backwards rather than split in pieces.
    return newestFirst(inSeq) ? [...inSeq].reverse() : inSeq;
  }
  // One stable sort by (time, seq) orders as sorting by seq, then by time, did.
  const at = list.map((_, i) => i);
  at.sort((a, b) => times[a]! - times[b]! || list[a]!.seq - list[b]!.seq);
  return at.map((i) => list[i]!);
}

/** Whether the dated exchanges of a list in seq order run backwards in time: two steps back or more, none forward. */
function newestFirst(list: readonly Exchange[]): boolean {
  let back = 0;
  let prev: number | null = null;
  for (const e of list) {
    const t = toMs(e.startedAt);
    if (t === null) continue;
    if (prev !== null) {
      if (t > prev) return false;
      if (t < prev) back++;
    }
    prev = t;
  }
  return back >= 2;
}

/**
 * Places exchanges into chains one at a time, in order. `linkChains` uses one per group; the recorder's live
 * view keeps one for the whole recording, so live lines and the final analysis link the same way.
 */
export class Linker {
  readonly chains: Chain[] = [];
  /** Exchanges read as context (LinkFacts.context), in no chain. */
  readonly context: Exchange[] = [];
  private readonly index = new ChainIndex();

  /**
   * Adds the exchange to the chain it belongs to (a new one if none) and returns that chain; null when no
   * protocol reads it, or when it is context that joined no chain (then it is in `context`).
   */
  add(exchange: Exchange): Chain | null {
    // A CORS preflight is the browser asking whether it may send the call: it carries no authn state and is
    // no step of the flow (as a step it opened a transaction of its own and one Okta never answered).
    if (exchange.method === 'OPTIONS') {
      this.context.push(exchange);
      return null;
    }
    const protocol = protocolOf(exchange);
    if (!protocol) return null;
    const facts: LinkFacts = protocol.facts(exchange);
    if (facts.context && !facts.uses.some((k) => this.index.byKey(protocol.id, k))) {
      this.context.push(exchange);
      return null;
    }
    let chain = findChain(this.index, protocol.id, facts);
    if (!chain) {
      chain = { protocol, captureId: exchange.captureId, group: exchange.group, members: [], keys: [], userIds: [], ended: false };
      this.index.order.set(chain, this.chains.length);
      this.chains.push(chain);
    }
    absorb(chain, { exchange, facts }, this.index);
    return chain;
  }
}

/**
 * Finds chains by key or user id without scanning every chain: exact maps for fingerprints and clear values,
 * buckets by the first characters only for what matches by prefix (masked values). Clear user ids often
 * share their first characters (`00u000...`): one bucket for them made linking quadratic. Keeps linking
 * linear in the number of exchanges, for 30,000-exchange HAR files and long recordings.
 */
class ChainIndex {
  readonly order = new Map<Chain, number>();
  /** Keyed fingerprints (redacted tokens): compared by fingerprint only. */
  private readonly fps = new Buckets<{ ref: TokenRef; chain: Chain }>();
  /** Every key by its first characters (a masked or clear query compares prefixes with all of them). */
  private readonly prefixes = new Buckets<{ ref: TokenRef; chain: Chain }>();
  /** Keys without a keyed fingerprint, by their first characters (a keyed query compares prefixes only with these). */
  private readonly unkeyed = new Buckets<{ ref: TokenRef; chain: Chain }>();
  /** Masks too short at the start to link by prefix that show the end too (`00abc...xyz`): by the mask as written. */
  private readonly wholeMasks = new Buckets<{ ref: TokenRef; chain: Chain }>();
  /** User ids exactly as seen. */
  private readonly users = new Buckets<Chain>();
  /** Masked user ids by their first characters (they may stand for a clear id that starts alike). */
  private readonly maskedUsers = new Buckets<{ id: string; chain: Chain }>();
  /** Every user id by its first characters, for masked queries. */
  private readonly allUsers = new Buckets<{ id: string; chain: Chain }>();

  addKey(protocol: string, key: ChainKey, chain: Chain): void {
    const entry = { ref: key.ref, chain };
    const keyed = key.ref.masked && key.ref.fp !== null;
    if (keyed) this.fps.add(protocol, key.kind, key.ref.fp!, entry);
    if (linksByWholeMask(key.ref)) this.wholeMasks.add(protocol, key.kind, wholeMaskOf(key.ref), entry);
    if (key.ref.prefix.length >= MIN_KEY) {
      const head = headOf(key.ref.prefix);
      this.prefixes.add(protocol, key.kind, head, entry);
      if (!keyed) this.unkeyed.add(protocol, key.kind, head, entry);
    }
  }

  addUser(protocol: string, id: string, chain: Chain): void {
    this.users.add(protocol, USER, id, chain);
    const head = headOf(id);
    this.allUsers.add(protocol, USER, head, { id, chain });
    if (isMasked(id)) this.maskedUsers.add(protocol, USER, head, { id, chain });
  }

  /** The most recently started chain holding a key that may be this one. */
  byKey(protocol: string, key: ChainKey): Chain | undefined {
    const keyed = key.ref.masked && key.ref.fp !== null;
    if (linksByWholeMask(key.ref)) return this.newest(this.wholeMasks.get(protocol, key.kind, wholeMaskOf(key.ref)), key.ref, undefined);
    const head = key.ref.prefix.length >= MIN_KEY ? headOf(key.ref.prefix) : null;
    if (keyed) {
      const best = this.newest(this.fps.get(protocol, key.kind, key.ref.fp!), key.ref, undefined);
      return head ? this.newest(this.unkeyed.get(protocol, key.kind, head), key.ref, best) : best;
    }
    return head ? this.newest(this.prefixes.get(protocol, key.kind, head), key.ref, undefined) : undefined;
  }

  /** The newest chain of `list` (or `best`) holding a key that may be `ref`. */
  private newest(list: { ref: TokenRef; chain: Chain }[] | undefined, ref: TokenRef, best: Chain | undefined): Chain | undefined {
    if (list) for (const entry of list) if (this.newer(entry.chain, best) && sameToken(entry.ref, ref)) best = entry.chain;
    return best;
  }

  byUser(protocol: string, id: string, accept: (c: Chain) => boolean): Chain | undefined {
    let best: Chain | undefined;
    for (const chain of this.users.get(protocol, USER, id) ?? []) if (accept(chain) && this.newer(chain, best)) best = chain;
    const head = headOf(id);
    // Two different clear ids never match: only masked ones need the prefix comparison.
    const others = isMasked(id) ? this.allUsers.get(protocol, USER, head) : this.maskedUsers.get(protocol, USER, head);
    for (const entry of others ?? []) {
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

/** What parseTokenRef (src/redact/token.ts) takes for a mask: any of these characters. */
const MASK = /\*|…|\.{3}|•|\[/;
const isMasked = (id: string) => MASK.test(id);

/** The first MIN_KEY characters, the bucket of a value matched by prefix. */
const headOf = (value: string) => (value.length <= MIN_KEY ? value : value.slice(0, MIN_KEY));

/** A whole mask's bucket: its visible start and end, as written. */
const wholeMaskOf = (ref: TokenRef) => `${ref.prefix}\u0000${ref.suffix}`;

/** The key kind the user id buckets are filed under. */
const USER = 'user';

/**
 * Lists of values by protocol, key kind and text (a fingerprint, an id, first characters), one map inside
 * another: no string joined of the three for every lookup.
 */
class Buckets<T> {
  private readonly map = new Map<string, Map<string, Map<string, T[]>>>();

  get(protocol: string, kind: string, text: string): T[] | undefined {
    return this.map.get(protocol)?.get(kind)?.get(text);
  }

  add(protocol: string, kind: string, text: string, value: T): void {
    let kinds = this.map.get(protocol);
    if (!kinds) this.map.set(protocol, (kinds = new Map()));
    let texts = kinds.get(kind);
    if (!texts) kinds.set(kind, (texts = new Map()));
    const list = texts.get(text);
    if (list) list.push(value);
    else texts.set(text, [value]);
  }
}

function findChain(index: ChainIndex, protocol: string, f: LinkFacts): Chain | undefined {
  for (const key of f.uses) {
    const hit = index.byKey(protocol, key);
    if (hit) return hit;
  }
  // A request that starts a transaction of its own starts a new chain, unless a key of the request tied it above.
  if (f.starts) return undefined;
  for (const key of f.issues) {
    const hit = index.byKey(protocol, key);
    if (hit) return hit;
  }
  // The evidence lost the keys (masked away, or an emailed recovery link): the same user's open chain.
  return f.userId ? index.byUser(protocol, f.userId, (c) => !c.ended) : undefined;
}

function absorb(chain: Chain, member: Member, index: ChainIndex): void {
  chain.members.push(member);
  const f = member.facts;
  for (const key of f.uses) addKey(chain, key, index);
  for (const key of f.issues) addKey(chain, key, index);
  if (f.userId && !chain.userIds.includes(f.userId)) {
    chain.userIds.push(f.userId);
    index.addUser(chain.protocol.id, f.userId, chain);
  }
  if (f.ends) chain.ended = true;
}

/** Gives the chain a key it does not hold yet. */
function addKey(chain: Chain, key: ChainKey, index: ChainIndex): void {
  for (const k of chain.keys) if (k.kind === key.kind && sameToken(k.ref, key.ref)) return;
  chain.keys.push(key);
  index.addKey(chain.protocol.id, key, chain);
}
