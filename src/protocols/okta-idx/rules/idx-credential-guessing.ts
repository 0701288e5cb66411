import type { Rule } from '../../../model/rule.js';
import type { Step } from '../../../model/transaction.js';
import { idx } from '../chain.js';

/** Message keys of a wrong passcode, password or answer (widget fixtures, okta-idx.md §1.7). */
const WRONG = /PASSCODE_INVALID|incorrectPassword|answer_invalid|E0000004|invalid_passcode/i;
const LOCKED = /suspended_factor|too_many|tooManyAttempts|locked/i;
/** Rejected answers in one chain before they read as guessing. */
const GUESS_THRESHOLD = 3;

function rejected(step: Step): boolean {
  const data = idx(step);
  if (data.deviceStepUp || step.httpStatus === null || step.httpStatus < 400) return false;
  return data.messages.some((m) => m.class === 'ERROR' && WRONG.test(m.key ?? '')) || (step.httpStatus === 401 && /challenge\/answer$/i.test(step.exchange.url.replace(/[?#].*$/, '')) && !data.messages.some((m) => m.key === 'idx.session.expired'));
}

export const idxCredentialGuessing: Rule = {
  meta: {
    id: 'idx-credential-guessing',
    severity: 'medium',
    summary: 'repeated rejected IDX challenge answers, a suspended authenticator or a rate limit in one chain',
    rationale:
      'Several wrong passcodes, passwords or answers in one transaction, an authenticator suspended for too many attempts, or HTTP 429 are the signs of guessing (or of a client resubmitting a bad value in a loop).',
    basis: 'sdk',
    docs: 'docs/rules/idx-credential-guessing.md',
    protocol: 'okta-idx',
    messages: {
      repeatedRejections: '{count} challenge answers were rejected in this transaction by step {step} ({keys}): repeated wrong credentials.',
      lockedOut: 'The server suspended the authenticator at step {step} ({keys}) after repeated wrong answers.',
      rateLimited: 'The server rate-limited the transaction at step {step} (HTTP {status}{keys}).',
      acrossChains: '{count} challenge answers for {login} were rejected across {chains} transactions by this step ({keys}): repeated wrong credentials spread over restarted transactions.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let count = 0;
        for (const step of tx.steps) {
          const keys = idx(step).messages.filter((m) => m.class === 'ERROR').map((m) => m.key ?? '?');
          if (step.httpStatus === 429 || keys.includes('tooManyRequests')) {
            context.report({ transaction: tx, step, messageId: 'rateLimited', data: { step: step.step, status: step.httpStatus ?? '', keys: keys.length ? `, ${keys.join(', ')}` : '' }, evidence: { httpStatus: step.httpStatus, keys } });
            continue;
          }
          if (keys.some((k) => LOCKED.test(k))) {
            context.report({ transaction: tx, step, messageId: 'lockedOut', severity: 'high', data: { step: step.step, keys: keys.join(', ') }, evidence: { httpStatus: step.httpStatus, keys } });
            continue;
          }
          if (!rejected(step)) continue;
          count += 1;
          if (count === GUESS_THRESHOLD) {
            context.report({ transaction: tx, step, messageId: 'repeatedRejections', data: { count, step: step.step, keys: keys.join(', ') || `HTTP ${step.httpStatus}` }, evidence: { rejections: count, threshold: GUESS_THRESHOLD, keys } });
          }
        }
      },
      // Restarting the transaction resets a per-chain count: the same identifier across chains is counted too.
      unit(unit) {
        const byLogin = new Map<string, { count: number; chains: Set<string> }>();
        const counted = new Set<string>();
        for (const { tx, step } of unit) {
          const login = tx.user.login;
          if (!login || !rejected(step)) continue;
          const entry = byLogin.get(login) ?? { count: 0, chains: new Set<string>() };
          byLogin.set(login, entry);
          entry.count += 1;
          entry.chains.add(tx.id);
          if (entry.count < GUESS_THRESHOLD || entry.chains.size < 2 || counted.has(login)) continue;
          counted.add(login);
          const keys = idx(step).messages.filter((m) => m.class === 'ERROR').map((m) => m.key ?? '?');
          context.report({ transaction: tx, step, messageId: 'acrossChains', data: { count: entry.count, login, chains: entry.chains.size, keys: keys.join(', ') || `HTTP ${step.httpStatus}` }, evidence: { rejections: entry.count, transactions: [...entry.chains], threshold: GUESS_THRESHOLD } });
        }
      },
    };
  },
};
