import type { Rule } from '../../../model/rule.js';
import { samlAssertionExpired } from './saml-assertion-expired.js';
import { samlDestinationMismatch } from './saml-destination-mismatch.js';
import { samlUnknownRequest } from './saml-unknown-request.js';

/** The SAML rules, sorted by id. */
export const SAML_RULES: readonly Rule[] = [samlAssertionExpired, samlDestinationMismatch, samlUnknownRequest];
