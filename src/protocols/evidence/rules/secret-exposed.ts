import type { Exposure, UnreadExposure } from '../../../model/exchange.js';
import type { Rule } from '../../../model/rule.js';
import type { Step, Transaction } from '../../../model/transaction.js';
import { identifiersOf, type Identifier } from '../../common/identifiers.js';
import { isMasked, maskedAgree, visiblePrefix } from '../../common/masked.js';
import { callPattern } from '../../org.js';

/** A masked rendering must show at least this much for a clear value to be recognised as the same id. */
const MIN_PREFIX = 6;

/** The clear value cut to what its masked rendering already shows: a report must not spread what the poster hid. */
function hidden(clear: string, masked: string): string {
  return `${clear.slice(0, visiblePrefix(masked).length)}…`;
}

/** One kind of secret shown in clear in a unit: where it was first seen, in which exchanges and places. */
interface Kind {
  tx: Transaction;
  step: Step;
  exposure: Exposure;
  exchanges: Set<number>;
  /** The exchange added last to `exchanges`. */
  lastExchange: number;
  places: Set<string>;
}

/** An identifier with the step that shows it. */
interface Seen extends Identifier {
  tx: Transaction;
  step: Step;
}

/** `<where> <path>`, built once per pair: every exchange repeats the same few places. */
const places = new Map<string, Map<string, string>>();
function placeOf(where: string, path: string): string {
  let byPath = places.get(where);
  if (!byPath) places.set(where, (byPath = new Map()));
  let place = byPath.get(path);
  if (place === undefined) {
    if (byPath.size >= 4096) byPath.clear();
    byPath.set(path, (place = `${where} ${path}`));
  }
  return place;
}

/** Why calls no transaction holds were not analyzed, as the message says it. */
const WHY: Record<Exclude<UnreadKind['origin'], 'text'>, string> = { outside: 'outside --include', unanalyzed: 'calls no protocol module reads', unreadable: 'left out whole as beyond repair' };

/** The first three places, and how many more. */
const listed = (where: readonly string[]) => where.slice(0, 3).join(', ') + (where.length > 3 ? `, ${where.length - 3} more` : '');

/** An exposure as an unread call or a line of a paste shows it: `where` may be `text` (see UnreadExposure). */
type ShownExposure = Omit<Exposure, 'where'> & { where: UnreadExposure['where'] };

/** One kind of secret shown in clear in the calls of a unit that were not analyzed, kept apart by why they were not. */
interface UnreadKind {
  /** `text`: lines of a paste no reader took for a call (a `.env` or YAML block, a code sample, prose). */
  origin: 'outside' | 'unanalyzed' | 'unreadable' | 'text';
  exposure: ShownExposure;
  /** Where the first call that shows it stands in the evidence. */
  ref: string;
  /** Every call that shows it, by its place in the evidence. */
  refs: Set<string>;
  calls: Set<string>;
  places: Set<string>;
}

/**
 * The secrets in clear in the calls to the Okta org no transaction holds: the calls a capture left outside
 * --include or left out whole as beyond repair (as the import's redaction noted them, see
 * Capture.unreadExposures) and those no protocol reads.
 * One kind per unit, field (any case) and origin, in the order first seen.
 */
class UnreadKinds {
  readonly list: UnreadKind[] = [];
  private readonly byKey = new Map<string, UnreadKind>();

  add(unit: string, origin: UnreadKind['origin'], exposure: ShownExposure, call: string, ref: string): void {
    const key = `${unit}\u0000${origin}\u0000${exposure.field.toLowerCase()}`;
    let kind = this.byKey.get(key);
    if (!kind) {
      this.byKey.set(key, (kind = { origin, exposure: { where: exposure.where, field: exposure.field, ...(exposure.path ? { path: exposure.path } : {}), preview: exposure.preview }, ref, refs: new Set(), calls: new Set(), places: new Set() }));
      this.list.push(kind);
    }
    kind.refs.add(ref);
    if (call !== '') kind.calls.add(call);
    kind.places.add(exposure.path && exposure.path !== exposure.field ? placeOf(exposure.where, exposure.path) : exposure.where);
  }
}

