import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW } from '../../scripts/har-record.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'har');

/**
 * Every clear secret of a recorded flow (playwright.har, or chrome-cdp.har which is a separate recording): what the page typed (FLOW) and the tokens the mock org issued,
 * read from the recording's bodies. Knowledge secrets are matched as JSON strings ("PWPWPW"): short
 * values also occur inside unrelated text.
 */
export function recordedSecrets(recording = 'playwright.har'): string[] {
  const text = readFileSync(join(DIR, recording), 'utf8');
  const tokens = new Set<string>();
  for (const m of text.matchAll(/\\"(stateToken|recoveryToken|sessionToken)\\":\\"([^"\\]+)\\"/g)) tokens.add(m[2]);
  if (tokens.size < 3) throw new Error(`${recording} holds fewer tokens than the flow issues: regenerate it`);
  return [...tokens, FLOW.answer, FLOW.apiToken, FLOW.cookie.split('=')[1], `"${FLOW.newPassword}"`, `"${FLOW.passCode}"`];
}
