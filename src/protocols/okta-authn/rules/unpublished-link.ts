import type { Rule } from '../../../model/rule.js';
import { hasLinks, isOk, publishedLinks, responseBody } from '../../common/body.js';
import { maskedAgree } from '../../common/masked.js';
import { operationInfo, pathOf } from '../operations.js';

/** Same path, segment by segment, case-insensitively; masked factor ids (`emf5tb****`) agree with clear ones. */
export function samePath(a: string, b: string): boolean {
  const sa = a.split('/');
  const sb = b.split('/');
  return sa.length === sb.length && sa.every((seg, i) => maskedAgree(safeDecode(seg), safeDecode(sb[i])));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const unpublishedLink: Rule = {
  meta: {
    id: 'unpublished-link',
    severity: 'low',
    summary: 'a request to an operation that is not among the previous response\'s _links',
    rationale:
      'Okta publishes the next allowed calls as _links and its SDKs (okta-auth-js, the Sign-In Widget) follow them verbatim. A call to a path that was not published means a hand-built URL, a stale transaction object, or a proxy that rewrote the links.',
    basis: 'sdk',
    docs: 'docs/rules/unpublished-link.md',
    protocol: 'okta-authn',
    messages: {
      notPublished:
        '{path} was not among the links published by the response at step {linkStep} ({published}). Okta\'s SDKs only follow published links: this client built the URL itself or acted on an older response.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // The last answered step before each one, carried along: a scan back per step was quadratic on a long
        // chain of refused calls.
        let answered: (typeof tx.steps)[number] | null = null;
        tx.steps.forEach((step, i) => {
          const previous = answered;
          if (isOk(step) && responseBody(step) !== null) answered = step;
          const info = operationInfo(step.operation);
          // Chain starters carry no token, get-state is always allowed, and /skip has its own rule.
          if (i === 0 || info.startsTransaction || info.readOnly || step.operation === 'skip' || step.operation === 'unknown') return;
          if (!previous || !hasLinks(responseBody(previous))) return;
          const links = publishedLinks(responseBody(previous));
          const path = pathOf(step.exchange.url);
          if (links.some((l) => samePath(l.path, path))) return;
          const published = [...new Set(links.map((l) => l.path))];
          context.report({
            transaction: tx,
            step,
            messageId: 'notPublished',
            data: { path, linkStep: previous.step, published: published.join(', ') || 'none' },
            evidence: { path, publishedBy: previous.step, published },
          });
        });
      },
    };
  },
};
