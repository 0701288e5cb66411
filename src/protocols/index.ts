import type { Exchange } from '../model/exchange.js';
import type { Rule } from '../model/rule.js';
import { EVIDENCE_RULES } from './evidence/rules/index.js';
import { oauth } from './oauth/index.js';
import { oktaAuthn } from './okta-authn/index.js';
import { oktaIdx } from './okta-idx/index.js';
import { saml } from './saml/index.js';
import type { Protocol } from './types.js';

/** Every protocol module, in the order they are asked whether an exchange is theirs. Adding one is one line. */
export const PROTOCOLS: readonly Protocol<any>[] = [oktaAuthn, oktaIdx, oauth, saml];

/** The protocol an exchange belongs to, or null when none reads it (the analysis counts it as unanalyzed). */
export function protocolOf(exchange: Exchange): Protocol<any> | null {
  for (const protocol of PROTOCOLS) if (protocol.claims(exchange)) return protocol;
  return null;
}

export function protocolById(id: string): Protocol<any> | undefined {
  return PROTOCOLS.find((p) => p.id === id);
}

/** Every rule (each protocol's and those about the evidence itself), sorted by id. */
export const RULES: readonly Rule[] = [...PROTOCOLS.flatMap((p) => p.rules), ...EVIDENCE_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** The default `--include`: the calls of every protocol. */
export const DEFAULT_INCLUDE: readonly string[] = [...new Set(PROTOCOLS.flatMap((p) => p.include))];

export type { Protocol };
