import Database from 'better-sqlite3';
const db = new Database('/tmp/an1m/analyze-1000000.db', { readonly: true });
const COLS = 'id, capture_id, seq, grp, label, method, url, request_headers, request_body, response_status, response_headers, response_body, transport_error, started_at, duration_ms, source_kind, source_ref, evidence, notes';
const mode = process.argv[2];
const t = performance.now();
let n = 0;
if (mode === 'cur') {
  for (const r of db.prepare(`SELECT ${COLS} FROM exchanges WHERE capture_id = ? ORDER BY seq`).raw().iterate(1)) {
    const e = { id: r[0], captureId: r[1], seq: r[2], group: r[3], label: r[4] ?? undefined, method: r[5], url: r[6], requestHeaders: JSON.parse(r[7]), requestBody: r[8] === null ? null : JSON.parse(r[8]), responseStatus: r[9], responseHeaders: JSON.parse(r[10]), responseBody: r[11] === null ? null : JSON.parse(r[11]), transportError: r[12], startedAt: r[13], durationMs: r[14], sourceKind: r[15], sourceRef: r[16], evidence: JSON.parse(r[17]), notes: r[18] ? JSON.parse(r[18]) : undefined };
    n++;
  }
} else if (mode === 'concat') {
  const J = `'[' || request_headers || ',' || coalesce(request_body, 'null') || ',' || response_headers || ',' || coalesce(response_body, 'null') || ',' || evidence || ',' || coalesce(notes, 'null') || ']'`;
  for (const r of db.prepare(`SELECT id, capture_id, seq, grp, label, method, url, response_status, transport_error, started_at, duration_ms, source_kind, source_ref, ${J} FROM exchanges WHERE capture_id = ? ORDER BY seq`).raw().iterate(1)) {
    const j = JSON.parse(r[13]);
    const e = { id: r[0], captureId: r[1], seq: r[2], group: r[3], label: r[4] ?? undefined, method: r[5], url: r[6], requestHeaders: j[0], requestBody: j[1], responseStatus: r[7], responseHeaders: j[2], responseBody: j[3], transportError: r[8], startedAt: r[9], durationMs: r[10], sourceKind: r[11], sourceRef: r[12], evidence: j[4], notes: j[5] ?? undefined };
    n++;
  }
} else if (mode === 'concatnoparse') {
  const J = `'[' || request_headers || ',' || coalesce(request_body, 'null') || ',' || response_headers || ',' || coalesce(response_body, 'null') || ',' || evidence || ',' || coalesce(notes, 'null') || ']'`;
  for (const r of db.prepare(`SELECT id, capture_id, seq, grp, label, method, url, response_status, transport_error, started_at, duration_ms, source_kind, source_ref, ${J} FROM exchanges WHERE capture_id = ? ORDER BY seq`).raw().iterate(1)) n++;
} else if (mode === 'curnoparse') {
  for (const r of db.prepare(`SELECT ${COLS} FROM exchanges WHERE capture_id = ? ORDER BY seq`).raw().iterate(1)) n++;
} else if (mode === 'all1') {
  const J = `'[' || id || ',' || capture_id || ',' || seq || ',' || json_quote(grp) || ',' || json_quote(label) || ',' || json_quote(method) || ',' || json_quote(url) || ',' || request_headers || ',' || coalesce(request_body, 'null') || ',' || coalesce(response_status,'null') || ',' || response_headers || ',' || coalesce(response_body, 'null') || ',' || json_quote(transport_error) || ',' || json_quote(started_at) || ',' || coalesce(duration_ms,'null') || ',' || json_quote(source_kind) || ',' || json_quote(source_ref) || ',' || evidence || ',' || coalesce(notes, 'null') || ']'`;
  for (const [s] of db.prepare(`SELECT ${J} FROM exchanges WHERE capture_id = ? ORDER BY seq`).raw().iterate(1)) { const r = JSON.parse(s); n++; }
} else if (mode === 'chunk') {
  // many rows in one string
  const J = `'[' || id || ',' || capture_id || ',' || seq || ',' || json_quote(grp) || ',' || json_quote(label) || ',' || json_quote(method) || ',' || json_quote(url) || ',' || request_headers || ',' || coalesce(request_body, 'null') || ',' || coalesce(response_status,'null') || ',' || response_headers || ',' || coalesce(response_body, 'null') || ',' || json_quote(transport_error) || ',' || json_quote(started_at) || ',' || coalesce(duration_ms,'null') || ',' || json_quote(source_kind) || ',' || json_quote(source_ref) || ',' || evidence || ',' || coalesce(notes, 'null') || ']'`;
  const st = db.prepare(`SELECT '[' || group_concat(j, ',') || ']' FROM (SELECT ${J} AS j FROM exchanges WHERE capture_id = ? AND seq >= ? AND seq < ? ORDER BY seq)`).pluck();
  for (let s = 0; s < 260000; s += 1000) { const t = st.get(1, s, s + 1000); if (t) n += JSON.parse(t).length; }
}
const u = process.cpuUsage();
console.log(mode, Math.round(performance.now() - t), 'ms', n, 'cpu', Math.round((u.user + u.system) / 1000));
