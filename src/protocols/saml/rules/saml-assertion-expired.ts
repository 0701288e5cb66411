import type { Rule } from '../../../model/rule.js';
import type { Step } from '../../../model/transaction.js';
import { humanDuration, toMs } from '../../common/time.js';

/** SAML SPs commonly allow a few minutes of clock skew (Shibboleth and OneLogin default to 180 s). */
export const SAML_SKEW_MS = 180_000;

/** When the message reached its recipient: the request's start time, else the ACS response's Date header. */
function deliveredAt(step: Step): { ms: number; from: string } | null {
  const started = toMs(step.exchange.startedAt);
  if (started !== null) return { ms: started, from: 'the request time' };
  const date = step.exchange.responseHeaders?.date;
  const ms = date ? Date.parse(date) : NaN;
  return Number.isNaN(ms) ? null : { ms, from: "the server's Date header" };
}

export const samlAssertionExpired: Rule = {
  meta: {
    id: 'saml-assertion-expired',
    severity: 'medium',
    summary: "a SAML assertion was delivered after its NotOnOrAfter, or was issued already expired",
    rationale:
      'SAML 2.0 core 2.5.1.2 and 2.4.1.2: an assertion is invalid at and after NotOnOrAfter; an SP must refuse it. A late delivery points to a slow user, a replay or clock skew between IdP and SP.',
    basis: 'documented',
    docs: 'docs/rules/saml-assertion-expired.md',
    protocol: 'saml',
    messages: {
      acceptedLate:
        'The assertion from {issuer} was valid until {notOnOrAfter} but reached {destination} at {deliveredAt} ({from}), {late} later (beyond 3 minutes of skew), and the SP answered {http}: it accepted an expired assertion, which SAML 2.0 core 2.5.1.2 forbids. Check the SP\'s time validation and clock.',
      refusedLate:
        'The assertion from {issuer} was valid until {notOnOrAfter} but reached {destination} at {deliveredAt} ({from}), {late} later (beyond 3 minutes of skew); the SP rightly refused it ({http}). A stale tab, a replay or clock skew between IdP and SP: compare the clocks and start the sign-in again from the SP.',
      issuedExpired:
        'The assertion from {issuer} was issued at {issueInstant} with NotOnOrAfter {notOnOrAfter}: it was never valid. The IdP clock or its assertion lifetime setting is wrong.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const m = step.saml;
        const end = toMs(m?.notOnOrAfter);
        if (!m || m.param !== 'SAMLResponse' || end === null) return;
        const issued = toMs(m.issueInstant);
        const data = { issuer: m.issuer ?? 'the IdP', notOnOrAfter: m.notOnOrAfter!, destination: m.destination ?? 'the SP' };
        if (issued !== null && end <= issued) {
          context.report({ transaction: tx, step, messageId: 'issuedExpired', data: { ...data, issueInstant: m.issueInstant! }, evidence: { issueInstant: m.issueInstant, notOnOrAfter: m.notOnOrAfter } });
          return;
        }
        const at = deliveredAt(step);
        if (!at || at.ms < end + SAML_SKEW_MS) return;
        const deliveredIso = new Date(at.ms).toISOString();
        const refused = step.httpStatus !== null && step.httpStatus >= 400;
        context.report({
          transaction: tx,
          step,
          messageId: refused ? 'refusedLate' : 'acceptedLate',
          // An SP that took it has a bug to fix; one that refused it explains its error page.
          severity: refused ? 'low' : 'high',
          data: { ...data, deliveredAt: deliveredIso, from: at.from, late: humanDuration(at.ms - end), http: step.httpStatus === null ? 'no response' : `HTTP ${step.httpStatus}` },
          evidence: { notOnOrAfter: m.notOnOrAfter, deliveredAt: deliveredIso, from: at.from },
        });
      },
    };
  },
};
