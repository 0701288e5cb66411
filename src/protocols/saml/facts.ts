import { createHash } from 'node:crypto';
import type { Exchange } from '../../model/exchange.js';
import type { SamlMessage } from '../../model/saml.js';
import type { TokenRef } from '../../model/token.js';
import type { ChainKey, LinkFacts } from '../types.js';
import { carriesSaml } from './decode.js';

/** What linking, the timeline and the rules need from one SAML exchange. */
export interface SamlFacts extends LinkFacts {
  message: SamlMessage | null;
}

/**
 * A message's ID as a chain key, compared exactly by a digest: the linker files clear values by their first
 * six characters, and an xs:ID may be shorter (`_req1`).
 */
function idKey(id: string | null): ChainKey[] {
  if (!id) return [];
  const ref: TokenRef = { prefix: id, fp: createHash('sha256').update(id).digest('hex').slice(0, 12), masked: true };
  return [{ kind: 'saml-id', ref }];
}

/** An exchange is SAML when ingest decoded a message from it or it still names a SAML parameter. */
export function isSamlExchange(e: Exchange): boolean {
  return e.evidence?.saml !== undefined || carriesSaml(e);
}

/** `saml.AuthnRequest`, `saml.Response`; `saml.SAMLResponse` when the message could not be read. */
export function operationOf(m: SamlMessage | null): string {
  return m ? `saml.${m.type ?? m.param}` : 'saml.unknown';
}

/**
 * A request starts a transaction and issues its ID; a response joins the transaction whose request ID it
 * names in InResponseTo, and ends it.
 */
export function factsOf(e: Exchange): SamlFacts {
  const m = e.evidence?.saml ?? null;
  const isResponse = m?.param === 'SAMLResponse';
  return {
    operation: operationOf(m),
    ok: e.transportError === null && e.responseStatus !== null && e.responseStatus < 400,
    uses: isResponse ? idKey(m.inResponseTo) : [],
    issues: isResponse ? [] : idKey(m?.id ?? null),
    starts: !isResponse,
    ends: isResponse,
    userId: null,
    login: null,
    message: m,
  };
}
