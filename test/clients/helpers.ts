import type { Exchange } from '../../src/model/exchange.js';
import type { IdxClientStep } from '../../samples/mock-okta/idx/client.js';

/** What the recorder must pass and keep for Identity Engine: the IDX calls and the OAuth ones around them. */
export const IDX_INCLUDE = ['/idp/idx/**', '/oauth2/**/v1/interact', '/oauth2/v1/interact', '/oauth2/**/v1/token', '/oauth2/v1/token'];

/** `POST /idp/idx/identify`: method and path of each recorded exchange, in order. */
export function routeList(exchanges: Exchange[]): string[] {
  return exchanges.map((e) => `${e.method} ${new URL(e.url).pathname}`);
}

/**
 * The clear secrets a flow saw on the wire: every stateHandle (top level and in forms), interaction
 * handle and code, and tokens. Collected from the responses so a rotated handle is not missed.
 */
export function wireSecrets(bodies: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const key of ['stateHandle', 'interaction_handle', 'interactionHandle', 'interaction_code', 'access_token', 'id_token']) {
      if (typeof o[key] === 'string') found.add(o[key] as string);
    }
    if ((o.name === 'stateHandle' || o.name === 'interaction_code') && typeof o.value === 'string') found.add(o.value);
    Object.values(o).forEach(visit);
  };
  bodies.forEach(visit);
  return [...found];
}

export const stepBodies = (steps: IdxClientStep[]) => steps.map((s) => s.body);
