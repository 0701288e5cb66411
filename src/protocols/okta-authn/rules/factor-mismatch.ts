import type { Step } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { get, isObject, isOk, responseBody, str } from '../../common/body.js';
import { maskedAgree } from '../../common/masked.js';
import { factorIdOf } from '../operations.js';

interface Offered {
  id: string | null;
  type: string | null;
}

function factorsOf(step: Step, path: string): Offered[] {
  const value = get(responseBody(step), path);
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isObject).map((f) => ({ id: str(f.id), type: str(f.factorType) }));
}

function matches(requested: string, f: Offered): boolean {
  if (f.id && maskedAgree(requested, f.id, false)) return true;
  // `/factors/{factorType}/verify` is documented for some factors (push, sms) instead of the id.
  return f.type !== null && f.type.toLowerCase() === requested.toLowerCase();
}

export const factorMismatch: Rule = {
  meta: {
    id: 'factor-mismatch',
    severity: 'high',
    summary: 'a verify call on a factor that was not offered (MFA_REQUIRED) or is not the challenged one (MFA_CHALLENGE)',
    rationale:
      'Okta offers the enrolled factors in MFA_REQUIRED and challenges one in MFA_CHALLENGE. Verifying another factor means the client followed no published link; a 2xx for it means the server accepted a factor the policy did not offer.',
    basis: 'documented',
    docs: 'docs/rules/factor-mismatch.md',
    protocol: 'okta-authn',
    messages: {
      notOffered:
        'This call verifies factor {factor}, which the MFA_REQUIRED response at step {offerStep} did not offer (offered: {offered}). Okta answered {answer}. {verdict}',
      notChallenged:
        'This call verifies factor {factor} while the MFA_CHALLENGE at step {offerStep} challenged {offered}. Okta answered {answer}. {verdict}',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // The factors of the last offer read, for the verify calls that follow it (a push poll repeats the same offer).
        let lastOffer: Step | null = null;
        let lastOffered: Offered[] = [];
        // The last answered step by the status it answered, carried along (a scan back per verify was quadratic).
        const lastOk = new Map<string | null, Step>();
        tx.steps.forEach((step) => {
          try {
            if (step.operation !== 'factors.verify') return;
            const requested = factorIdOf(step.exchange.url);
            if (!requested) return;
            const inChallenge = step.statusBefore === 'MFA_CHALLENGE';
            if (!inChallenge && step.statusBefore !== 'MFA_REQUIRED') return;
            const offerStep = lastOk.get(step.statusBefore) ?? null;
            if (!offerStep) return;
            // The path follows from the offer's status (the status before this call), so the offer alone decides it.
            if (offerStep !== lastOffer) {
              lastOffer = offerStep;
              lastOffered = factorsOf(offerStep, inChallenge ? '_embedded.factor' : '_embedded.factors');
            }
            const offered = lastOffered;
            if (offered.length === 0 || offered.some((f) => matches(requested, f))) return;
            const ok = isOk(step);
            const verdict = ok
              ? 'A 2xx means the server accepted a factor it did not offer here, which Okta does not document.'
              : 'The server refused it; the client is following no published link.';
            context.report({
              transaction: tx,
              step,
              messageId: inChallenge ? 'notChallenged' : 'notOffered',
              severity: ok ? 'high' : 'low',
              data: { factor: requested, offerStep: offerStep.step, offered: offered.map((f) => f.id ?? f.type).join(', '), answer: `${step.httpStatus ?? 'nothing'}${step.errorCode ? ` ${step.errorCode}` : ''}`, verdict },
              evidence: { requestedFactor: requested, offered: offered.map((f) => f.id ?? f.type), offerStep: offerStep.step, httpStatus: step.httpStatus },
            });
          } finally {
            if (isOk(step)) lastOk.set(step.responseStatus, step);
          }
        });
      },
    };
  },
};
