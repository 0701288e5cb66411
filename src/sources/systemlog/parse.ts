import { InputError } from '../../model/errors.js';
import type { RawSystemLogEvent } from '../../model/systemlog.js';
import { cutDeep } from '../../http/json.js';

/**
 * Okta System Log exports come in two shapes: the `/api/v1/logs` response body (a JSON array of LogEvent
 * objects) and one event per line, as Okta's log streaming, the API's paging scripts and SIEM exporters
 * write them. Both are read whole: a System Log file is events, never a mix with something else.
 */
export function parseSystemLog(file: string, text: string): RawSystemLogEvent[] {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  const events = trimmed.startsWith('[') ? fromArray(file, body) : fromLines(file, body);
  if (events.length === 0) throw new InputError(`${file}: holds no System Log event; export events from /api/v1/logs (a JSON array or one event per line)`, file);
  events.forEach((e) => checkEvent(file, e));
  return events;
}

function fromArray(file: string, text: string): RawSystemLogEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message}); export the System Log again, as a JSON array or one event per line`, file);
  }
  if (!Array.isArray(parsed)) throw new InputError(`${file}: expected a JSON array of System Log events`, file);
  return parsed.map((event, i) => ({ event: asObject(file, event, `${file}#[${i}]`), sourceRef: `${file}#[${i}]` }));
}

function fromLines(file: string, text: string): RawSystemLogEvent[] {
  const events: RawSystemLogEvent[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const ref = `${file}:${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new InputError(`${ref}: not a JSON event (${(error as Error).message}); a System Log file holds one JSON event per line or a JSON array`, file);
    }
    events.push({ event: asObject(file, parsed, ref), sourceRef: ref });
  }
  return events;
}

function asObject(file: string, value: unknown, ref: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${ref}: not a System Log event (expected a JSON object with uuid, published and eventType)`, file);
  }
  // Events are a few levels deep; a hostile file must not make later walks recurse without bound.
  cutDeep(value);
  return value as Record<string, unknown>;
}

/** Every event needs the three fields the join and the timeline show; say which is missing where. */
function checkEvent(file: string, { event, sourceRef }: RawSystemLogEvent): void {
  for (const field of ['uuid', 'published', 'eventType'] as const) {
    if (typeof event[field] !== 'string' || event[field] === '') {
      throw new InputError(`${sourceRef}: System Log event without ${field}; is this an Okta /api/v1/logs export?`, file);
    }
  }
}

/**
 * Whether the first characters of a file look like System Log events: a JSON array or a JSON line whose first
 * object carries `eventType` and `published` plus `uuid` or `debugContext` (the LogEvent fields every event has).
 */
export function looksLikeSystemLog(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (!/^\[?\s*\{/.test(text)) return false;
  if (/^\{\s*"log"\s*:/.test(text)) return false;
  return /"eventType"\s*:/.test(text) && /"published"\s*:/.test(text) && /"(uuid|debugContext)"\s*:/.test(text);
}
