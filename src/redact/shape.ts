import type { PasswordShape } from '../model/exchange.js';

/** Profile values seen so far in a capture, by attribute name, to tell whether a password contains them. */
export type ProfileHints = Map<string, string>;

/** Records the profile values of an Okta response or request that a password policy may exclude. */
export function collectProfileHints(hints: ProfileHints, body: unknown): void {
  if (!body || typeof body !== 'object') return;
  const b = body as Record<string, any>;
  if (typeof b.username === 'string') addLogin(hints, b.username);
  const profile = b._embedded?.user?.profile;
  if (profile && typeof profile === 'object') {
    if (typeof profile.login === 'string') addLogin(hints, profile.login);
    for (const attr of ['firstName', 'lastName']) {
      if (typeof profile[attr] === 'string' && !/\*|…/.test(profile[attr])) hints.set(attr, profile[attr]);
    }
  }
}

function addLogin(hints: ProfileHints, login: string): void {
  if (login.includes('*') || login.includes('…')) return;
  hints.set('login', login);
  const local = login.split('@')[0];
  if (local && local !== login) hints.set('username', local);
}

/** Length and character classes of a password, and which profile values it contains (case-insensitive). */
export function passwordShape(field: string, password: string, hints: ProfileHints): PasswordShape {
  const lower = password.toLowerCase();
  const contains: string[] = [];
  for (const [name, value] of hints) if (value.length >= 3 && lower.includes(value.toLowerCase())) contains.push(name);
  return {
    field,
    length: [...password].length,
    lower: count(password, /\p{Ll}/gu),
    upper: count(password, /\p{Lu}/gu),
    digits: count(password, /\p{Nd}/gu),
    symbols: count(password, /[^\p{L}\p{Nd}]/gu),
    contains,
  };
}

/** Characters (code points) of `text` in the class `re` (global, unicode). */
function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}
