import type { Rule } from '../../../model/rule.js';
import { idxCallbackStateMismatch } from './idx-callback-state-mismatch.js';
import { idxCredentialGuessing } from './idx-credential-guessing.js';
import { idxDeviceStepUp } from './idx-device-step-up.js';
import { idxEngineMixing } from './idx-engine-mixing.js';
import { idxExpiredHandle } from './idx-expired-handle.js';
import { idxHandleAfterEnd } from './idx-handle-after-end.js';
import { idxImmutableFieldChanged } from './idx-immutable-field-changed.js';
import { idxInteractionCodeLate } from './idx-interaction-code-late.js';
import { idxInteractionCodeReuse } from './idx-interaction-code-reuse.js';
import { idxInteractionCodeUnknown } from './idx-interaction-code-unknown.js';
import { idxOtpReused } from './idx-otp-reused.js';
import { idxPkceMissing } from './idx-pkce-missing.js';
import { idxPollTooFast } from './idx-poll-too-fast.js';
import { idxRemediationNotOffered } from './idx-remediation-not-offered.js';
import { idxResetCommittedBeforeMfa } from './idx-reset-committed-before-mfa.js';
import { idxResetWithoutVerification } from './idx-reset-without-verification.js';
import { idxStaleHandle } from './idx-stale-handle.js';
import { idxSuccessRedirectReuse } from './idx-success-redirect-reuse.js';

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
  idxPkceMissing,
  idxPollTooFast,
  idxRemediationNotOffered,
  idxResetCommittedBeforeMfa,
  idxResetWithoutVerification,
  idxStaleHandle,
  idxSuccessRedirectReuse,
];
