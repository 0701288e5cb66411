import type { Rule } from '../../../model/rule.js';
import { idxResetWithoutVerification } from './idx-reset-without-verification.js';
import { idxCredentialGuessing } from './idx-credential-guessing.js';
import { idxInteractionCodeReuse } from './idx-interaction-code-reuse.js';
import { idxExpiredHandle } from './idx-expired-handle.js';
import { idxPkceMissing } from './idx-pkce-missing.js';
import { idxDeviceStepUp } from './idx-device-step-up.js';
import { idxImmutableFieldChanged } from './idx-immutable-field-changed.js';
import { idxStaleHandle } from './idx-stale-handle.js';
import { idxInteractionCodeUnknown } from './idx-interaction-code-unknown.js';
import { idxSuccessRedirectReuse } from './idx-success-redirect-reuse.js';
import { idxInteractionCodeLate } from './idx-interaction-code-late.js';
import { idxOtpReused } from './idx-otp-reused.js';
import { idxEngineMixing } from './idx-engine-mixing.js';
import { idxPollTooFast } from './idx-poll-too-fast.js';
import { idxCallbackStateMismatch } from './idx-callback-state-mismatch.js';
import { idxHandleAfterEnd } from './idx-handle-after-end.js';
import { idxRemediationNotOffered } from './idx-remediation-not-offered.js';
import { idxPasswordCommittedBeforeMfa } from './idx-password-committed-before-mfa.js';

/** The Identity Engine rules (okta-idx.md §2, IDX-01 … IDX-18), sorted by id. Adding one is one import and one line. */
export const IDX_RULES: readonly Rule[] = [
  idxCallbackStateMismatch,
  idxCredentialGuessing,
  idxDeviceStepUp,
  idxEngineMixing,
  idxExpiredHandle,
  idxHandleAfterEnd,
  idxImmutableFieldChanged,
  idxInteractionCodeLate,
  idxInteractionCodeReuse,
  idxInteractionCodeUnknown,
  idxOtpReused,
  idxPasswordCommittedBeforeMfa,
  idxPkceMissing,
  idxPollTooFast,
  idxRemediationNotOffered,
  idxResetWithoutVerification,
  idxStaleHandle,
  idxSuccessRedirectReuse,
];
