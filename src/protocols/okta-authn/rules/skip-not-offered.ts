import type { Rule } from '../../../model/rule.js';
import { hasLinks, isOk, publishedLinks, responseBody } from '../../common/body.js';
import { lastBefore } from '../../common/chain.js';

export const skipNotOffered: Rule = {
  meta: {
    id: 'skip-not-offered',
    severity: 'medium',
    summary: '/skip called although the previous response published no skip link',
    rationale:
      'Okta documents /skip only when a skip link is published (optional enrollment in MFA_ENROLL, a PASSWORD_WARN). Skipping anything else, and above all reaching SUCCESS that way, bypasses a required step.',
    basis: 'documented',
    messageSubject: { skipRejected: 'client' },
    docs: 'docs/rules/skip-not-offered.md',
    protocol: 'okta-authn',
    messages: {
      skipRejected:
        '/skip was called in {status}, whose response at step {linkStep} published no skip link, and Okta answered {answer}. Okta documents skip only when offered; the client tried to bypass a required step.',
      skipAccepted:
        '/skip was called in {status}, whose response at step {linkStep} published no skip link, yet Okta answered {answer} with {after}. Okta documents skip only when offered: a required step was bypassed.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          if (step.operation !== 'skip') return;
          const previous = lastBefore(tx.steps, i, (s) => isOk(s) && responseBody(s) !== null);
          if (!previous || !hasLinks(responseBody(previous))) return;
          if (publishedLinks(responseBody(previous)).some((l) => l.rel === 'skip' || l.name === 'skip' || /\/skip$/i.test(l.path))) return;
          const ok = isOk(step);
          const success = ok && step.responseStatus === 'SUCCESS';
          context.report({
            transaction: tx,
            step,
            messageId: ok ? 'skipAccepted' : 'skipRejected',
            severity: success ? 'high' : 'medium',
            data: { status: step.statusBefore, linkStep: previous.step, answer: `${step.httpStatus ?? 'nothing'}${step.errorCode ? ` ${step.errorCode}` : ''}`, after: step.statusAfter },
            evidence: { statusBefore: step.statusBefore, publishedBy: previous.step, published: publishedLinks(responseBody(previous)).map((l) => l.rel), httpStatus: step.httpStatus, statusAfter: step.statusAfter },
          });
        });
      },
    };
  },
};
