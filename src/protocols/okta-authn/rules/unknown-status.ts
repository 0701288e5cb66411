import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { pathOf } from '../operations.js';
import { classifyFactorResult, classifyStatus } from '../statuses.js';

export const unknownStatus: Rule = {
  meta: {
    id: 'unknown-status',
    severity: 'info',
    summary: 'a status, factorResult or authn operation outside the known vocabularies',
    rationale:
      'authtrail knows the documented statuses and those the SDKs handle. Anything else comes from a newer Okta pipeline, a custom proxy or a damaged paste; the other rules cannot judge those steps.',
    basis: 'documented',
    docs: 'docs/rules/unknown-status.md',
    protocol: 'okta-authn',
    messages: {
      unknownStatus:
        'Status {status} is neither documented by Okta nor handled by its SDKs. The state-machine rules skip this step; check whether the evidence is from the Classic authn API.',
      unknownFactorResult:
        'factorResult {factorResult} is not one Okta documents (WAITING, CHALLENGE, SUCCESS, REJECTED, TIMEOUT, ...). The push rules cannot judge this step.',
      unknownOperation:
        '{path} is under /api/v1/authn but is not an operation Okta documents; authtrail could not place it in the state machine.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        if (isOk(step) && step.responseStatus && classifyStatus(step.responseStatus) === 'unknown') {
          context.report({ transaction: tx, step, messageId: 'unknownStatus', data: { status: step.responseStatus }, evidence: { status: step.responseStatus } });
        }
        if (classifyFactorResult(step.factorResult) === 'unknown') {
          context.report({ transaction: tx, step, messageId: 'unknownFactorResult', data: { factorResult: step.factorResult ?? '' }, evidence: { factorResult: step.factorResult } });
        }
        const path = pathOf(step.exchange.url);
        // A pasted response without its request has no path to judge: the reader marks it `(response-only)`.
        if (path.endsWith('/(response-only)')) return;
        if (step.operation === 'unknown' && /\/api\/v1\/authn(\/|$)/i.test(path) && step.exchange.method.toUpperCase() === 'POST') {
          context.report({ transaction: tx, step, messageId: 'unknownOperation', data: { path }, evidence: { method: step.exchange.method, path } });
        }
      },
    };
  },
};
