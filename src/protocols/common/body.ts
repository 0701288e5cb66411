import type { Step } from '../../model/transaction.js';
import { pathOf } from '../okta-authn/operations.js';
import { str } from '../../model/json.js';
import { memoize } from '../../model/memo.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path's keys, split once: rules ask for the same few paths of every step. */
const keysOf = memoize((path: string) => path.split('.'));

/** `get(body, '_embedded.user.id')`; undefined on any missing level. */
export function get(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of keysOf(path)) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export { str };

/** A value the server acts on: the widget sends `"passCode": ""` to ask for a code, which is no passCode. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/** The request body's keys whose values are present (empty string, null and whitespace count as absent). */
export function requestKeys(step: Step): string[] {
  const body = step.exchange.requestBody;
  return isObject(body) ? Object.keys(body).filter((k) => isPresent(body[k])) : [];
}

export function responseBody(step: Step): Json | null {
  const body = step.exchange.responseBody;
  return isObject(body) ? body : null;
}

/** The call was answered with a 2xx. */
export function isOk(step: Step): boolean {
  return step.httpStatus !== null && step.httpStatus >= 200 && step.httpStatus < 300;
}

export interface PublishedLink {
  /** The `_links` key (`next`, `cancel`, `skip`, `verify`, `resend`...). */
  rel: string;
  /** The link's own `name` (`verify`, `resetPassword`...), when it has one. */
  name: string | null;
  /** Path without origin or query. */
  path: string;
}

/** Every `_links` entry of a body at any depth (per-factor `verify` links sit under `_embedded.factors[]`). */
export function publishedLinks(body: unknown): PublishedLink[] {
  const out: PublishedLink[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '_links' && isObject(value)) {
        for (const [rel, link] of Object.entries(value)) {
          for (const one of Array.isArray(link) ? link : [link]) {
            const href = str(get(one, 'href'));
            if (href) out.push({ rel, name: str(get(one, 'name')), path: pathOf(href) });
          }
        }
      } else visit(value, depth + 1);
    }
  };
  visit(body, 0);
  return out;
}

/** Whether the body carries a `_links` object at its top level (absent when the paste elided it). */
export function hasLinks(body: unknown): boolean {
  return isObject(get(body, '_links'));
}
