/**
 * Forward-only schema migrations. `PRAGMA user_version` holds how many have run; each entry moves the
 * schema one version on. Never edit a released entry: append a new one.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    source_kind TEXT NOT NULL,
    file TEXT NOT NULL,
    content_hash TEXT,
    created_at TEXT NOT NULL,
    raw INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX captures_hash ON captures(content_hash);
  CREATE TABLE exchanges (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    grp TEXT NOT NULL,
    label TEXT,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    request_body TEXT,
    response_status INTEGER,
    response_headers TEXT NOT NULL,
    response_body TEXT,
    transport_error TEXT,
    started_at TEXT,
    duration_ms REAL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    evidence TEXT NOT NULL,
    notes TEXT
  );
  CREATE INDEX exchanges_capture ON exchanges(capture_id, seq);
  `,
  // 2: calls to the Okta org that the capture saw but did not read (outside --include): pattern → count.
  `ALTER TABLE captures ADD COLUMN unread TEXT;`,
  // 3: Okta System Log events (issue 14): the redacted event as JSON, with the fields the join and lists use.
  `
  CREATE TABLE system_log_events (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    uuid TEXT NOT NULL,
    published TEXT NOT NULL,
    event_type TEXT NOT NULL,
    request_id TEXT,
    event TEXT NOT NULL,
    source_ref TEXT NOT NULL
  );
  CREATE INDEX system_log_events_capture ON system_log_events(capture_id, seq);
  CREATE INDEX system_log_events_request ON system_log_events(request_id);
  `,
  // 4: a unit of evidence (capture + group) read on its own, in seq order (the parallel analysis, see Store.unitExchanges).
  `CREATE INDEX exchanges_group ON exchanges(capture_id, grp, seq);`,
  // 5: what a capture's evidence lacks because the file was cut short (`--partial`): one line for the verdict.
  `ALTER TABLE captures ADD COLUMN incomplete TEXT;`,
  // 6: the secrets in clear in the calls to the Okta org a capture did not keep (see Capture.unreadExposures).
  `ALTER TABLE captures ADD COLUMN unread_exposures TEXT;`,
  // 7: the units of evidence a capture's import found but could not read (see Capture.unreadUnits).
  `ALTER TABLE captures ADD COLUMN unread_units TEXT;`,
];
