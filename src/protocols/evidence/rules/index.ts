import type { Rule } from '../../../model/rule.js';
import { secretExposed } from './secret-exposed.js';

/** Rules about the evidence itself, whatever its protocol (`meta.protocol` is `*`). */
export const EVIDENCE_RULES: readonly Rule[] = [secretExposed];
