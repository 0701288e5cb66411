import type { Rule } from '../../../model/rule.js';

/** Origin of a URL (`https://app.example:8443`), or null. */
const originOf = (url: string): string | null => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0]?.toLowerCase() ?? null;

export const tokenInUrl: Rule = {
  meta: {
    id: 'token-in-url',
    severity: 'low',
    summary: 'an access, id or refresh token in a URL query, or a code or token sent on to another site in the Referer',
    rationale:
      'RFC 9700 §4.2 and §4.3: credentials in URLs leak through the Referer header, browser history and server logs. A code or token in a Referer sent to another origin has left the client.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/token-in-url.md',
    protocol: 'oauth',
    messages: {
      tokenInQuery: 'The URL of this request carries {names} in its query string (RFC 9700 §4.3): it is kept in history and server logs.',
      credentialInReferer: 'This request to {origin} sent a Referer carrying {names} from {refererOrigin} (RFC 9700 §4.2): the credential reached another site.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (!o) return;
        const url = step.exchange.url;
        const q = url.indexOf('?');
        const query = q < 0 ? '' : url.slice(q + 1).replace(/#.*$/s, '');
        const inQuery = ['access_token', 'id_token', 'refresh_token'].filter((n) => new RegExp(`(?:^|&)${n}=[^&]`).test(query));
        if (inQuery.length > 0) context.report({ transaction: tx, step, messageId: 'tokenInQuery', data: { names: inQuery.join(', ') }, evidence: { names: inQuery } });
        const referer = step.exchange.requestHeaders.referer;
        if (o.refererSecrets.length === 0 || !referer) return;
        const origin = originOf(url);
        const refererOrigin = originOf(referer);
        if (!origin || !refererOrigin || origin === refererOrigin) return;
        context.report({ transaction: tx, step, messageId: 'credentialInReferer', data: { origin, refererOrigin, names: o.refererSecrets.join(', ') }, evidence: { names: o.refererSecrets, origin, refererOrigin } });
      },
    };
  },
};
