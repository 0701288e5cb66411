/**
 * Stores a recorded JSON body as it came, with redaction applied to its text, instead of re-serialising the
 * parsed and redacted copy (JSON.stringify of every body was the largest single cost of the recorder's worker).
 * The redactor notes each value it replaced in the parsed copy; the text gets the same replacements only where
 * that is provably the same document, otherwise the caller falls back to JSON.stringify.
 */

/** What redaction changed in one parsed body: each clear string, what replaced it, and how many times. */
export class BodyJournal {
  readonly changes = new Map<string, { to: string; count: number }>();
  /** Something other than one string for another changed (a number masked, a subtree cut): only a re-serialisation is sure. */
  unsafe = false;

  note(from: unknown, to: unknown): void {
    if (typeof from !== 'string' || typeof to !== 'string') {
      this.unsafe = true;
      return;
    }
    const seen = this.changes.get(from);
    if (!seen) this.changes.set(from, { to, count: 1 });
    else if (seen.to !== to) this.unsafe = true;
    else seen.count++;
  }
}

/**
 * `json` (the text the body was parsed from) with the journal's replacements, or null when that cannot be
 * shown to parse to the redacted body. Sure when the text has no backslash (every string is then spelled
 * literally and every `"` delimits one), the clear value needs no escape and does not start with what may
 * follow a closing quote (so a match is a whole string token), and the value occurs as a token exactly as
 * often as redaction replaced it (so no key or untouched value shares it).
 */
export function patchBodyText(json: string, journal: BodyJournal): string | null {
  if (journal.unsafe) return null;
  if (journal.changes.size === 0) return json;
  if (json.includes('\\')) return null;
  const edits: { at: number; length: number; text: string }[] = [];
  for (const [from, { to, count }] of journal.changes) {
    const needle = JSON.stringify(from);
    if (needle.length !== from.length + 2 || FOLLOWS_STRING.test(from)) return null;
    let found = 0;
    for (let at = json.indexOf(needle); at >= 0; at = json.indexOf(needle, at + needle.length)) {
      if (++found > count) return null;
      edits.push({ at, length: needle.length, text: JSON.stringify(to) });
    }
    if (found !== count) return null;
  }
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += json.slice(from, edit.at) + edit.text;
    from = edit.at + edit.length;
  }
  return out + json.slice(from);
}

/** What JSON allows right after a closing quote: a value starting so could be matched across two strings. */
const FOLLOWS_STRING = /^(?:$|[\s,:}\]])/;
