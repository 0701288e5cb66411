import type { Step } from '../../model/transaction.js';
import { requestKeys } from '../common/body.js';
import { operationInfo } from './operations.js';

/** A call that may set the password: reset, change, or primary authentication with an activation token. */
export function setsPassword(step: Step): boolean {
  if (operationInfo(step.operation).setsPassword) return true;
  return step.operation === 'primary' && requestKeys(step).includes('token');
}