export const secretExposed: Rule = {
  meta: {
    id: 'secret-exposed',
    severity: 'medium',
    summary: 'the evidence holds an unmasked secret, or an identifier left unmasked where the rest of the evidence masks it',
    rationale:
      'Evidence is pasted into forums and support tickets; after the October 2023 support-system breach nothing that leaves the machine may hold a live secret. authtrail redacts at capture, but the original evidence (the forum post, the HAR file) still exposes it.',
    basis: 'evidence',
    docs: 'docs/rules/secret-exposed.md',
    protocol: '*',
    messages: {
      secretInClear:
        'The evidence shows {field} in clear in {count} {requests} ({places}; first shown here as {preview}). authtrail stored only its fingerprint, but the original evidence (post, ticket, HAR) still exposes it: remove it there, and rotate it if it may still be valid.',
      secretInText:
        'The evidence shows {field} in clear on {count} {lines} that authtrail did not read as a call (a config or code block: {refs}; first shown as {preview}). authtrail kept only its masked preview, but the original evidence (post, ticket) still exposes it: remove it there, and rotate it if it may still be valid.',
      secretInUnread:
        'The evidence shows {field} in clear in {count} {calls} to the Okta org that authtrail did not analyze ({why}: {patterns}; {places}; first shown at {ref} as {preview}). authtrail stored only its fingerprint, but the original evidence (post, ticket, HAR) still exposes it: remove it there, and rotate it if it may still be valid.',
      identifierUnmasked:
        'The {kind} {shown} ({length} characters) is left unmasked here at {path} while the rest of the evidence masks it ({masked} at step {maskedStep}): whoever masked the evidence meant to hide it. This finding shows no more of it than the masked copies do, but `show`, exports and `sanitize` keep ids as the evidence has them (the analysis links by them): edit the original post or ticket to mask it there.',
    },
  },
  create(context) {
    // Exposures the detector found, per unit (capture + group) as `<exchange id>|<path>`: the unit visit
    // skips them, then forgets its unit's (a unit is visited after its transactions). Only paths an
    // identifier can have (see identifiersOf) are kept: the unit visit asks about no other.
    const reported = new Map<string, Set<string>>();
    const unitOf = (captureId: number, group: string) => `${captureId}\u0000${group}`;
    // One finding per kind of secret per capture (per copy when a thread pastes it twice), at its first step: the same detector as
    // `sanitize --check` found each place; twenty requests with a clear Authorization are one thing to fix.
    // Kept per unit, then per lower-cased field, and listed in the order first seen (the order of `end`).
    const kinds: Kind[] = [];
    const kindsByUnit = new Map<string, Map<string, Kind>>();
    // The last unit's maps: a unit's transactions come one after another, so most steps need no key built.
    let lastCapture = -1;
    let lastGroup: string | null = null;
    let lastKinds: Map<string, Kind> | undefined;
    let lastSeen: Set<string> | undefined;
    const unread = new UnreadKinds();
    return {
      transaction(tx) {
        for (const step of tx.steps) {
          const exposures = step.exchange.evidence?.exposures;
          if (!exposures || exposures.length === 0) continue;
          const { captureId, group } = step.exchange;
          if (captureId !== lastCapture || group !== lastGroup || !lastKinds) {
            const unit = unitOf(captureId, group);
            lastCapture = captureId;
            lastGroup = group;
            lastKinds = kindsByUnit.get(unit);
            if (!lastKinds) kindsByUnit.set(unit, (lastKinds = new Map()));
            lastSeen = reported.get(unit);
          }
          for (const exposure of exposures) {
            const at = exposure.path ?? exposure.field;
            if (at === 'url' || at.startsWith('_embedded.')) {
              if (!lastSeen) reported.set(unitOf(captureId, group), (lastSeen = new Set()));
              lastSeen.add(`${step.exchange.id}|${at}`);
            }
            // Keyed by the field as written and lower-cased: the entry under a key is always the kind of its lower case.
            let kind = lastKinds.get(exposure.field);
            if (!kind) {
              const field = exposure.field.toLowerCase();
              kind = lastKinds.get(field);
              if (!kind) {
                lastKinds.set(field, (kind = { tx, step, exposure, exchanges: new Set(), lastExchange: Number.NaN, places: new Set() }));
                kinds.push(kind);
              }
              lastKinds.set(exposure.field, kind);
            }
            // A step often shows the same field twice (request and response): one add for both.
            if (kind.lastExchange !== step.exchange.id) kind.exchanges.add((kind.lastExchange = step.exchange.id));
            kind.places.add(exposure.path && exposure.path !== exposure.field ? placeOf(exposure.where, exposure.path) : exposure.where);
          }
        }
      },
      unanalyzed(exchanges) {
        for (const e of exchanges) {
          const exposures = e.evidence?.exposures;
          if (!exposures || exposures.length === 0) continue;
          const call = callPattern(e.url);
          for (const x of exposures) unread.add(`${e.captureId}\u0000${e.group}`, 'unanalyzed', x, call, e.sourceRef);
        }
      },
      capture(capture) {
        for (const x of capture.unreadExposures ?? []) unread.add(`${capture.id}\u0000${x.group}`, x.reason ?? 'outside', x, x.call, x.ref);
      },
      end() {
        for (const k of unread.list) {
          const where = [...k.places];
          const calls = [...k.calls];
          if (k.origin === 'text') {
            const refs = [...k.refs];
            context.report({
              transaction: null,
              step: null,
              messageId: 'secretInText',
              data: { field: k.exposure.field, count: refs.length, lines: refs.length === 1 ? 'line' : 'lines', refs: listed(refs), preview: k.exposure.preview },
              evidence: { field: k.exposure.field, where: 'text', path: k.exposure.path ?? null, preview: k.exposure.preview, count: refs.length, places: where, lines: refs, refs, analyzed: false },
            });
            continue;
          }
          context.report({
            transaction: null,
            step: null,
            messageId: 'secretInUnread',
            data: {
              field: k.exposure.field,
              count: k.refs.size,
              calls: k.refs.size === 1 ? 'call' : 'calls',
              why: WHY[k.origin],
              patterns: calls.slice(0, 3).join(', ') + (calls.length > 3 ? `, ${calls.length - 3} more` : ''),
              places: listed(where),
              ref: k.ref,
              preview: k.exposure.preview,
            },
            evidence: { field: k.exposure.field, where: k.exposure.where, path: k.exposure.path ?? null, preview: k.exposure.preview, count: k.refs.size, places: where, calls, refs: [...k.refs], analyzed: false },
          });
        }
        for (const { tx, step, exposure, exchanges, places } of kinds) {
          const where = [...places];
          context.report({
            transaction: tx,
            step,
            messageId: 'secretInClear',
            data: { field: exposure.field, count: exchanges.size, requests: exchanges.size === 1 ? 'exchange' : 'exchanges', places: listed(where), preview: exposure.preview },
            evidence: { field: exposure.field, where: exposure.where, path: exposure.path ?? null, preview: exposure.preview, count: exchanges.size, places: where },
          });
        }
      },
      unit(unit) {
        const key = unitOf(unit[0]!.tx.captureId, unit[0]!.tx.group);
        const exposed = reported.get(key);
        reported.delete(key);
        if (lastSeen === exposed) lastSeen = undefined;
        // Each step's identifiers, and the masked renderings indexed by kind and their first visible
        // characters: large captures stay linear. With nothing masked there is nothing to report.
        const seen: (readonly Identifier[])[] = [];
        const masked = new Map<string, Seen[]>();
        for (const { tx, step } of unit) {
          const ids = identifiersOf(step);
          seen.push(ids);
          for (const id of ids) {
            if (!isMasked(id.value) || visiblePrefix(id.value).length < MIN_PREFIX) continue;
            const key = `${id.kind}|${id.value.slice(0, MIN_PREFIX)}`;
            const list = masked.get(key);
            if (list) list.push({ tx, step, ...id });
            else masked.set(key, [{ tx, step, ...id }]);
          }
        }
        if (masked.size === 0) return;
        const done = new Set<string>();
        unit.forEach(({ tx, step }, i) => {
          for (const o of seen[i]!) {
            const key = `${o.kind}|${o.value}`;
            if (isMasked(o.value) || done.has(key) || exposed?.has(`${step.exchange.id}|${o.path}`)) continue;
            const match = masked.get(`${o.kind}|${o.value.slice(0, MIN_PREFIX)}`)?.find((m) => maskedAgree(o.value, m.value, false));
            if (!match) continue;
            done.add(key);
            context.report({
              transaction: tx,
              step,
              messageId: 'identifierUnmasked',
              data: { kind: o.kind, shown: hidden(o.value, match.value), length: o.value.length, path: o.path, masked: match.value, maskedStep: match.step.step },
              evidence: { kind: o.kind, path: o.path, value: hidden(o.value, match.value), length: o.value.length, maskedElsewhere: match.value, maskedStep: match.step.step },
            });
          }
        });
      },
    };
  },
};
