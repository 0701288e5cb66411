/**
 * What authtrail keeps of one SAML message after ingest: the routing and timing fields the checks compare,
 * never the assertion, its attributes or its signature. Decoded from the clear message before redaction
 * replaces SAMLRequest/SAMLResponse with a fingerprint.
 */
export interface SamlMessage {
  /** The parameter that carried it. */
  param: 'SAMLRequest' | 'SAMLResponse';
  /** `redirect` (deflated, in the query), `post` (base64 in a form), `tracer` (decoded by the browser extension). */
  binding: 'redirect' | 'post' | 'tracer';
  /** Root element's local name: `AuthnRequest`, `Response`, `LogoutRequest`, `LogoutResponse`; null when undecoded. */
  type: string | null;
  /** Why the message could not be read (masked value, not base64, not XML, a DTD), else null. */
  undecoded: string | null;
  id: string | null;
  inResponseTo: string | null;
  issuer: string | null;
  destination: string | null;
  issueInstant: string | null;
  /** AuthnRequest's AssertionConsumerServiceURL: where the IdP is asked to post the response. */
  acsUrl: string | null;
  /** Status code's last segment, with the second-level code after a slash: `Success`, `Responder/AuthnFailed`. */
  status: string | null;
  /** The earliest NotOnOrAfter of the assertion (Conditions, SubjectConfirmationData). */
  notOnOrAfter: string | null;
  notBefore: string | null;
  audience: string | null;
  /** SubjectConfirmationData's Recipient: the ACS URL the assertion is meant for. */
  recipient: string | null;
  /** NameID masked to its first characters (`ma***@email.com`). */
  nameId: string | null;
  /** A ds:Signature on the message or its assertion (kept as a flag only). */
  signed: boolean;
  /** The assertion is encrypted: its conditions cannot be read. */
  encrypted: boolean;
}

/** A SAML step's data: the message, and the step of its transaction that this one answers (by InResponseTo). */
export interface SamlStep extends SamlMessage {
  answersStep: number | null;
}
