import type { Rule } from '../../../model/rule.js';

/** The Identity Engine rules (okta-idx.md §2, IDX-01 … IDX-18), sorted by id. Adding one is one import and one line. */
export const IDX_RULES: readonly Rule[] = [];
