import type { Exposure } from '../../../model/exchange.js';
import type { Rule } from '../../../model/rule.js';
import type { Step, Transaction } from '../../../model/transaction.js';
import { identifiersOf } from '../../common/identifiers.js';
import { isMasked, maskedAgree, visiblePrefix } from '../../common/masked.js';

/** A masked rendering must show at least this much for a clear value to be recognised as the same id. */
const MIN_PREFIX = 6;

/** The clear value cut to what its masked rendering already shows: a report must not spread what the poster hid. */
function hidden(clear: string, masked: string): string {
  return `${clear.slice(0, visiblePrefix(masked).length)}…`;
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
      identifierUnmasked:
        'The {kind} {shown} ({length} characters) is left unmasked here at {path} while the rest of the evidence masks it ({masked} at step {maskedStep}): whoever masked the evidence meant to hide it. authtrail shows no more of it than the masked copies do; edit the original post or ticket.',
    },
  },
  create(context) {
    // Exposures the detector found, per unit (capture + group) as `<exchange id>|<path>`: the unit visit
    // skips them, then forgets its unit's (a unit is visited after its transactions).
    const reported = new Map<string, Set<string>>();
    const unitOf = (captureId: number, group: string) => `${captureId}\u0000${group}`;
    // One finding per kind of secret per capture (per copy when a thread pastes it twice), at its first step: the same detector as
    // `sanitize --check` found each place; twenty requests with a clear Authorization are one thing to fix.
    const kinds = new Map<string, { tx: Transaction; step: Step; exposure: Exposure; exchanges: Set<number>; places: Set<string> }>();
    return {
      transaction(tx) {
        const unit = unitOf(tx.captureId, tx.group);
        let seen = reported.get(unit);
        if (!seen) reported.set(unit, (seen = new Set()));
        for (const step of tx.steps) {
          for (const exposure of step.exchange.evidence?.exposures ?? []) {
            seen.add(`${step.exchange.id}|${exposure.path ?? exposure.field}`);
            const key = `${step.exchange.captureId}|${step.exchange.group}|${exposure.field.toLowerCase()}`;
            let kind = kinds.get(key);
            if (!kind) kinds.set(key, (kind = { tx, step, exposure, exchanges: new Set(), places: new Set() }));
            kind.exchanges.add(step.exchange.id);
            kind.places.add(exposure.path && exposure.path !== exposure.field ? `${exposure.where} ${exposure.path}` : exposure.where);
          }
        }
      },
      end() {
        for (const { tx, step, exposure, exchanges, places } of kinds.values()) {
          const where = [...places];
          context.report({
            transaction: tx,
            step,
            messageId: 'secretInClear',
            data: { field: exposure.field, count: exchanges.size, requests: exchanges.size === 1 ? 'exchange' : 'exchanges', places: where.slice(0, 3).join(', ') + (where.length > 3 ? `, ${where.length - 3} more` : ''), preview: exposure.preview },
            evidence: { field: exposure.field, where: exposure.where, path: exposure.path ?? null, preview: exposure.preview, count: exchanges.size, places: where },
          });
        }
      },
      unit(unit) {
        const key = unitOf(unit[0]!.tx.captureId, unit[0]!.tx.group);
        const exposed = reported.get(key);
        reported.delete(key);
        const seen = unit.flatMap(({ tx, step }) => identifiersOf(step).map((id) => ({ tx, step, ...id })));
        // Masked renderings indexed by kind and their first visible characters: large captures stay linear.
        const masked = new Map<string, (typeof seen)[number][]>();
        for (const o of seen) {
          if (!isMasked(o.value) || visiblePrefix(o.value).length < MIN_PREFIX) continue;
          const key = `${o.kind}|${o.value.slice(0, MIN_PREFIX)}`;
          const list = masked.get(key);
          if (list) list.push(o);
          else masked.set(key, [o]);
        }
        const done = new Set<string>();
        for (const o of seen) {
          const key = `${o.kind}|${o.value}`;
          if (masked.size === 0 || isMasked(o.value) || done.has(key) || exposed?.has(`${o.step.exchange.id}|${o.path}`)) continue;
          const match = masked.get(`${o.kind}|${o.value.slice(0, MIN_PREFIX)}`)?.find((m) => maskedAgree(o.value, m.value, false));
          if (!match) continue;
          done.add(key);
          context.report({
            transaction: o.tx,
            step: o.step,
            messageId: 'identifierUnmasked',
            data: { kind: o.kind, shown: hidden(o.value, match.value), length: o.value.length, path: o.path, masked: match.value, maskedStep: match.step.step },
            evidence: { kind: o.kind, path: o.path, value: hidden(o.value, match.value), length: o.value.length, maskedElsewhere: match.value, maskedStep: match.step.step },
          });
        }
      },
    };
  },
};
