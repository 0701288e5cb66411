import type { PasswordShape } from '../../../model/exchange.js';
import type { Rule } from '../../../model/rule.js';
import { get, isObject, isOk, responseBody } from '../../common/body.js';

/** Request fields that carry a new password (activation sets `password`... through the same policy). */
const NEW_PASSWORD_FIELDS = ['newPassword'];
const USERNAME_NAMES = ['login', 'username', 'email'];

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Each complexity rule the shape breaks, in words (`length 6 < minLength 10`). */
export function violations(shape: PasswordShape, complexity: Record<string, unknown>): string[] {
  const out: string[] = [];
  const checks: [string, number][] = [
    ['minLength', shape.length],
    ['minLowerCase', shape.lower],
    ['minUpperCase', shape.upper],
    ['minNumber', shape.digits],
    ['minSymbol', shape.symbols],
  ];
  const names: Record<string, string> = { minLength: 'length', minLowerCase: 'lower-case', minUpperCase: 'upper-case', minNumber: 'digits', minSymbol: 'symbols' };
  for (const [key, have] of checks) {
    const min = num(complexity[key]);
    if (min !== null && min > 0 && have < min) out.push(`${names[key]} ${have} < ${key} ${min}`);
  }
  if (complexity.excludeUsername === true) {
    const hit = shape.contains.filter((c) => USERNAME_NAMES.includes(c));
    if (hit.length > 0) out.push(`contains the ${hit[0]} (excludeUsername)`);
  }
  const excluded = Array.isArray(complexity.excludeAttributes) ? complexity.excludeAttributes.filter((a): a is string => typeof a === 'string') : [];
  for (const attr of excluded) if (shape.contains.includes(attr)) out.push(`contains ${attr} (excludeAttributes)`);
  return out;
}

export const policyViolationAccepted: Rule = {
  meta: {
    id: 'policy-violation-accepted',
    severity: 'medium',
    summary: 'a new password visible in the evidence violates the advertised complexity policy, and the server answered 2xx',
    rationale:
      'Okta advertises the password policy in _embedded.policy.complexity and documents 403 E0000080 for a password that breaks it. A 2xx for such a password means the advertised policy is not the one enforced, or the evidence mixes attempts.',
    basis: 'documented',
    docs: 'docs/rules/policy-violation-accepted.md',
    protocol: 'okta-authn',
    messages: {
      accepted:
        'The new password ({shape}) breaks the policy advertised at step {policyStep} ({violations}), yet {operation} answered {httpStatus}. Okta documents 403 E0000080 for such a password: either the enforced policy differs from the advertised one or this response belongs to another attempt. (The password is in clear in the evidence: see secret-exposed.)',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // The last step that advertised a policy, carried along (a scan back per step was quadratic).
        let advertised: (typeof tx.steps)[number] | null = null;
        tx.steps.forEach((step) => {
          const policyStep = advertised;
          if (isObject(get(responseBody(step), '_embedded.policy.complexity'))) advertised = step;
          if (!isOk(step)) return;
          const shapes = (step.exchange.evidence?.passwords ?? []).filter((p) => NEW_PASSWORD_FIELDS.includes(p.field));
          if (shapes.length === 0) return;
          const complexity = policyStep ? (get(responseBody(policyStep), '_embedded.policy.complexity') as Record<string, unknown>) : null;
          if (!policyStep || !complexity) return;
          for (const shape of shapes) {
            const broken = violations(shape, complexity);
            if (broken.length === 0) continue;
            const described = `length ${shape.length}, ${shape.lower} lower, ${shape.upper} upper, ${shape.digits} digits, ${shape.symbols} symbols`;
            context.report({
              transaction: tx,
              step,
              messageId: 'accepted',
              data: { shape: described, policyStep: policyStep.step, violations: broken.join('; '), operation: step.operation, httpStatus: step.httpStatus ?? '' },
              evidence: {
                field: shape.field,
                password: { length: shape.length, lower: shape.lower, upper: shape.upper, digits: shape.digits, symbols: shape.symbols, contains: shape.contains },
                policy: complexity,
                policyStep: policyStep.step,
                violations: broken,
              },
            });
          }
        });
      },
    };
  },
};
