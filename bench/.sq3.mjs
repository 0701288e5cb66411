import Database from 'better-sqlite3';
const db = new Database('/tmp/an1m/analyze-1000000.db', { readonly: true });
const COLS = 'id, capture_id, seq, grp, label, method, url, request_headers, request_body, response_status, response_headers, response_body, transport_error, started_at, duration_ms, source_kind, source_ref, evidence, notes';
const GROUPED = `WITH firsts AS (SELECT grp, MIN(seq) AS first FROM exchanges WHERE capture_id = @capture GROUP BY grp),
  ordered AS MATERIALIZED (SELECT e.id, f.first, f.grp, e.seq FROM exchanges e JOIN firsts f ON f.grp = e.grp WHERE e.capture_id = @capture ORDER BY f.first, f.grp, e.seq, e.id)
  SELECT ${COLS.split(', ').map((c) => `x.${c}`).join(', ')} FROM ordered o CROSS JOIN exchanges x ON x.id = o.id ORDER BY o.first, o.grp, o.seq, o.id`;
function time(label, fn) { const t = performance.now(); const n = fn(); console.log(label, (performance.now() - t).toFixed(0), 'ms', n); }
for (let i = 0; i < 2; i++) {
time('grouped', () => { let n = 0; for (const r of db.prepare(GROUPED).raw().iterate({ capture: 1 })) n++; return n; });
time('per unit', () => { let n = 0; const units = db.prepare('SELECT grp, MIN(seq) AS first FROM exchanges WHERE capture_id = ? GROUP BY grp ORDER BY first, grp').raw().all(1); const st = db.prepare(`SELECT ${COLS} FROM exchanges WHERE capture_id = ? AND grp = ? ORDER BY seq, id`).raw(); for (const [g] of units) for (const r of st.iterate(1, g)) n++; return n; });
time('per unit all()', () => { let n = 0; const units = db.prepare('SELECT grp, MIN(seq) AS first FROM exchanges WHERE capture_id = ? GROUP BY grp ORDER BY first, grp').raw().all(1); const st = db.prepare(`SELECT ${COLS} FROM exchanges WHERE capture_id = ? AND grp = ? ORDER BY seq, id`).raw(); for (const [g] of units) n += st.all(1, g).length; return n; });
time('seq', () => { let n = 0; for (const r of db.prepare(`SELECT ${COLS} FROM exchanges WHERE capture_id = ? ORDER BY seq`).raw().iterate(1)) n++; return n; });
}
