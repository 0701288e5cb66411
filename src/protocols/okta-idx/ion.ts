import type { IdxForm, IdxMessage, IdxResponseClass } from '../../model/idx.js';
import { obj, str } from '../../model/json.js';
import { pathOf } from '../../http/url.js';

/**
 * Reading the Ion envelope of an IDX response (okta-idx.md §1.4): remediation forms, actions at the top level
 * and nested in context objects, stateHandle values in forms, messages, and how the response classifies.
 */

type Json = Record<string, any>;

/** An IDX document: `version` plus a stateHandle, remediations or messages (okta-idx.md §1.2 detection rule). */
export function isIdxDocument(body: unknown): boolean {
  const b = obj(body);
  return typeof b.version === 'string' && ('stateHandle' in b || 'remediation' in b || 'messages' in b);
}

function isForm(value: unknown): value is Json {
  const v = obj(value);
  return typeof v.href === 'string' && typeof v.name === 'string';
}

function fields(form: Json): Json[] {
  return Array.isArray(form.value) ? form.value.filter((f: unknown) => f && typeof f === 'object') : [];
}

/** Immutable values by dotted name and authenticator ids among options, one level of sub-forms deep. */
function readFields(form: Json): Pick<IdxForm, 'immutable' | 'options'> {
  const immutable: Record<string, string> = {};
  const options: string[] = [];
  const visit = (list: Json[], prefix: string, depth: number) => {
    for (const f of list) {
      const name = str(f.name);
      if (!name || depth > 3) continue;
      const dotted = prefix ? `${prefix}.${name}` : name;
      if (f.mutable === false && (typeof f.value === 'string' || typeof f.value === 'number')) immutable[dotted] = String(f.value);
      if (f.form) visit(fields(obj(f.form)), dotted, depth + 1);
      if (Array.isArray(f.options)) {
        for (const o of f.options) {
          const sub = fields(obj(obj(obj(o).value).form));
          const id = sub.find((s) => s.name === 'id');
          if (id && typeof id.value === 'string') options.push(id.value);
        }
      }
    }
  };
  visit(fields(form), '', 0);
  return { immutable, options };
}

function toForm(form: Json, name: string, kind: IdxForm['kind']): IdxForm {
  const refresh = typeof form.refresh === 'number' ? form.refresh : null;
  return { name, kind, method: (str(form.method) ?? 'GET').toUpperCase(), path: pathOf(form.href), ...readFields(form), refreshMs: refresh };
}

/** Every form a response offers: `remediation.value[]`, top-level actions, and `<field>-<action>` nested in context objects. */
export function formsOf(body: unknown): IdxForm[] {
  const b = obj(body);
  const out: IdxForm[] = [];
  for (const r of Array.isArray(obj(b.remediation).value) ? b.remediation.value : []) {
    if (isForm(r)) out.push(toForm(r, r.name, 'remediation'));
  }
  for (const [key, value] of Object.entries(b)) {
    if (key === 'remediation') continue;
    // `successWithInteractionCode` is named `issue`; auth-js keys actions by their field name.
    if (isForm(value)) out.push(toForm(value, key, 'action'));
    const inner = obj(obj(value).value);
    for (const [sub, action] of Object.entries(inner)) if (isForm(action)) out.push(toForm(action, `${key}-${sub}`, 'action'));
  }
  return out;
}

/** Every distinct stateHandle value a response issues: top level and inside any form (okta-idx.md §1.5 step 1). */
export function handlesOf(body: unknown): string[] {
  const found = new Set<string>();
  const top = str(obj(body).stateHandle);
  if (top) found.add(top);
  const visit = (node: unknown, depth: number) => {
    if (depth > 8 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    const n = node as Json;
    if (n.name === 'stateHandle' && typeof n.value === 'string' && n.value) found.add(n.value);
    for (const v of Object.values(n)) visit(v, depth + 1);
  };
  visit(obj(body).remediation, 0);
  for (const [key, value] of Object.entries(obj(body))) if (key !== 'remediation' && key !== 'messages') visit(value, 0);
  return [...found];
}

/** Top-level messages and the field-level ones inside remediation forms. */
export function messagesOf(body: unknown): IdxMessage[] {
  const b = obj(body);
  const read = (list: unknown, field: boolean): IdxMessage[] =>
    (Array.isArray(obj(list).value) ? obj(list).value : []).map((m: unknown) => ({ key: str(obj(obj(m).i18n).key), class: str(obj(m).class), field }));
  const out = read(b.messages, false);
  const visit = (node: unknown, depth: number) => {
    if (depth > 10 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === 'messages') out.push(...read(v, true));
      else visit(v, depth + 1);
    }
  };
  visit(b.remediation, 0);
  return out;
}

/** okta-idx.md §1.8: success, terminal (no remediation, no success), rejected-and-re-offered, pending. */
export function classify(body: unknown, httpStatus: number | null): IdxResponseClass {
  if (!isIdxDocument(body)) return httpStatus === null ? 'NONE' : 'ERROR';
  const b = obj(body);
  if (isForm(b.successWithInteractionCode)) return 'SUCCESS_PENDING_EXCHANGE';
  if (isForm(b.success)) return 'SUCCESS_REDIRECT';
  const remediations = Array.isArray(obj(b.remediation).value) && b.remediation.value.length > 0;
  const rejected = httpStatus !== null && httpStatus >= 400;
  if (remediations) return rejected ? 'REJECTED_RETRY' : 'PENDING';
  // A rate limit or server error says nothing about the transaction: the previous offer stands.
  if (httpStatus === 429 || (httpStatus !== null && httpStatus >= 500)) return 'ERROR';
  return messagesOf(b).some((m) => m.class === 'ERROR') ? 'TERMINAL_ERROR' : 'TERMINAL_INFO';
}

/** The timeline's state label: the remediation names offered, or the class when none is. */
export function stateLabel(cls: IdxResponseClass, remediations: readonly string[]): string {
  if ((cls === 'PENDING' || cls === 'REJECTED_RETRY') && remediations.length > 0) return remediations.join(',');
  return cls;
}
