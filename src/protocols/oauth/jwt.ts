/** The claims of a JWT as stored (`header.claims.` plus a fingerprint: redaction drops the signature), or null. */
export function jwtClaims(value: string | null): Record<string, unknown> | null {
  if (!value || !value.startsWith('eyJ')) return null;
  const parts = value.split('.');
  if (parts.length < 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
