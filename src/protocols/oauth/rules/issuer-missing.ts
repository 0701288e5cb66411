import type { Rule } from '../../../model/rule.js';
import { placedOf } from '../flow.js';

export const issuerMissing: Rule = {
  meta: {
    id: 'issuer-missing',
    severity: 'low',
    summary: 'several authorization servers in one piece of evidence, and an authorization response without iss',
    rationale:
      'RFC 9700 §2.1 and §4.4 (mix-up attacks): a client that talks to several authorization servers must tell which one answered; RFC 9207 puts the issuer in the authorization response as iss.',
    basis: 'documented',
    docs: 'docs/rules/issuer-missing.md',
    protocol: 'oauth',
    messages: {
      noIss: 'This authorization response carries no iss, while the evidence shows {count} authorization servers ({servers}): the client cannot tell which one answered (RFC 9207, RFC 9700 §4.4).',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const authorizes = placedOf(unit, 'authorize');
        const servers = [...new Set(authorizes.map((p) => p.step.oauth.server).filter((s): s is string => Boolean(s)))];
        if (servers.length < 2) return;
        for (const { step, tx } of authorizes) {
          const r = step.oauth.response;
          if (!r || (!r.code && !r.error) || r.iss) continue;
          context.report({ transaction: tx, step, messageId: 'noIss', data: { count: servers.length, servers: servers.join(', ') }, evidence: { servers, iss: null, server: step.oauth.server } });
        }
      },
    };
  },
};
