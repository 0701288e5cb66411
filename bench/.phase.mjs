// src/store/store.ts
import { chmodSync, closeSync, existsSync, openSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";

// src/model/errors.ts
var InputError = class extends Error {
  constructor(message, input) {
    super(message);
    this.input = input;
    this.name = "InputError";
  }
  input;
};

// src/model/notices.ts
var sink = null;
function notice(text) {
  sink?.(text);
}

// src/store/migrations.ts
var MIGRATIONS = [
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
  `CREATE INDEX exchanges_group ON exchanges(capture_id, grp, seq);`
];

// src/store/systemlog-rows.ts
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : {};
var str = (v) => typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null;
function requestIdOf(event) {
  return str(obj(obj(event.debugContext).debugData).requestId);
}
function threat(value) {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return null;
}
function summarize(event) {
  const outcome = obj(event.outcome);
  const actor = obj(event.actor);
  const client = obj(event.client);
  return {
    uuid: str(event.uuid) ?? "",
    published: str(event.published) ?? "",
    eventType: str(event.eventType) ?? "",
    requestId: requestIdOf(event),
    outcome: { result: str(outcome.result), reason: str(outcome.reason) },
    threatSuspected: threat(obj(obj(event.debugContext).debugData).threatSuspected),
    severity: str(event.severity),
    displayMessage: str(event.displayMessage),
    actor: str(actor.alternateId) ?? str(actor.displayName),
    client: { ipAddress: str(client.ipAddress), userAgent: str(obj(client.userAgent).rawUserAgent) }
  };
}
function toSystemLogEvent(r) {
  return { id: r.id, captureId: r.capture_id, seq: r.seq, sourceRef: r.source_ref, ...summarize(JSON.parse(r.event)) };
}

// src/store/store.ts
var Store = class {
  constructor(path) {
    this.path = path;
    this.created = path !== ":memory:" && !existsSync(path);
    if (path !== ":memory:") prepareFile(path);
    try {
      this.db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      if (this.created || path === ":memory:") this.db.pragma("page_size = 16384");
      whileBusy(() => this.db.pragma("journal_mode = WAL"));
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("synchronous = NORMAL");
      this.migrate();
    } catch (error) {
      const message = error.message;
      throw new InputError(`${path}: not an authtrail database (${message}); give another path with --db`, path);
    }
  }
  path;
  db;
  /** true when this Store created the file: a failed first import removes it again (see discard()). */
  created;
  /**
   * Brings the schema up to date in one write transaction: the version is read under the write lock, so
   * two processes opening a new file at once do not both create the tables (the second sees them done).
   */
  migrate() {
    const current = () => this.db.pragma("user_version", { simple: true });
    if (current() === MIGRATIONS.length) return;
    this.db.transaction(() => {
      const version = current();
      if (version > MIGRATIONS.length) {
        throw new Error(`schema version ${version} is newer than this authtrail (${MIGRATIONS.length}); upgrade authtrail`);
      }
      if (version > 0 && this.db.prepare("SELECT EXISTS (SELECT 1 FROM exchanges) AS x").get().x === 1) {
        notice(`authtrail: ${this.path}: updating the database from schema version ${version} to ${MIGRATIONS.length} (once; a large database takes a while)`);
      }
      for (let v = version; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    }).immediate();
  }
  get schemaVersion() {
    return this.db.pragma("user_version", { simple: true });
  }
  insertCapture(c) {
    const info = this.db.prepare("INSERT INTO captures (source_kind, file, content_hash, created_at, raw) VALUES (?, ?, ?, ?, ?)").run(c.sourceKind, c.file, c.contentHash, (/* @__PURE__ */ new Date()).toISOString(), c.raw ? 1 : 0);
    return Number(info.lastInsertRowid);
  }
  /** Records the calls to the Okta org a capture saw but did not keep (see Capture.unread). */
  setUnread(captureId, unread) {
    const value = Object.keys(unread).length > 0 ? JSON.stringify(unread) : null;
    this.db.prepare("UPDATE captures SET unread = ? WHERE id = ?").run(value, captureId);
  }
  insertStmt;
  insertExchange(captureId, e, bodies) {
    this.insertStmt ??= this.db.prepare(`INSERT INTO exchanges (capture_id, seq, grp, label, method, url,
      request_headers, request_body, response_status, response_headers, response_body, transport_error,
      started_at, duration_ms, source_kind, source_ref, evidence, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const info = this.insertStmt.run(
      captureId,
      e.seq,
      e.group,
      e.label ?? null,
      e.method,
      e.url,
      JSON.stringify(e.requestHeaders),
      bodies?.request ?? encodeBody(e.requestBody),
      e.responseStatus,
      JSON.stringify(e.responseHeaders),
      bodies?.response ?? encodeBody(e.responseBody),
      e.transportError,
      e.startedAt,
      e.durationMs,
      e.sourceKind,
      e.sourceRef,
      JSON.stringify(e.evidence),
      e.notes?.length ? JSON.stringify(e.notes) : null
    );
    return Number(info.lastInsertRowid);
  }
  /** One System Log event, redacted; written in the import's transaction like an exchange. */
  insertSystemLogEvent(captureId, row) {
    const info = this.db.prepare("INSERT INTO system_log_events (capture_id, seq, uuid, published, event_type, request_id, event, source_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").run(captureId, row.seq, row.uuid, row.published, row.eventType, row.requestId, JSON.stringify(row.event), row.sourceRef);
    return Number(info.lastInsertRowid);
  }
  systemLogEvents(captureIds) {
    if (captureIds.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM system_log_events WHERE capture_id IN (${captureIds.map(() => "?").join(",")}) ORDER BY capture_id, seq`).all(...captureIds);
    return rows.map(toSystemLogEvent);
  }
  findCaptureByHash(hash) {
    const row = this.db.prepare(`${CAPTURE_SELECT} WHERE c.content_hash = ? GROUP BY c.id ORDER BY c.id LIMIT 1`).get(hash);
    return row ? toCapture(row) : null;
  }
  captures(ids) {
    const rows = this.db.prepare(`${CAPTURE_SELECT} GROUP BY c.id ORDER BY c.id`).all();
    const all = rows.map(toCapture);
    return ids ? all.filter((c) => ids.includes(c.id)) : all;
  }
  capture(id) {
    return this.captures([id])[0] ?? null;
  }
  exchanges(captureIds) {
    const rows = captureIds ? this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges WHERE capture_id IN (${captureIds.map(() => "?").join(",")}) ORDER BY capture_id, seq`).raw().all(...captureIds) : this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges ORDER BY capture_id, seq`).raw().all();
    return rows.map(toExchange);
  }
  /**
   * The exchanges of these captures, one group (unit of evidence) at a time, each in seq order: captures by
   * id, a capture's groups in the order they first appear, as `exchanges()` lists them once grouped. SQLite
   * puts the rows in that order (sorting only their ids, then reading each row by id), so memory holds one
   * group even when groups interleave (a recording of concurrent users), and a group is handed out as soon
   * as its last row is read.
   */
  *groups(captureIds) {
    const rows = this.db.prepare(GROUPED_SELECT).raw();
    for (const id of [...captureIds].sort((a, b) => a - b)) {
      let group = [];
      for (const row of rows.iterate({ capture: id })) {
        if (group.length > 0 && group[0].group !== row[GRP]) {
          yield group;
          group = [];
        }
        group.push(toExchange(row));
      }
      if (group.length > 0) yield group;
    }
  }
  /**
   * The units of evidence (capture + group) of these captures, in the order `groups()` hands them out: captures
   * by id, a capture's groups by first appearance, read from an index alone (no row is decoded); and the last
   * exchange id they hold, to read them by (see `unitExchanges`).
   */
  units(captureIds) {
    const upTo = this.db.prepare("SELECT COALESCE(MAX(id), 0) AS id FROM exchanges").get().id;
    const list = this.db.prepare("SELECT grp, MIN(seq) AS first, COUNT(*) AS n FROM exchanges WHERE capture_id = ? AND id <= ? GROUP BY grp ORDER BY first, grp").raw();
    const units = [];
    for (const captureId of [...captureIds].sort((a, b) => a - b)) {
      for (const [group, , exchanges] of list.all(captureId, upTo)) units.push({ captureId, group, exchanges });
    }
    return { units, upTo };
  }
  unitStmt;
  /**
   * One unit's exchanges in seq order, as `groups()` gives them, up to exchange id `upTo` (see `units`: the
   * units another connection listed, while a recording may still be appending to them).
   */
  unitExchanges(captureId, group, upTo) {
    this.unitStmt ??= this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges WHERE capture_id = ? AND grp = ? AND id <= ? ORDER BY seq, id`).raw();
    return this.unitStmt.all(captureId, group, upTo).map(toExchange);
  }
  close() {
    if (this.db.open) this.db.close();
  }
  /** Closes and, if this Store created the files and they hold no capture, deletes them. */
  discardIfEmpty() {
    const empty = this.db.open && this.db.prepare("SELECT COUNT(*) AS n FROM captures").get().n === 0;
    this.close();
    if (!this.created || !empty) return;
    for (const suffix of ["", "-wal", "-shm", ".key"]) rmSync(`${this.path}${suffix}`, { force: true });
  }
};
function openStore(path) {
  return new Store(path);
}
function prepareFile(path) {
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path}: is a directory; give a database file with --db`, path);
    if ((st.mode & 63) !== 0) chmodSync(path, 384);
    return;
  }
  try {
    closeSync(openSync(path, "a", 384));
    chmodSync(path, 384);
  } catch (error) {
    throw new InputError(`${path}: cannot create the database (${error.code}); choose another --db`, path);
  }
}
function whileBusy(fn) {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  for (; ; ) {
    try {
      return fn();
    } catch (error) {
      if (error.code !== "SQLITE_BUSY" || Date.now() > until) throw error;
      Atomics.wait(PAUSE, 0, 0, 10);
    }
  }
}
var PAUSE = new Int32Array(new SharedArrayBuffer(4));
var BUSY_TIMEOUT_MS = 12e4;
var CAPTURE_SELECT = `SELECT c.id, c.source_kind, c.file, c.content_hash, c.created_at, c.raw, c.unread, COUNT(e.id) AS n
  FROM captures c LEFT JOIN exchanges e ON e.capture_id = c.id`;
function toCapture(r) {
  return {
    id: r.id,
    sourceKind: r.source_kind,
    file: r.file,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    raw: r.raw === 1,
    exchangeCount: r.n,
    ...r.unread ? { unread: JSON.parse(r.unread) } : {}
  };
}
var EXCHANGE_COLUMNS = "id, capture_id, seq, grp, label, method, url, request_headers, request_body, response_status, response_headers, response_body, transport_error, started_at, duration_ms, source_kind, source_ref, evidence, notes";
var GRP = 3;
var GROUPED_SELECT = `WITH firsts AS (SELECT grp, MIN(seq) AS first FROM exchanges WHERE capture_id = @capture GROUP BY grp),
  ordered AS MATERIALIZED (SELECT e.id, f.first, f.grp, e.seq FROM exchanges e JOIN firsts f ON f.grp = e.grp WHERE e.capture_id = @capture ORDER BY f.first, f.grp, e.seq, e.id)
  SELECT ${EXCHANGE_COLUMNS.split(", ").map((c) => `x.${c}`).join(", ")} FROM ordered o CROSS JOIN exchanges x ON x.id = o.id ORDER BY o.first, o.grp, o.seq, o.id`;
function toExchange(r) {
  return {
    id: r[0],
    captureId: r[1],
    seq: r[2],
    group: r[3],
    label: r[4] ?? void 0,
    method: r[5],
    url: r[6],
    requestHeaders: JSON.parse(r[7]),
    requestBody: decodeBody(r[8]),
    responseStatus: r[9],
    responseHeaders: JSON.parse(r[10]),
    responseBody: decodeBody(r[11]),
    transportError: r[12],
    startedAt: r[13],
    durationMs: r[14],
    sourceKind: r[15],
    sourceRef: r[16],
    evidence: JSON.parse(r[17]),
    notes: r[18] ? JSON.parse(r[18]) : void 0
  };
}
function encodeBody(body) {
  return body === null || body === void 0 ? null : JSON.stringify(body);
}
function decodeBody(text) {
  return text === null ? null : JSON.parse(text);
}

// src/model/memo.ts
function memoize(fn, limit = 4096) {
  const seen = /* @__PURE__ */ new Map();
  return (key4) => {
    let value = seen.get(key4);
    if (value === void 0 && !seen.has(key4)) {
      if (seen.size >= limit) seen.clear();
      seen.set(key4, value = fn(key4));
    }
    return value;
  };
}

// src/http/url.ts
var pathOf = memoize(computePath);
function computePath(url) {
  let rest = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  rest = rest.replace(/[?#].*$/s, "");
  if (!rest.startsWith("/")) rest = `/${rest}`;
  return rest.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
}

// src/protocols/org.ts
var OKTA_HOST = /(?:^|\.)(?:okta|oktapreview|okta-emea|okta-gov|okta-mil|trexcloud)\.com$/i;
var OKTA_PATH = /^\/(?:api\/v1\/(?:authn|sessions|users\/me)|idp\/idx|oauth2\/|login\/|sso\/idps|\.well-known\/okta-)/i;
function hostOf(url) {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : "";
}
var isOktaHost = (host) => OKTA_HOST.test(host.replace(/:\d+$/, ""));
var callPattern = memoize((url) => pathOf(url).split("/").map((s) => isIdLike(s) ? "{id}" : s).join("/") || "/");
function isIdLike(segment) {
  if (segment.length < 8) return /^\d{3,}$/.test(segment);
  return /\d/.test(segment) && /^[A-Za-z0-9_~.-]+$/.test(segment) && !/^v\d+$/.test(segment);
}
var API_PATH = /^\/(?:api|idp|oauth2|login|sso|auth)(?:\/|$)/i;
var METADATA_PATH = /\/\.well-known\/|\/v1\/keys$/i;
var STATIC_PATH = /\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|html?)$/i;
var STATIC_TYPE = /^(?:text\/(?:html|css|javascript)|image\/|font\/|application\/(?:javascript|x-javascript|font))/i;
var MAX_PATTERNS = 200;
var UnreadTally = class {
  byHost = /* @__PURE__ */ new Map();
  orgHosts = /* @__PURE__ */ new Set();
  /** An exchange that was read: its host is the org's, so what else it served counts too. */
  sawOrg(url) {
    this.orgHosts.add(hostOf(url));
  }
  /** `sawOrg` given the host (`hostOf` of the URL). */
  sawHost(host) {
    this.orgHosts.add(host);
  }
  /**
   * An exchange that was not read. Pages, scripts, styles and images are not API calls: the sign-in page's
   * assets say nothing about the flow, so they are left out unless the path is one only Okta serves.
   * `toOrg`: the caller knows the exchange went to the org (the recorder's reverse mode).
   */
  add(url, responseType, toOrg = false) {
    if (METADATA_PATH.test(pathOf(url))) return;
    const oktaPath = OKTA_PATH.test(pathOf(url));
    if (!oktaPath && (STATIC_PATH.test(pathOf(url)) || responseType && STATIC_TYPE.test(responseType))) return;
    if (!toOrg && !oktaPath && !API_PATH.test(pathOf(url))) return;
    const host = toOrg || oktaPath || isOktaHost(hostOf(url)) ? "*" : hostOf(url);
    let patterns = this.byHost.get(host);
    if (!patterns) this.byHost.set(host, patterns = /* @__PURE__ */ new Map());
    const call = callPattern(url);
    const pattern = patterns.size >= MAX_PATTERNS && !patterns.has(call) ? "other" : call;
    patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
  }
  result() {
    const out = {};
    for (const [host, patterns] of this.byHost) {
      if (host !== "*" && !this.orgHosts.has(host)) continue;
      for (const [pattern, n2] of patterns) out[pattern] = (out[pattern] ?? 0) + n2;
    }
    return out;
  }
};
function mergeUnread(list) {
  const out = {};
  for (const u2 of list) for (const [p, n2] of Object.entries(u2)) out[p] = (out[p] ?? 0) + n2;
  return out;
}

// src/protocols/okta-authn/operations.ts
var OPERATION_IDS = [
  "primary",
  "state",
  "step-up",
  "introspect",
  "recovery.password",
  "recovery.unlock",
  "recovery.token",
  "recovery.answer",
  "recovery.factors.verify",
  "recovery.factors.resend",
  "credentials.reset_password",
  "credentials.change_password",
  "factors.enroll",
  "factors.activate",
  "factors.activate.poll",
  "factors.resend",
  "factors.verify",
  "factors.verify.resend",
  "previous",
  "skip",
  "cancel",
  "unknown"
];
var STARTERS = ["primary", "recovery.password", "recovery.unlock", "recovery.token"];
var READERS = ["state", "introspect"];
var PASSWORD_SETTERS = ["credentials.reset_password", "credentials.change_password"];
var INFOS = new Map(OPERATION_IDS.map((op) => [op, infoOf(op)]));
function operationInfo(id) {
  return INFOS.get(id) ?? infoOf(id);
}
function infoOf(id) {
  const op = id;
  return Object.freeze({
    startsTransaction: STARTERS.includes(op),
    readOnly: READERS.includes(op),
    setsPassword: PASSWORD_SETTERS.includes(op)
  });
}
var CREDENTIAL_KEYS = ["passCode", "answer", "clientData", "signatureData", "authenticatorData", "attestation", "registrationData"];
var TAILS = [
  [/^\/introspect$/, "introspect"],
  [/^\/recovery\/password$/, "recovery.password"],
  [/^\/recovery\/unlock$/, "recovery.unlock"],
  [/^\/recovery\/token$/, "recovery.token"],
  [/^\/recovery\/answer$/, "recovery.answer"],
  [/^\/recovery\/factors\/[^/]+\/verify$/, "recovery.factors.verify"],
  [/^\/recovery\/factors\/[^/]+\/resend$/, "recovery.factors.resend"],
  [/^\/credentials\/reset_password$/, "credentials.reset_password"],
  [/^\/credentials\/change_password$/, "credentials.change_password"],
  [/^\/factors$/, "factors.enroll"],
  [/^\/factors\/[^/]+\/lifecycle\/activate$/, "factors.activate"],
  [/^\/factors\/[^/]+\/lifecycle\/activate\/poll$/, "factors.activate.poll"],
  // `.../lifecycle/activate/sms|email` re-sends the activation code (transition E5), like `/lifecycle/resend`.
  [/^\/factors\/[^/]+\/lifecycle\/activate\/[^/]+$/, "factors.resend"],
  [/^\/factors\/[^/]+\/lifecycle\/resend$/, "factors.resend"],
  [/^\/factors\/[^/]+\/verify$/, "factors.verify"],
  [/^\/factors\/[^/]+\/verify\/resend$/, "factors.verify.resend"],
  [/^\/previous$/, "previous"],
  [/^\/skip$/, "skip"],
  [/^\/cancel$/, "cancel"]
];
function isAuthnPath(url) {
  return authnTail(url) !== null;
}
var authnTail = memoize((url) => {
  const path = pathOf(url).toLowerCase();
  const at2 = path.indexOf("/api/v1/authn");
  if (at2 < 0) return null;
  const tail = path.slice(at2 + "/api/v1/authn".length);
  return tail === "" || tail.startsWith("/") ? tail : null;
});
var tailOperation = memoize((tail) => {
  for (const [pattern, id] of TAILS) if (pattern.test(tail)) return id;
  return "unknown";
});
function primaryVariant(keys) {
  const hasState = keys.has("stateToken");
  const hasCredentials = keys.has("username") || keys.has("password");
  if (hasState && hasCredentials) return "step-up";
  if (hasState) return "state";
  return "primary";
}
function recognizeOperation(method, path, bodyKeys = []) {
  const verb = (method || "POST").toUpperCase();
  if (verb !== "POST") return "unknown";
  const tail = authnTail(path);
  if (tail === null) return "unknown";
  if (tail === "") return primaryVariant(new Set(bodyKeys));
  return tailOperation(tail);
}
function factorIdOf(url) {
  return NAMES_FACTORS.test(url) ? factorIdOfPath(pathOf(url)) : null;
}
var NAMES_FACTORS = /\/factors\//i;
var factorIdOfPath = memoize((path) => {
  const m = /\/api\/v1\/authn\/factors\/([^/]+)\//i.exec(`${path}/`);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
});

// src/model/json.ts
function obj2(value) {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}
function str2(value) {
  return typeof value === "string" && value !== "" ? value : null;
}

// src/protocols/common/body.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var keysOf = memoize((path) => path.split("."));
function get(value, path) {
  let cur = value;
  for (const key4 of keysOf(path)) {
    if (!isObject(cur)) return void 0;
    cur = cur[key4];
  }
  return cur;
}
function isPresent(value) {
  if (value === void 0 || value === null) return false;
  return typeof value !== "string" || value.trim() !== "";
}
function requestKeys(step) {
  const body = step.exchange.requestBody;
  return isObject(body) ? Object.keys(body).filter((k) => isPresent(body[k])) : [];
}
function responseBody(step) {
  const body = step.exchange.responseBody;
  return isObject(body) ? body : null;
}
function isOk(step) {
  return step.httpStatus !== null && step.httpStatus >= 200 && step.httpStatus < 300;
}
function publishedLinks(body) {
  const out = [];
  const visit = (node, depth) => {
    if (depth > 8) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (!isObject(node)) return;
    for (const [key4, value] of Object.entries(node)) {
      if (key4 === "_links" && isObject(value)) {
        for (const [rel, link] of Object.entries(value)) {
          for (const one of Array.isArray(link) ? link : [link]) {
            const href = str2(get(one, "href"));
            if (href) out.push({ rel, name: str2(get(one, "name")), path: pathOf(href) });
          }
        }
      } else visit(value, depth + 1);
    }
  };
  visit(body, 0);
  return out;
}
function hasLinks(body) {
  return isObject(get(body, "_links"));
}

// src/protocols/common/identifiers.ts
var factorPaths = [];
var factorPath = (i) => factorPaths[i] ??= `_embedded.factors[${i}].id`;
var FACTOR_ID = /^[a-z]{3}[A-Za-z0-9*.…]{6,}$/;
function identifiersOf(step) {
  const out = [];
  const body = step.exchange.responseBody;
  const embedded = isObject(body) ? body._embedded : void 0;
  if (isObject(embedded)) {
    const user = embedded.user;
    const userId = isObject(user) ? str2(user.id) : null;
    if (userId) out.push({ kind: "user id", value: userId, path: "_embedded.user.id" });
    const factors = embedded.factors;
    if (Array.isArray(factors)) {
      for (let i = 0; i < factors.length; i++) {
        const f = factors[i];
        const id = isObject(f) ? str2(f.id) : null;
        if (id) out.push({ kind: "factor id", value: id, path: factorPath(i) });
      }
    }
    const factor = embedded.factor;
    const factorId = isObject(factor) ? str2(factor.id) : null;
    if (factorId) out.push({ kind: "factor id", value: factorId, path: "_embedded.factor.id" });
  }
  const inPath = factorIdOf(step.exchange.url);
  if (inPath && FACTOR_ID.test(inPath)) out.push({ kind: "factor id", value: inPath, path: "url" });
  return out;
}

// src/protocols/common/masked.ts
var MASK_RUN = /(\*{2,}|\.{3,}|…|x{6,}|#{3,})/;
function isMasked(value) {
  return MASK_RUN.test(value);
}
function parts(value) {
  const m = MASK_RUN.exec(value);
  if (!m) return { head: value, tail: "", masked: false };
  return { head: value.slice(0, m.index), tail: value.slice(m.index + m[0].length).replace(/^[*.…]+/, ""), masked: true };
}
function visiblePrefix(value) {
  return parts(value).head;
}
function maskedAgree(a, b, caseInsensitive = true) {
  if (a === b) return true;
  const norm = (s) => caseInsensitive ? s.toLowerCase() : s;
  const pa = parts(norm(a));
  const pb = parts(norm(b));
  if (!pa.masked && !pb.masked) return pa.head === pb.head;
  const fullA = pa.masked ? null : pa.head;
  const fullB = pb.masked ? null : pb.head;
  if (fullA !== null) return fullA.startsWith(pb.head) && fullA.endsWith(pb.tail);
  if (fullB !== null) return fullB.startsWith(pa.head) && fullB.endsWith(pa.tail);
  const headsAgree = pa.head.startsWith(pb.head) || pb.head.startsWith(pa.head);
  const tailsAgree = pa.tail.endsWith(pb.tail) || pb.tail.endsWith(pa.tail);
  return headsAgree && tailsAgree;
}

// src/protocols/evidence/rules/secret-exposed.ts
var MIN_PREFIX = 6;
function hidden(clear3, masked) {
  return `${clear3.slice(0, visiblePrefix(masked).length)}\u2026`;
}
var places = /* @__PURE__ */ new Map();
function placeOf(where, path) {
  let byPath = places.get(where);
  if (!byPath) places.set(where, byPath = /* @__PURE__ */ new Map());
  let place = byPath.get(path);
  if (place === void 0) {
    if (byPath.size >= 4096) byPath.clear();
    byPath.set(path, place = `${where} ${path}`);
  }
  return place;
}
var secretExposed = {
  meta: {
    id: "secret-exposed",
    severity: "medium",
    summary: "the evidence holds an unmasked secret, or an identifier left unmasked where the rest of the evidence masks it",
    rationale: "Evidence is pasted into forums and support tickets; after the October 2023 support-system breach nothing that leaves the machine may hold a live secret. authtrail redacts at capture, but the original evidence (the forum post, the HAR file) still exposes it.",
    basis: "evidence",
    docs: "docs/rules/secret-exposed.md",
    protocol: "*",
    messages: {
      secretInClear: "The evidence shows {field} in clear in {count} {requests} ({places}; first shown here as {preview}). authtrail stored only its fingerprint, but the original evidence (post, ticket, HAR) still exposes it: remove it there, and rotate it if it may still be valid.",
      identifierUnmasked: "The {kind} {shown} ({length} characters) is left unmasked here at {path} while the rest of the evidence masks it ({masked} at step {maskedStep}): whoever masked the evidence meant to hide it. authtrail shows no more of it than the masked copies do; edit the original post or ticket."
    }
  },
  create(context) {
    const reported = /* @__PURE__ */ new Map();
    const unitOf = (captureId, group) => `${captureId}\0${group}`;
    const kinds = [];
    const kindsByUnit = /* @__PURE__ */ new Map();
    let lastCapture = -1;
    let lastGroup = null;
    let lastKinds;
    let lastSeen;
    return {
      transaction(tx) {
        for (const step of tx.steps) {
          const exposures = step.exchange.evidence?.exposures;
          if (!exposures || exposures.length === 0) continue;
          const { captureId, group } = step.exchange;
          if (captureId !== lastCapture || group !== lastGroup || !lastKinds) {
            const unit = unitOf(captureId, group);
            lastCapture = captureId;
            lastGroup = group;
            lastKinds = kindsByUnit.get(unit);
            if (!lastKinds) kindsByUnit.set(unit, lastKinds = /* @__PURE__ */ new Map());
            lastSeen = reported.get(unit);
          }
          for (const exposure of exposures) {
            const at2 = exposure.path ?? exposure.field;
            if (at2 === "url" || at2.startsWith("_embedded.")) {
              if (!lastSeen) reported.set(unitOf(captureId, group), lastSeen = /* @__PURE__ */ new Set());
              lastSeen.add(`${step.exchange.id}|${at2}`);
            }
            let kind = lastKinds.get(exposure.field);
            if (!kind) {
              const field = exposure.field.toLowerCase();
              kind = lastKinds.get(field);
              if (!kind) {
                lastKinds.set(field, kind = { tx, step, exposure, exchanges: /* @__PURE__ */ new Set(), lastExchange: Number.NaN, places: /* @__PURE__ */ new Set() });
                kinds.push(kind);
              }
              lastKinds.set(exposure.field, kind);
            }
            if (kind.lastExchange !== step.exchange.id) kind.exchanges.add(kind.lastExchange = step.exchange.id);
            kind.places.add(exposure.path && exposure.path !== exposure.field ? placeOf(exposure.where, exposure.path) : exposure.where);
          }
        }
      },
      end() {
        for (const { tx, step, exposure, exchanges, places: places2 } of kinds) {
          const where = [...places2];
          context.report({
            transaction: tx,
            step,
            messageId: "secretInClear",
            data: { field: exposure.field, count: exchanges.size, requests: exchanges.size === 1 ? "exchange" : "exchanges", places: where.slice(0, 3).join(", ") + (where.length > 3 ? `, ${where.length - 3} more` : ""), preview: exposure.preview },
            evidence: { field: exposure.field, where: exposure.where, path: exposure.path ?? null, preview: exposure.preview, count: exchanges.size, places: where }
          });
        }
      },
      unit(unit) {
        const key4 = unitOf(unit[0].tx.captureId, unit[0].tx.group);
        const exposed = reported.get(key4);
        reported.delete(key4);
        if (lastSeen === exposed) lastSeen = void 0;
        const seen = [];
        const masked = /* @__PURE__ */ new Map();
        for (const { tx, step } of unit) {
          const ids = identifiersOf(step);
          seen.push(ids);
          for (const id of ids) {
            if (!isMasked(id.value) || visiblePrefix(id.value).length < MIN_PREFIX) continue;
            const key5 = `${id.kind}|${id.value.slice(0, MIN_PREFIX)}`;
            const list = masked.get(key5);
            if (list) list.push({ tx, step, ...id });
            else masked.set(key5, [{ tx, step, ...id }]);
          }
        }
        if (masked.size === 0) return;
        const done = /* @__PURE__ */ new Set();
        unit.forEach(({ tx, step }, i) => {
          for (const o of seen[i]) {
            const key5 = `${o.kind}|${o.value}`;
            if (isMasked(o.value) || done.has(key5) || exposed?.has(`${step.exchange.id}|${o.path}`)) continue;
            const match = masked.get(`${o.kind}|${o.value.slice(0, MIN_PREFIX)}`)?.find((m) => maskedAgree(o.value, m.value, false));
            if (!match) continue;
            done.add(key5);
            context.report({
              transaction: tx,
              step,
              messageId: "identifierUnmasked",
              data: { kind: o.kind, shown: hidden(o.value, match.value), length: o.value.length, path: o.path, masked: match.value, maskedStep: match.step.step },
              evidence: { kind: o.kind, path: o.path, value: hidden(o.value, match.value), length: o.value.length, maskedElsewhere: match.value, maskedStep: match.step.step }
            });
          }
        });
      }
    };
  }
};

// src/protocols/evidence/rules/index.ts
var EVIDENCE_RULES = [secretExposed];

// src/protocols/oauth/params.ts
function decode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
function parseForm(text) {
  const out = /* @__PURE__ */ new Map();
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (!out.has(name)) out.set(name, eq < 0 ? "" : decode(pair.slice(eq + 1)));
  }
  return out;
}
function queryOf(url) {
  const q = url.indexOf("?");
  if (q < 0) return /* @__PURE__ */ new Map();
  const end = url.indexOf("#", q);
  return parseForm(url.slice(q + 1, end < 0 ? void 0 : end));
}
function fragmentOf(url) {
  const h = url.indexOf("#");
  return h < 0 ? /* @__PURE__ */ new Map() : parseForm(url.slice(h + 1));
}
function bodyParams(body) {
  if (typeof body === "string") {
    const text = body.trim();
    if (/<input\b/i.test(text)) return htmlInputs(text);
    if (/^[^\s<{[]*=/.test(text)) return parseForm(text);
    return /* @__PURE__ */ new Map();
  }
  const out = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(obj2(body))) if (typeof v === "string" || typeof v === "number") out.set(k, String(v));
  return out;
}
function htmlInputs(html) {
  const out = /* @__PURE__ */ new Map();
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    const value = /\bvalue\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    if (name && value !== void 0 && !out.has(name)) out.set(name, value.replace(/&amp;/g, "&"));
  }
  return out;
}
function formAction(body) {
  if (typeof body !== "string") return null;
  return /<form\b[^>]*\baction\s*=\s*["']([^"']*)["']/i.exec(body)?.[1]?.replace(/&amp;/g, "&") ?? null;
}
function param(p, name) {
  const v = p.get(name);
  return v === void 0 || v === "" ? null : v;
}
var URL_CREDENTIALS = ["code", "access_token", "id_token", "refresh_token", "interaction_code"];
function credentialNames(url) {
  if (!url) return [];
  const q = queryOf(url);
  const f = fragmentOf(url);
  return URL_CREDENTIALS.filter((n2) => param(q, n2) !== null || param(f, n2) !== null);
}

// src/protocols/oauth/calls.ts
var ENDPOINT = /^(.*?\/oauth2(?:\/[^/]+)?)\/v[\d.]+\/(authorize|token|userinfo|revoke|logout|keys|interact)$/i;
var DISCOVERY = /^(.*?)\/\.well-known\/(?:openid-configuration|oauth-authorization-server)$/i;
var BY_NAME = { authorize: "authorize", token: "token", userinfo: "userinfo", revoke: "revoke", logout: "logout", keys: "keys" };
var FOREIGN_GRANTS = /* @__PURE__ */ new Set(["interaction_code"]);
function originOf(url) {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? "";
}
function callOf(e) {
  const path = pathOf(e.url);
  const endpoint = ENDPOINT.exec(path);
  if (endpoint) {
    const call = BY_NAME[endpoint[2].toLowerCase()];
    if (!call) return null;
    if (call === "token" && FOREIGN_GRANTS.has(param(bodyParams(e.requestBody), "grant_type") ?? "")) return null;
    return { call, server: originOf(e.url) + endpoint[1].replace(/\/oauth2$/i, "") };
  }
  const discovery = DISCOVERY.exec(path);
  if (discovery) return { call: "discovery", server: originOf(e.url) + discovery[1] };
  const p = e.method === "POST" ? bodyParams(e.requestBody) : queryOf(e.url);
  if ((p.has("code") || p.has("error")) && (p.has("state") || /callback/i.test(path))) return { call: "callback", server: null };
  return null;
}

// src/redact/token.ts
import { createHash } from "node:crypto";
var REDACTED_TOKEN = /^(.*?)\*{4}#([0-9a-f]{12})$/;
var MASK_START = /\*|…|\.{3}|•|\[/;
function parseTokenRef(value) {
  if (typeof value !== "string" || value.trim() === "") return null;
  const v = value.trim();
  const redacted = REDACTED_TOKEN.exec(v);
  if (redacted) return { prefix: redacted[1], fp: redacted[2], masked: true };
  const maskAt = v.search(MASK_START);
  if (maskAt >= 0) return { prefix: v.slice(0, maskAt), fp: null, masked: true };
  return { prefix: v, fp: createHash("sha256").update(v).digest("hex").slice(0, 12), masked: false };
}
var MIN_SHARED_PREFIX = 6;
function sameToken(a, b) {
  if (!a || !b) return false;
  const keyed = (r) => r.masked && r.fp !== null;
  if (keyed(a) && keyed(b)) return a.fp === b.fp;
  if (!a.masked && !b.masked) return a.prefix === b.prefix;
  const [short, long] = a.prefix.length <= b.prefix.length ? [a.prefix, b.prefix] : [b.prefix, a.prefix];
  return short.length >= MIN_SHARED_PREFIX && long.startsWith(short);
}
function tokensDiffer(a, b) {
  if (!a || !b || sameToken(a, b)) return false;
  const keyed = (r) => r.masked && r.fp !== null;
  if (keyed(a) && keyed(b) || !a.masked && !b.masked) return true;
  return Math.min(a.prefix.length, b.prefix.length) >= MIN_SHARED_PREFIX;
}
function tokenLabel(ref) {
  if (!ref) return null;
  if (ref.fp) return `#${ref.fp.slice(0, 8)}`;
  return `${ref.prefix.slice(0, 8)}\u2026`;
}
function sameIdentifier(a, b) {
  if (!a || !b) return false;
  if (a === b) return true;
  const ra = parseTokenRef(a);
  const rb = parseTokenRef(b);
  if (!ra || !rb || !ra.masked && !rb.masked) return false;
  const [short, long] = ra.prefix.length <= rb.prefix.length ? [ra.prefix, rb.prefix] : [rb.prefix, ra.prefix];
  return short.length >= MIN_SHARED_PREFIX && long.startsWith(short);
}

// src/protocols/oauth/step.ts
function authorizationResponse(e) {
  const status = e.responseStatus ?? 0;
  const location = e.responseHeaders.location;
  if (status >= 300 && status < 400 && location) {
    const params = new Map([...queryOf(location), ...fragmentOf(location)]);
    return params.has("code") || params.has("error") || params.has("access_token") || params.has("id_token") ? { params, target: location } : null;
  }
  const inputs = bodyParams(e.responseBody);
  if (typeof e.responseBody === "string" && (inputs.has("code") || inputs.has("error") || inputs.has("id_token"))) return { params: inputs, target: formAction(e.responseBody) };
  return null;
}
function responseOf(p) {
  return {
    state: param(p, "state"),
    code: parseTokenRef(param(p, "code")),
    iss: param(p, "iss"),
    error: param(p, "error"),
    tokens: ["access_token", "id_token"].filter((n2) => param(p, n2) !== null)
  };
}
function clientAuthOf(e, req) {
  if (/^basic\s/i.test(e.requestHeaders.authorization ?? "")) return "client_secret_basic";
  if (param(req, "client_assertion")) return "private_key_jwt";
  if (param(req, "client_secret")) return "client_secret_post";
  return "none";
}
function oauthStepOf(e, info) {
  const { call } = info;
  const req = call === "authorize" || call === "callback" || call === "logout" ? e.method === "POST" ? bodyParams(e.requestBody) : queryOf(e.url) : bodyParams(e.requestBody);
  const res = obj2(e.responseBody);
  const authz = call === "authorize" ? authorizationResponse(e) : call === "callback" ? { params: new Map([...req, ...fragmentOf(e.url)]), target: null } : null;
  const idToken = str2(res.id_token) ?? (authz ? param(authz.params, "id_token") : null);
  const accessToken = str2(res.access_token);
  const bearer = /^bearer\s+(.+)$/i.exec(e.requestHeaders.authorization ?? "")?.[1] ?? null;
  return {
    call,
    server: info.server,
    grantType: call === "token" ? param(req, "grant_type") : null,
    responseType: param(req, "response_type"),
    responseMode: param(req, "response_mode"),
    clientId: param(req, "client_id"),
    redirectUri: param(req, "redirect_uri"),
    scope: param(req, "scope"),
    state: call === "authorize" ? param(req, "state") : null,
    nonce: call === "authorize" ? param(req, "nonce") : null,
    codeChallenge: param(req, "code_challenge"),
    codeChallengeMethod: param(req, "code_challenge_method"),
    response: authz ? responseOf(authz.params) : null,
    code: call === "token" || call === "callback" ? parseTokenRef(param(req, "code")) : null,
    verifierSent: param(req, "code_verifier") !== null,
    verifier: e.evidence.oauth?.verifier ?? null,
    clientAuth: call === "token" || call === "revoke" ? clientAuthOf(e, req) : null,
    refreshToken: parseTokenRef(call === "token" ? param(req, "refresh_token") : call === "revoke" && param(req, "token_type_hint") === "refresh_token" ? param(req, "token") : null),
    issued: { accessToken: parseTokenRef(accessToken), refreshToken: parseTokenRef(res.refresh_token), idToken: parseTokenRef(idToken) },
    idTokenClaims: jwtClaims(idToken),
    accessTokenClaims: jwtClaims(accessToken ?? (call === "userinfo" ? bearer : null)),
    error: str2(res.error) ?? (authz ? param(authz.params, "error") : null),
    urlSecrets: credentialNames(e.url),
    refererSecrets: credentialNames(e.requestHeaders.referer)
  };
}
function responseTarget(e) {
  return authorizationResponse(e)?.target ?? null;
}
function jwtClaims(value) {
  if (!value || !value.startsWith("eyJ")) return null;
  const parts2 = value.split(".");
  if (parts2.length < 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts2[1], "base64url").toString("utf8"));
    return claims && typeof claims === "object" && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

// src/protocols/oauth/facts.ts
var key = (kind, ref) => ref ? [{ kind, ref }] : [];
var clear = (kind, value) => key(kind, parseTokenRef(value ?? null));
function challengeKey(o) {
  return o.codeChallenge ? clear("pkce", o.codeChallenge) : [];
}
function factsOf(e) {
  const info = callOf(e) ?? { call: "discovery", server: null };
  const o = oauthStepOf(e, info);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 400 && !o.error;
  const bearer = /^bearer\s+(.+)$/i.exec(e.requestHeaders.authorization ?? "")?.[1] ?? null;
  const uses = [];
  const issues = [];
  switch (o.call) {
    case "authorize":
      uses.push(...clear("state", o.state));
      issues.push(...challengeKey(o));
      if (o.response) issues.push(...key("code", o.response.code), ...key("id", o.issued.idToken));
      break;
    case "callback":
      uses.push(...key("code", o.code), ...clear("state", o.response?.state));
      break;
    case "token":
      uses.push(...key("code", o.code), ...key("refresh", o.refreshToken), ...clear("pkce", o.verifier?.s256), ...clear("pkce", o.verifier?.plain));
      issues.push(...key("refresh", o.issued.refreshToken), ...key("access", o.issued.accessToken), ...key("id", o.issued.idToken));
      break;
    case "userinfo":
      uses.push(...clear("access", bearer));
      break;
    case "revoke":
      uses.push(...key("refresh", o.refreshToken), ...clear("access", bearer));
      break;
    case "logout":
      uses.push(...clear("id", new URLSearchParams(e.url.split("?")[1] ?? "").get("id_token_hint")));
      break;
  }
  const claims = o.idTokenClaims ?? {};
  return {
    operation: o.call === "token" ? `token.${o.grantType ?? "unknown"}` : o.call,
    ok,
    uses,
    issues,
    starts: o.call === "authorize" || o.call === "token" && o.grantType !== "authorization_code" && o.grantType !== "refresh_token",
    ends: ok && (o.call === "logout" || o.call === "revoke"),
    // What the client read before a flow (where the endpoints are, which keys sign): no transaction of its own.
    context: o.call === "discovery" || o.call === "keys",
    userId: typeof claims.sub === "string" ? claims.sub : null,
    login: typeof claims.email === "string" ? claims.email : typeof claims.preferred_username === "string" ? claims.preferred_username : null,
    oauth: o
  };
}

// src/protocols/common/time.ts
var SKEW_MS = 3e4;
function toMs(value) {
  if (!value) return null;
  const ms = utcMs(value) ?? Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
function utcMs(v) {
  const len = v.length;
  if (len !== 24 && len !== 20 || v.charCodeAt(len - 1) !== 90) return null;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || len === 24 && v.charCodeAt(19) !== 46) return null;
  const century = twoDigits(v, 0), year = twoDigits(v, 2), month = twoDigits(v, 5), day = twoDigits(v, 8);
  const hour = twoDigits(v, 11), minute = twoDigits(v, 14), second = twoDigits(v, 17);
  let milli = 0;
  if (len === 24) {
    const third = v.charCodeAt(22) - 48;
    milli = twoDigits(v, 20);
    milli = milli < 0 || third < 0 || third > 9 ? -1 : milli * 10 + third;
  }
  if (century < 10 || year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59 || milli < 0) return null;
  return ((daysSinceEpoch(century * 100 + year, month, day) * 24 + hour) * 60 + minute) * 6e4 + second * 1e3 + milli;
}
function twoDigits(v, at2) {
  const a = v.charCodeAt(at2) - 48;
  const b = v.charCodeAt(at2 + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
function daysSinceEpoch(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}
function humanDuration(ms) {
  const s = Math.round(Math.abs(ms) / 1e3);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor(s % 3600 / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor(s % 86400 / 3600)}h`;
}

// src/protocols/oauth/flow.ts
function oauthSteps(tx, call) {
  return tx.steps.filter((s) => Boolean(s.oauth) && (!call || s.oauth.call === call));
}
function authorizeOf(tx) {
  return oauthSteps(tx, "authorize")[0] ?? null;
}
function tokenSteps(tx, grant) {
  return oauthSteps(tx, "token").filter((s) => !grant || s.oauth.grantType === grant);
}
function placedOf(unit, call) {
  return unit.filter((p) => p.step.oauth?.call === call);
}
var isOk2 = (s) => s.httpStatus !== null && s.httpStatus >= 200 && s.httpStatus < 300 && !s.oauth?.error;
function answer(s) {
  return `${s.httpStatus ?? "nothing"}${s.errorCode ? ` ${s.errorCode}` : ""}`;
}
var responseTypes = (o) => (o.responseType ?? "").split(/\s+/).filter(Boolean);
var usesCode = (o) => responseTypes(o).includes("code");
var withoutQuery = (url) => url.replace(/[?#].*$/s, "");

// src/protocols/oauth/rules/authorization-code-expired.ts
var CODE_LIFETIME_MS = 6e4;
var authorizationCodeExpired = {
  meta: {
    id: "authorization-code-expired",
    severity: "low",
    summary: "an authorization code redeemed more than 60 seconds after it was issued",
    rationale: "RFC 6749 \xA74.1.2 asks for short-lived codes (10 minutes at most); Okta issues them for 60 seconds. A late exchange explains an invalid_grant, and one accepted late means a longer lifetime than documented.",
    basis: "documented",
    docs: "docs/rules/authorization-code-expired.md",
    protocol: "oauth",
    messages: {
      late: "The code issued (or first seen) at step {issuedStep} was redeemed {elapsed} later at step {step} (answer {answer}); Okta codes live 60 seconds."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const source = authorize?.oauth.response?.code ? authorize : oauthSteps(tx, "callback").find((s) => s.oauth.code);
        const start = toMs(source?.exchange.startedAt);
        if (!source || start === null) return;
        const issued = start + (source === authorize ? source.exchange.durationMs ?? 0 : 0);
        for (const step of tokenSteps(tx, "authorization_code")) {
          const at2 = toMs(step.exchange.startedAt);
          if (at2 === null || at2 - issued <= CODE_LIFETIME_MS) continue;
          context.report({ transaction: tx, step, messageId: "late", data: { issuedStep: source.step, step: step.step, elapsed: humanDuration(at2 - issued), answer: answer(step) }, evidence: { issuedAt: new Date(issued).toISOString(), redeemedAt: step.exchange.startedAt, lifetimeSeconds: 60 } });
        }
      }
    };
  }
};

// src/protocols/common/reuse.ts
function reuseReport({ tx, step }, accepted2, data, evidence) {
  return { transaction: tx, step, messageId: accepted2 ? "reusedAccepted" : "reusedRejected", severity: accepted2 ? "high" : "medium", data, evidence };
}

// src/protocols/common/tokens.ts
var MIN_VISIBLE = 6;
function tokenRelation(a, b) {
  if (!a || !b) return "unknown";
  if (a.fp && b.fp) return a.fp === b.fp ? "same" : "different";
  if (!a.masked && !b.masked) return a.prefix === b.prefix ? "same" : "different";
  const n2 = Math.min(a.prefix.length, b.prefix.length);
  if (a.prefix.slice(0, n2) !== b.prefix.slice(0, n2)) return "different";
  return n2 >= MIN_VISIBLE ? "same" : "unknown";
}
function sameToken2(a, b) {
  return tokenRelation(a, b) === "same";
}

// src/protocols/oauth/rules/authorization-code-reuse.ts
var authorizationCodeReuse = {
  meta: {
    id: "authorization-code-reuse",
    severity: "high",
    summary: "the same authorization code redeemed at /token more than once",
    rationale: "RFC 6749 \xA74.1.2: a code MUST NOT be used more than once, and the server SHOULD revoke the tokens already issued for it. A refused second use is a client retry or a replay (medium); an accepted one means codes are replayable (high).",
    basis: "documented",
    docs: "docs/rules/authorization-code-reuse.md",
    protocol: "oauth",
    messages: {
      reusedRejected: "The code {code} was already redeemed at step {firstStep} of transaction {firstTransaction}; this second use got {answer}, as RFC 6749 \xA74.1.2 requires.",
      reusedAccepted: "The code {code} was already redeemed at step {firstStep} of transaction {firstTransaction}, yet this second use was answered {answer}: the code was replayable (RFC 6749 \xA74.1.2)."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const redeemed = [];
        for (const placed of placedOf(unit, "token")) {
          const { step } = placed;
          if (step.oauth.grantType !== "authorization_code" || !step.oauth.code) continue;
          const first = redeemed.find((p) => sameToken2(p.step.oauth.code, step.oauth.code));
          if (!first) {
            redeemed.push(placed);
            continue;
          }
          context.report(
            reuseReport(
              placed,
              isOk2(step),
              { code: tokenLabel(step.oauth.code) ?? "", firstStep: first.step.step, firstTransaction: first.tx.id, answer: answer(step) },
              { code: tokenLabel(step.oauth.code), first: { transaction: first.tx.id, step: first.step.step, httpStatus: first.step.httpStatus }, httpStatus: step.httpStatus, error: step.errorCode }
            )
          );
        }
      }
    };
  }
};

// src/protocols/oauth/rules/client-secret-auth.ts
var clientSecretAuth = {
  meta: {
    id: "client-secret-auth",
    severity: "info",
    summary: "a client authenticated at /token or /revoke with a shared secret (client_secret_post or client_secret_basic)",
    rationale: "RFC 9700 \xA72.5 recommends asymmetric client authentication (private_key_jwt, mTLS): a shared secret travels with every request and sits in every config that holds it. client_secret_post also puts it in the body, where logs and traces keep it.",
    basis: "documented",
    docs: "docs/rules/client-secret-auth.md",
    protocol: "oauth",
    messages: {
      secret: "The client authenticated with {method}: a shared secret sent with the request (RFC 9700 \xA72.5 recommends private_key_jwt or mTLS)."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const method = step.oauth?.clientAuth;
        if (method !== "client_secret_post" && method !== "client_secret_basic") return;
        context.report({ transaction: tx, step, messageId: "secret", data: { method }, evidence: { clientAuth: method } });
      }
    };
  }
};

// src/protocols/oauth/rules/implicit-flow.ts
var implicitFlow = {
  meta: {
    id: "implicit-flow",
    severity: "medium",
    summary: "an authorize request whose response_type returns an access token through the browser (implicit or hybrid)",
    rationale: "RFC 9700 \xA72.1.2: clients SHOULD NOT use the implicit grant or any response type that issues access tokens in the authorization response; tokens in the front channel leak through history, logs and Referer and cannot be sender-constrained.",
    basis: "documented",
    docs: "docs/rules/implicit-flow.md",
    protocol: "oauth",
    messages: {
      implicit: "The authorize request asks for response_type {responseType}: access tokens in the front channel (RFC 9700 \xA72.1.2: SHOULD NOT). Use the code flow with PKCE."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== "authorize" || !responseTypes(o).includes("token")) return;
        context.report({ transaction: tx, step, messageId: "implicit", data: { responseType: o.responseType ?? "" }, evidence: { responseType: o.responseType, responseMode: o.responseMode } });
      }
    };
  }
};

// src/protocols/oauth/rules/issuer-missing.ts
var issuerMissing = {
  meta: {
    id: "issuer-missing",
    severity: "low",
    summary: "several authorization servers in one piece of evidence, and an authorization response without iss",
    rationale: "RFC 9700 \xA72.1 and \xA74.4 (mix-up attacks): a client that talks to several authorization servers must tell which one answered; RFC 9207 puts the issuer in the authorization response as iss.",
    basis: "documented",
    docs: "docs/rules/issuer-missing.md",
    protocol: "oauth",
    messages: {
      noIss: "This authorization response carries no iss, while the evidence shows {count} authorization servers ({servers}): the client cannot tell which one answered (RFC 9207, RFC 9700 \xA74.4)."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const authorizes = placedOf(unit, "authorize");
        const servers = [...new Set(authorizes.map((p) => p.step.oauth.server).filter((s) => Boolean(s)))];
        if (servers.length < 2) return;
        for (const { step, tx } of authorizes) {
          const r = step.oauth.response;
          if (!r || !r.code && !r.error || r.iss) continue;
          context.report({ transaction: tx, step, messageId: "noIss", data: { count: servers.length, servers: servers.join(", ") }, evidence: { servers, iss: null, server: step.oauth.server } });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/nonce-missing.ts
var nonceMissing = {
  meta: {
    id: "nonce-missing",
    severity: "high",
    summary: "an authorize request whose response_type returns an id_token from the front channel, without nonce",
    rationale: "OIDC Core \xA73.2.2.1 and \xA73.3.2.11: nonce is REQUIRED when the id_token comes back through the browser (implicit and hybrid flows); it is what stops a captured id_token from being replayed.",
    basis: "documented",
    docs: "docs/rules/nonce-missing.md",
    protocol: "oauth",
    messages: {
      missing: "The authorize request asks for response_type {responseType} without a nonce (OIDC Core \xA73.2.2.1: REQUIRED when the id_token is returned from the authorization endpoint)."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== "authorize" || o.nonce || !responseTypes(o).includes("id_token")) return;
        context.report({ transaction: tx, step, messageId: "missing", data: { responseType: o.responseType ?? "" }, evidence: { responseType: o.responseType, nonce: null } });
      }
    };
  }
};

// src/protocols/oauth/rules/nonce-not-echoed.ts
var nonceNotEchoed = {
  meta: {
    id: "nonce-not-echoed",
    severity: "high",
    summary: "an id_token whose nonce claim differs from the nonce of the authorize request, or lacks it",
    rationale: "OIDC Core \xA73.1.3.7 (ID Token validation): when the request sent a nonce, the id_token MUST carry the same value and the client MUST check it. High for front-channel id_tokens (implicit, hybrid), medium for the code flow.",
    basis: "documented",
    docs: "docs/rules/nonce-not-echoed.md",
    protocol: "oauth",
    messages: {
      mismatch: "The id_token of step {step} carries nonce {claim}, but the authorize request (step {authorizeStep}) sent {sent} (OIDC Core \xA73.1.3.7).",
      absent: "The id_token of step {step} carries no nonce, but the authorize request (step {authorizeStep}) sent {sent} (OIDC Core \xA73.1.3.7)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const sent = authorize?.oauth.nonce;
        if (!authorize || !sent) return;
        const frontChannel = responseTypes(authorize.oauth).some((t2) => t2 === "id_token" || t2 === "token");
        for (const step of oauthSteps(tx)) {
          const claims = step.oauth.idTokenClaims;
          if (!claims || claims.nonce === sent) continue;
          const claim = typeof claims.nonce === "string" ? claims.nonce : null;
          if (!claim && step.oauth.grantType === "refresh_token") continue;
          context.report({
            transaction: tx,
            step,
            messageId: claim ? "mismatch" : "absent",
            severity: frontChannel ? "high" : "medium",
            data: { step: step.step, authorizeStep: authorize.step, sent, ...claim ? { claim } : {} },
            evidence: { sent, idTokenNonce: claims.nonce ?? null, responseType: authorize.oauth.responseType }
          });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/password-grant.ts
var passwordGrant = {
  meta: {
    id: "password-grant",
    severity: "high",
    summary: "a /token request with grant_type=password (resource owner password credentials)",
    rationale: "RFC 9700 \xA72.4: the resource owner password credentials grant MUST NOT be used; it hands the user password to the client and cannot do MFA or federation.",
    basis: "documented",
    docs: "docs/rules/password-grant.md",
    protocol: "oauth",
    messages: {
      ropc: "The client sent the user password to /token (grant_type=password, answer {answer}): RFC 9700 \xA72.4 says this grant MUST NOT be used."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        if (step.oauth?.call !== "token" || step.oauth.grantType !== "password") return;
        context.report({ transaction: tx, step, messageId: "ropc", data: { answer: answer(step) }, evidence: { grantType: "password", clientAuth: step.oauth.clientAuth, httpStatus: step.httpStatus } });
      }
    };
  }
};

// src/protocols/oauth/rules/pkce-downgrade.ts
var pkceDowngrade = {
  meta: {
    id: "pkce-downgrade",
    severity: "high",
    summary: "a code_verifier accepted at /token for a code whose authorize request had no code_challenge",
    rationale: "RFC 9700 \xA74.8 (PKCE downgrade): a server that accepts a code_verifier when the authorization request had no challenge lets an attacker strip PKCE from the front channel; \xA72.1.1 asks servers to refuse it.",
    basis: "documented",
    docs: "docs/rules/pkce-downgrade.md",
    protocol: "oauth",
    messages: {
      downgrade: "Step {step} sent a code_verifier and the server answered {httpStatus}, but the authorize request (step {authorizeStep}) carried no code_challenge: the PKCE downgrade of RFC 9700 \xA74.8."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        if (!authorize || authorize.oauth.codeChallenge) return;
        for (const step of tokenSteps(tx, "authorization_code")) {
          if (!step.oauth.verifierSent || !isOk2(step)) continue;
          context.report({ transaction: tx, step, messageId: "downgrade", data: { step: step.step, authorizeStep: authorize.step, httpStatus: step.httpStatus ?? 0 }, evidence: { codeChallenge: null, verifierSent: true, httpStatus: step.httpStatus } });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/pkce-missing.ts
var pkceMissing = {
  meta: {
    id: "pkce-missing",
    severity: "medium",
    summary: "an authorization code request without a PKCE code_challenge",
    rationale: "RFC 9700 \xA72.1.1: public clients MUST use PKCE and confidential clients SHOULD; without it a stolen or injected code can be redeemed. High when the /token call of the flow authenticated no client (a public client).",
    basis: "documented",
    docs: "docs/rules/pkce-missing.md",
    protocol: "oauth",
    messages: {
      missing: "The authorize request (response_type {responseType}) sent no code_challenge. RFC 9700 \xA72.1.1 asks every client to use PKCE.",
      missingPublic: "The authorize request (response_type {responseType}) sent no code_challenge, and the code was redeemed at step {tokenStep} without client authentication: a public client without PKCE (RFC 9700 \xA72.1.1 MUST)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        if (!authorize || !usesCode(authorize.oauth) || authorize.oauth.codeChallenge) return;
        const publicToken = tokenSteps(tx, "authorization_code").find((s) => s.oauth.clientAuth === "none");
        const data = { responseType: authorize.oauth.responseType ?? "", ...publicToken ? { tokenStep: publicToken.step } : {} };
        context.report({
          transaction: tx,
          step: authorize,
          messageId: publicToken ? "missingPublic" : "missing",
          severity: publicToken ? "high" : "medium",
          data,
          evidence: { responseType: authorize.oauth.responseType, clientId: authorize.oauth.clientId, tokenClientAuth: publicToken?.oauth.clientAuth ?? null }
        });
      }
    };
  }
};

// src/protocols/oauth/rules/pkce-plain.ts
var pkcePlain = {
  meta: {
    id: "pkce-plain",
    severity: "medium",
    summary: "a PKCE code_challenge sent with the plain method (or no method, which means plain)",
    rationale: "RFC 7636 \xA74.2: a client capable of S256 MUST use it; with plain the challenge is the verifier, so whoever sees the front channel can redeem the code. RFC 9700 \xA72.1.1 asks for methods that do not expose the verifier; Okta advertises only S256.",
    basis: "documented",
    docs: "docs/rules/pkce-plain.md",
    protocol: "oauth",
    messages: {
      plain: "The authorize request sent code_challenge_method=plain: the challenge is the verifier itself (RFC 7636 \xA74.2: use S256).",
      absent: "The authorize request sent a code_challenge without code_challenge_method, which means plain (RFC 7636 \xA74.3): the challenge is the verifier itself."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== "authorize" || !o.codeChallenge) return;
        const method = o.codeChallengeMethod;
        if (method && method.toUpperCase() === "S256") return;
        context.report({ transaction: tx, step, messageId: method ? "plain" : "absent", evidence: { codeChallengeMethod: method } });
      }
    };
  }
};

// src/protocols/oauth/rules/pkce-verifier-format.ts
var pkceVerifierFormat = {
  meta: {
    id: "pkce-verifier-format",
    severity: "low",
    summary: "a code_verifier shorter than 43 or longer than 128 characters, or outside [A-Za-z0-9-._~]",
    rationale: "RFC 7636 \xA74.1 fixes the verifier at 43-128 unreserved characters so it carries enough entropy; a shorter or odd one is guessable or will be refused by a strict server.",
    basis: "documented",
    docs: "docs/rules/pkce-verifier-format.md",
    protocol: "oauth",
    messages: {
      length: "The code_verifier is {length} characters long; RFC 7636 \xA74.1 requires 43 to 128.",
      charset: "The code_verifier holds characters outside [A-Za-z0-9-._~] (RFC 7636 \xA74.1)."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const v = step.oauth?.call === "token" ? step.oauth.verifier : null;
        if (!v) return;
        if (v.length < 43 || v.length > 128) context.report({ transaction: tx, step, messageId: "length", data: { length: v.length }, evidence: { length: v.length, charsetOk: v.charsetOk } });
        else if (!v.charsetOk) context.report({ transaction: tx, step, messageId: "charset", evidence: { length: v.length, charsetOk: false } });
      }
    };
  }
};

// src/protocols/oauth/rules/pkce-verifier-mismatch.ts
var pkceVerifierMismatch = {
  meta: {
    id: "pkce-verifier-mismatch",
    severity: "high",
    summary: "the code_verifier at /token does not hash to the code_challenge of the authorize request",
    rationale: "RFC 7636 \xA74.6: the server recomputes the challenge from the verifier and must refuse a mismatch (invalid_grant). A refused mismatch is a client bug (info); an accepted one means the server does not enforce PKCE (high).",
    basis: "documented",
    docs: "docs/rules/pkce-verifier-mismatch.md",
    protocol: "oauth",
    messages: {
      mismatchAccepted: "The code_verifier sent at step {step} does not match the code_challenge of step {authorizeStep} ({method}), yet the server answered {answer}: PKCE was not enforced (RFC 7636 \xA74.6).",
      mismatchRejected: "The code_verifier sent at step {step} does not match the code_challenge of step {authorizeStep} ({method}); the server answered {answer}, as RFC 7636 \xA74.6 requires. The client sent the verifier of another flow."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const challenge = authorize?.oauth.codeChallenge;
        if (!authorize || !challenge) return;
        const method = (authorize.oauth.codeChallengeMethod ?? "plain").toUpperCase() === "S256" ? "S256" : "plain";
        const expected = parseTokenRef(challenge);
        for (const step of tokenSteps(tx, "authorization_code")) {
          const v = step.oauth.verifier;
          const sent = method === "S256" ? v?.s256 : v?.plain;
          if (!v || !sent || sameToken(parseTokenRef(sent), expected)) continue;
          const ok = isOk2(step);
          context.report({
            transaction: tx,
            step,
            messageId: ok ? "mismatchAccepted" : "mismatchRejected",
            severity: ok ? "high" : "info",
            data: { step: step.step, authorizeStep: authorize.step, method, answer: answer(step) },
            evidence: { codeChallenge: challenge, method, verifierS256: v.s256, verifierMatchesChallenge: false, httpStatus: step.httpStatus, error: step.errorCode }
          });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/redirect-307-after-post.ts
var redirect307AfterPost = {
  meta: {
    id: "redirect-307-after-post",
    severity: "medium",
    summary: "the authorization server answered a POST (credentials, a form) with a 307 redirect",
    rationale: "RFC 9700 \xA74.12: a 307 makes the browser re-send the POST body, credentials included, to the redirect target (the client); authorization servers must use 303 after a POST.",
    basis: "documented",
    docs: "docs/rules/redirect-307-after-post.md",
    protocol: "oauth",
    messages: {
      redirect307: "The POST to {call} was answered 307 to {target}: the browser re-sends the form, credentials included, to that address (RFC 9700 \xA74.12: use 303)."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (!o || o.call === "callback" || step.exchange.method !== "POST" || step.httpStatus !== 307) return;
        const target = (step.exchange.responseHeaders.location ?? "(no Location)").replace(/[?#].*$/s, "");
        context.report({ transaction: tx, step, messageId: "redirect307", data: { call: o.call, target }, evidence: { httpStatus: 307, method: "POST", target } });
      }
    };
  }
};

// src/protocols/oauth/rules/redirect-uri-mismatch.ts
var redirectUriMismatch = {
  meta: {
    id: "redirect-uri-mismatch",
    severity: "high",
    summary: "the redirect_uri at /token differs from the authorize one, or the response went elsewhere than the redirect_uri",
    rationale: "RFC 6749 \xA74.1.3: when the authorize request had a redirect_uri the token request MUST send the identical value; RFC 9700 \xA72.1 and \xA74.1 require exact string matching so codes cannot be sent to an attacker-chosen address.",
    basis: "documented",
    docs: "docs/rules/redirect-uri-mismatch.md",
    protocol: "oauth",
    messages: {
      tokenDiffers: "Step {step} redeemed the code with redirect_uri {got}, but the authorize request (step {authorizeStep}) sent {sent} (RFC 6749 \xA74.1.3: identical).",
      responseElsewhere: "The authorization response of step {step} sent the browser to {got}, not to the redirect_uri {sent} of the request (RFC 9700 \xA74.1: exact matching)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const sent = authorize?.oauth.redirectUri;
        if (!authorize || !sent) return;
        const target = authorize.oauth.response ? responseTarget(authorize.exchange) : null;
        if (target && withoutQuery(target) !== withoutQuery(sent)) {
          context.report({ transaction: tx, step: authorize, messageId: "responseElsewhere", data: { step: authorize.step, got: withoutQuery(target), sent }, evidence: { sent, got: withoutQuery(target) } });
        }
        for (const step of tokenSteps(tx, "authorization_code")) {
          const got = step.oauth.redirectUri;
          if (got === sent) continue;
          context.report({ transaction: tx, step, messageId: "tokenDiffers", data: { step: step.step, authorizeStep: authorize.step, got: got ?? "(none)", sent }, evidence: { sent, got } });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/refresh-token-reuse.ts
var refreshTokenReuse = {
  meta: {
    id: "refresh-token-reuse",
    severity: "medium",
    summary: "a refresh token presented again after the server rotated it (it answered with a new one)",
    rationale: "RFC 9700 \xA72.2.2 and \xA74.14: with rotation each refresh token is single-use, and a second use signals theft, so the server should refuse it and revoke the family. Medium when refused, high when the old token still worked.",
    basis: "documented",
    docs: "docs/rules/refresh-token-reuse.md",
    protocol: "oauth",
    messages: {
      reusedRejected: "The refresh token {token} was rotated at step {rotatedStep} of transaction {rotatedTransaction}; presenting it again got {answer}. Two copies of the client (or a thief) hold it.",
      reusedAccepted: "The refresh token {token} was rotated at step {rotatedStep} of transaction {rotatedTransaction}, yet presenting it again was answered {answer}: a rotated refresh token still worked (RFC 9700 \xA74.14)."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const rotated = [];
        for (const placed of placedOf(unit, "token")) {
          const { step } = placed;
          const sent = step.oauth.refreshToken;
          if (step.oauth.grantType !== "refresh_token" || !sent) continue;
          const before = rotated.find((r) => sameToken2(r.ref, sent));
          if (before) {
            context.report(
              reuseReport(
                placed,
                isOk2(step),
                { token: tokenLabel(sent) ?? "", rotatedStep: before.at.step.step, rotatedTransaction: before.at.tx.id, answer: answer(step) },
                { refreshToken: tokenLabel(sent), rotatedAt: { transaction: before.at.tx.id, step: before.at.step.step }, httpStatus: step.httpStatus, error: step.errorCode }
              )
            );
            continue;
          }
          const next = step.oauth.issued.refreshToken;
          if (isOk2(step) && next && !sameToken2(next, sent)) rotated.push({ ref: sent, at: placed });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/state-missing.ts
var stateMissing = {
  meta: {
    id: "state-missing",
    severity: "medium",
    summary: "an authorize request without a state parameter",
    rationale: "RFC 6749 \xA710.12: state binds the authorization response to the browser that asked, against CSRF. RFC 9700 \xA72.1 lets an S256 PKCE challenge play that part, so the finding is low then.",
    basis: "documented",
    docs: "docs/rules/state-missing.md",
    protocol: "oauth",
    messages: {
      missing: "The authorize request sent no state{pkceNote} (RFC 6749 \xA710.12, RFC 9700 \xA72.1)."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== "authorize" || o.state) return;
        const pkce = Boolean(o.codeChallenge) && (o.codeChallengeMethod ?? "").toUpperCase() === "S256";
        context.report({
          transaction: tx,
          step,
          messageId: "missing",
          severity: pkce ? "low" : "medium",
          data: { pkceNote: pkce ? "; an S256 PKCE challenge protects the code instead" : " and no S256 PKCE challenge: nothing ties the response to this browser" },
          evidence: { state: null, codeChallengeMethod: o.codeChallengeMethod }
        });
      }
    };
  }
};

// src/protocols/oauth/rules/state-not-echoed.ts
var stateNotEchoed = {
  meta: {
    id: "state-not-echoed",
    severity: "high",
    summary: "the authorization response or the callback carries another state than the authorize request sent, or none",
    rationale: "RFC 6749 \xA74.1.2: when the request had a state the response MUST return it unchanged; the client compares them to refuse a forged response. A different or missing state is a forged, mixed-up or broken response.",
    basis: "documented",
    docs: "docs/rules/state-not-echoed.md",
    protocol: "oauth",
    messages: {
      changed: "Step {step} carries state {returned}, but the authorize request (step {authorizeStep}) sent {sent} (RFC 6749 \xA74.1.2).",
      dropped: "Step {step} carries an authorization response without state, but the authorize request (step {authorizeStep}) sent {sent} (RFC 6749 \xA74.1.2: REQUIRED in the response)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const sent = authorize?.oauth.state;
        if (!authorize || !sent) return;
        const responses = [authorize, ...oauthSteps(tx, "callback")].filter((s) => s.oauth?.response && (s.oauth.response.code || s.oauth.response.error || s.oauth.response.tokens.length));
        for (const step of responses) {
          const returned = step.oauth.response.state;
          if (returned === sent) continue;
          const data = { step: step.step, authorizeStep: authorize.step, sent, ...returned ? { returned } : {} };
          context.report({ transaction: tx, step, messageId: returned ? "changed" : "dropped", data, evidence: { sent, returned } });
        }
      }
    };
  }
};

// src/protocols/oauth/rules/token-in-url.ts
var originOf2 = (url) => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0]?.toLowerCase() ?? null;
var tokenInUrl = {
  meta: {
    id: "token-in-url",
    severity: "low",
    summary: "an access, id or refresh token in a URL query, or a code or token sent on to another site in the Referer",
    rationale: "RFC 9700 \xA74.2 and \xA74.3: credentials in URLs leak through the Referer header, browser history and server logs. A code or token in a Referer sent to another origin has left the client.",
    basis: "documented",
    docs: "docs/rules/token-in-url.md",
    protocol: "oauth",
    messages: {
      tokenInQuery: "The URL of this request carries {names} in its query string (RFC 9700 \xA74.3): it is kept in history and server logs.",
      credentialInReferer: "This request to {origin} sent a Referer carrying {names} from {refererOrigin} (RFC 9700 \xA74.2): the credential reached another site."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (!o) return;
        const url = step.exchange.url;
        const q = url.indexOf("?");
        const query = q < 0 ? "" : url.slice(q + 1).replace(/#.*$/s, "");
        const inQuery = ["access_token", "id_token", "refresh_token"].filter((n2) => new RegExp(`(?:^|&)${n2}=[^&]`).test(query));
        if (inQuery.length > 0) context.report({ transaction: tx, step, messageId: "tokenInQuery", data: { names: inQuery.join(", ") }, evidence: { names: inQuery } });
        const referer = step.exchange.requestHeaders.referer;
        if (o.refererSecrets.length === 0 || !referer) return;
        const origin = originOf2(url);
        const refererOrigin = originOf2(referer);
        if (!origin || !refererOrigin || origin === refererOrigin) return;
        context.report({ transaction: tx, step, messageId: "credentialInReferer", data: { origin, refererOrigin, names: o.refererSecrets.join(", ") }, evidence: { names: o.refererSecrets, origin, refererOrigin } });
      }
    };
  }
};

// src/protocols/oauth/rules/index.ts
var OAUTH_RULES = [
  authorizationCodeExpired,
  authorizationCodeReuse,
  clientSecretAuth,
  implicitFlow,
  issuerMissing,
  nonceMissing,
  nonceNotEchoed,
  passwordGrant,
  pkceDowngrade,
  pkceMissing,
  pkcePlain,
  pkceVerifierFormat,
  pkceVerifierMismatch,
  redirect307AfterPost,
  redirectUriMismatch,
  refreshTokenReuse,
  stateMissing,
  stateNotEchoed,
  tokenInUrl
];

// src/model/transaction.ts
var START = "START";
var CANCELLED = "CANCELLED";
var UNKNOWN_STATE = "UNKNOWN";

// src/protocols/oauth/timeline.ts
function moveOf({ exchange, facts }, current) {
  const o = facts.oauth;
  const before = current ?? START;
  if (o.error || (exchange.responseStatus ?? 0) >= 400) return { before, after: o.call === "token" || o.call === "userinfo" ? before : "ERROR" };
  switch (o.call) {
    case "authorize":
      return { before, after: o.response?.code || o.response?.tokens.length ? "CODE_ISSUED" : "AUTHENTICATING" };
    case "callback":
      return { before, after: o.code ? "CODE_RECEIVED" : before };
    case "token":
      return { before, after: o.issued.accessToken ? "TOKENS_ISSUED" : before };
    case "revoke":
      return { before, after: facts.ok ? "REVOKED" : before };
    case "logout":
      return { before, after: "LOGGED_OUT" };
    default:
      return { before, after: before };
  }
}
var tokenOf = (f) => f.oauth.issued.accessToken ?? f.oauth.code ?? f.oauth.response?.code ?? f.oauth.refreshToken ?? null;
function liveMove(member, current) {
  const { before, after: after2 } = moveOf(member, current);
  return { before, after: after2, token: tokenLabel(tokenOf(member.facts)), rotated: false, errorCode: member.facts.oauth.error };
}
function timeline(members) {
  let current = null;
  const steps = members.map((member, index) => {
    const { exchange, facts } = member;
    const { before, after: after2 } = moveOf(member, current);
    current = after2;
    return {
      step: index + 1,
      exchange,
      operation: facts.operation,
      statusBefore: before,
      statusAfter: after2,
      responseStatus: null,
      httpStatus: exchange.responseStatus,
      errorCode: facts.oauth.error,
      requestToken: null,
      responseToken: null,
      requestRecoveryToken: null,
      responseRecoveryToken: null,
      tokenFingerprint: tokenLabel(tokenOf(facts)),
      rotated: false,
      userId: facts.userId,
      login: facts.login,
      passwordChanged: null,
      expiresAt: null,
      factorResult: null,
      recoveryType: null,
      links: [],
      linkPaths: [],
      oauth: facts.oauth
    };
  });
  return { steps, outcome: outcomeOf(steps) };
}
function outcomeOf(steps) {
  if (steps.some((s) => s.statusAfter === "TOKENS_ISSUED")) return "SUCCESS";
  const last = steps[steps.length - 1];
  if (!last) return "IN_PROGRESS";
  if (last.statusAfter === "ERROR" || last.errorCode) return "FAILED";
  if (last.statusAfter === "LOGGED_OUT" || last.statusAfter === "REVOKED") return "CANCELLED";
  return "IN_PROGRESS";
}

// src/protocols/oauth/index.ts
var oauth = {
  id: "oauth",
  label: "OAuth 2.0 / OpenID Connect",
  include: ["/oauth2/**", "/*/oauth2/**", "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "**/callback", "**/callback/**"],
  claims: (exchange) => callOf(exchange) !== null,
  facts: factsOf,
  timeline,
  move: liveMove,
  rules: OAUTH_RULES
};

// src/protocols/okta-authn/facts.ts
function queryParam(url, name) {
  if (!url.includes("?")) return null;
  const m = new RegExp(`[?&]${name}=([^&#]*)`, "i").exec(url);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
var key2 = (kind, ref) => ref ? [{ kind, ref }] : [];
function factsOf2(e) {
  const req = obj2(e.requestBody);
  const res = obj2(e.responseBody);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 300;
  const user = obj2(obj2(res._embedded).user);
  const operation = recognizeOperation(e.method, e.url, Object.keys(req).filter((k) => req[k] !== null && req[k] !== void 0 && (typeof req[k] !== "string" || req[k].trim() !== "")));
  const requestToken = parseTokenRef(req.stateToken ?? queryParam(e.url, "stateToken"));
  const responseToken = parseTokenRef(res.stateToken);
  const requestRecoveryToken = parseTokenRef(req.recoveryToken);
  const responseRecoveryToken = parseTokenRef(res.recoveryToken);
  return {
    operation,
    path: pathOf(e.url),
    ok,
    uses: [...key2("state", requestToken), ...key2("recovery", requestRecoveryToken)],
    issues: [...key2("state", responseToken), ...key2("recovery", responseRecoveryToken)],
    starts: operationInfo(operation).startsTransaction && operation !== "recovery.token",
    ends: ok && (operation === "cancel" || str2(res.status) === "SUCCESS" && !responseToken),
    requestToken,
    responseToken,
    requestRecoveryToken,
    responseRecoveryToken,
    userId: str2(user.id),
    login: str2(obj2(user.profile).login) ?? str2(req.username)
  };
}

// src/protocols/okta-authn/errors.ts
function isFailedGuess(code) {
  return code === "E0000068" || code === "E0000087" || code === "E0000004";
}

// src/protocols/okta-authn/rules/brute-force.ts
var GUESS_THRESHOLD = 3;
var RATE_LIMIT_THRESHOLD = 2;
function userOf(tx, step) {
  const body = step.exchange.requestBody;
  const username = body && typeof body === "object" && typeof body.username === "string" ? body.username.toLowerCase() : null;
  return step.login?.toLowerCase() ?? username ?? tx.user.login?.toLowerCase() ?? tx.user.id;
}
var bruteForce = {
  meta: {
    id: "brute-force",
    severity: "medium",
    summary: "runs of wrong passcodes/answers (E0000068, E0000087), a lockout (E0000069) or repeated 429s on one chain or user",
    rationale: "Okta answers a wrong passcode with 403 E0000068, a wrong recovery answer with E0000087 and locks the user after too many (E0000069). A run of them on one transaction or user is guessing, a broken client retrying, or an attack worth telling support about.",
    basis: "documented",
    explains: ["failedGuesses", "failedGuessesUser", "locked", "rateLimited"],
    docs: "docs/rules/brute-force.md",
    protocol: "okta-authn",
    messages: {
      failedGuesses: "{count} failed guesses on this transaction (steps {steps}: {codes}). Okta documents these codes for wrong passcodes/answers: someone is guessing, or the client retries a wrong value in a loop.",
      failedGuessesUser: "{count} failed guesses for user {user} across {transactions} transactions (each below the per-transaction threshold). Spreading guesses over new transactions is how lockout counters are probed.",
      locked: 'Okta answered 403 E0000069 "User Locked": the user was locked after repeated failures{after}. Okta documents this lockout; the user needs an unlock (self-service or admin).',
      rateLimited: "{count} rate-limit answers (429) on this transaction (steps {steps}). Okta documents 429 for calls over the limit: the client retries too fast or someone is hammering the endpoint."
    }
  },
  create(context) {
    const chainHit = /* @__PURE__ */ new Set();
    return {
      transaction(tx) {
        let guessCount = 0;
        let lockedOut = false;
        let limitedCount = 0;
        for (const s of tx.steps) {
          if (isFailedGuess(s.errorCode)) guessCount++;
          else if (s.errorCode === "E0000069") lockedOut = true;
          if (s.httpStatus === 429) limitedCount++;
        }
        if (guessCount < GUESS_THRESHOLD && !lockedOut && limitedCount < RATE_LIMIT_THRESHOLD) return;
        const guesses = tx.steps.filter((s) => isFailedGuess(s.errorCode));
        if (guesses.length >= GUESS_THRESHOLD) {
          chainHit.add(tx.id);
          const at2 = guesses[GUESS_THRESHOLD - 1];
          context.report({
            transaction: tx,
            step: at2,
            messageId: "failedGuesses",
            data: { count: guesses.length, steps: guesses.map((s) => s.step).join(", "), codes: [...new Set(guesses.map((s) => s.errorCode))].join(", ") },
            evidence: { count: guesses.length, steps: guesses.map((s) => ({ step: s.step, errorCode: s.errorCode, operation: s.operation })) }
          });
        }
        for (const step of tx.steps.filter((s) => s.errorCode === "E0000069")) {
          const before = guesses.filter((g) => g.step < step.step).length;
          context.report({
            transaction: tx,
            step,
            messageId: "locked",
            data: { after: before > 0 ? ` (${before} failed guesses before it in this transaction)` : "" },
            evidence: { errorCode: step.errorCode, failedGuessesBefore: before }
          });
        }
        const limited = tx.steps.filter((s) => s.httpStatus === 429);
        if (limited.length >= RATE_LIMIT_THRESHOLD) {
          context.report({
            transaction: tx,
            step: limited[RATE_LIMIT_THRESHOLD - 1],
            messageId: "rateLimited",
            data: { count: limited.length, steps: limited.map((s) => s.step).join(", ") },
            evidence: { count: limited.length, steps: limited.map((s) => ({ step: s.step, errorCode: s.errorCode })) }
          });
        }
      },
      unit(unit) {
        const byUser = /* @__PURE__ */ new Map();
        for (const p of unit) {
          const user = isFailedGuess(p.step.errorCode) && !chainHit.has(p.tx.id) ? userOf(p.tx, p.step) : null;
          if (!user) continue;
          const list = byUser.get(user) ?? [];
          list.push(p);
          byUser.set(user, list);
        }
        for (const [user, list] of byUser) {
          const transactions = new Set(list.map((p) => p.tx.id));
          if (list.length < GUESS_THRESHOLD || transactions.size < 2) continue;
          const at2 = list[GUESS_THRESHOLD - 1];
          context.report({
            transaction: at2.tx,
            step: at2.step,
            messageId: "failedGuessesUser",
            data: { count: list.length, user, transactions: transactions.size },
            evidence: { user, count: list.length, attempts: list.map((p) => ({ transaction: p.tx.id, step: p.step.step, errorCode: p.step.errorCode })) }
          });
        }
      }
    };
  }
};

// src/protocols/okta-authn/expiry.ts
var stepTimes = /* @__PURE__ */ new WeakMap();
function timesOf(step) {
  let times = stepTimes.get(step);
  if (!times) {
    times = { started: toMs(step.exchange.startedAt), expires: toMs(step.expiresAt), changed: toMs(step.passwordChanged) };
    stepTimes.set(step, times);
  }
  return times;
}
function expiryBefore(steps, i, token, kind) {
  for (let j = i - 1; j >= 0; j--) {
    const s = steps[j];
    if (!isOk(s)) continue;
    const carried = kind === "state" ? s.responseToken : s.responseRecoveryToken;
    const ms = timesOf(s).expires;
    if (ms !== null && carried && sameToken2(carried, token)) return { ms, iso: s.expiresAt, step: s.step };
  }
  return null;
}
function clockAgrees(steps) {
  let agrees = clockAgreement.get(steps);
  if (agrees === void 0) clockAgreement.set(steps, agrees = checkClock(steps));
  return agrees;
}
var clockAgreement = /* @__PURE__ */ new WeakMap();
function checkClock(steps) {
  return steps.every((s) => {
    if (!isOk(s)) return true;
    const started = timesOf(s).started;
    const expires = timesOf(s).expires;
    return started === null || expires === null || expires >= started - SKEW_MS;
  });
}
function passwordMayAdvance(steps) {
  let first = null;
  for (const s of steps) {
    if (!s.passwordChanged || !isOk(s)) continue;
    if (first === null) first = s.passwordChanged;
    else if (s.passwordChanged !== first) return true;
  }
  return false;
}

// src/protocols/okta-authn/rules/concurrent-operations.ts
function window(step) {
  const start = timesOf(step).started;
  if (start === null || step.exchange.durationMs === null) return null;
  return { start, end: start + step.exchange.durationMs };
}
var concurrentOperations = {
  meta: {
    id: "concurrent-operations",
    severity: "medium",
    summary: "two state-changing requests on one stateToken were in flight at the same time",
    rationale: "The authn transaction is a server-side state machine; two state-changing calls racing on one token (a double-submitted form, a poll racing a verify) can leave the client and the server in different states. Okta does not document how it serialises them.",
    basis: "documented",
    docs: "docs/rules/concurrent-operations.md",
    protocol: "okta-authn",
    messages: {
      overlapping: "{operation} (this step) started while step {otherStep} ({otherOperation}) on the same token {token} was still in flight ({overlap} ms overlap). Okta does not document how concurrent calls on one transaction are ordered: the client may act on a state the server has already left."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const timed = [];
        let ordered = true;
        for (const step of tx.steps) {
          if (!step.requestToken || operationInfo(step.operation).readOnly) continue;
          const w = window(step);
          if (w === null) continue;
          if (timed.length > 0 && w.start < timed[timed.length - 1].w.start) ordered = false;
          timed.push({ step, w });
        }
        if (!ordered) timed.sort((a, b) => a.w.start - b.w.start);
        const inFlight = [];
        for (const b of timed) {
          let kept = 0;
          for (const a2 of inFlight) if (a2.w.end > b.w.start) inFlight[kept++] = a2;
          inFlight.length = kept;
          const a = inFlight.find((x) => sameToken2(x.step.requestToken, b.step.requestToken));
          inFlight.push(b);
          if (!a) continue;
          context.report({
            transaction: tx,
            step: b.step,
            messageId: "overlapping",
            data: { operation: b.step.operation, otherStep: a.step.step, otherOperation: a.step.operation, token: tokenLabel(b.step.requestToken) ?? "", overlap: Math.round(Math.min(a.w.end, b.w.end) - b.w.start) },
            evidence: {
              token: tokenLabel(b.step.requestToken),
              step: { startedAt: b.step.exchange.startedAt, durationMs: b.step.exchange.durationMs },
              other: { step: a.step.step, startedAt: a.step.exchange.startedAt, durationMs: a.step.exchange.durationMs }
            }
          });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/expired-state-token.ts
var expiredStateToken = {
  meta: {
    id: "expired-state-token",
    severity: "info",
    summary: "a request was sent after the last expiresAt announced for its token (plus clock-skew tolerance)",
    rationale: "Okta documents that an expired token gets 401 E0000011 on any operation. A rejection is the user being too slow (info); a 2xx after the announced expiry means the token outlived its documented lifetime (high).",
    basis: "documented",
    docs: "docs/rules/expired-state-token.md",
    protocol: "okta-authn",
    messages: {
      rejectedAfterExpiry: "This request used {token} {late} after its expiresAt ({expiresAt}, announced at step {expiryStep}) and Okta answered {answer}. This is the documented behaviour: the transaction expired; the user must start again.",
      acceptedAfterExpiry: "This request used {token} {late} after its expiresAt ({expiresAt}, announced at step {expiryStep}), yet Okta answered {answer}. Okta documents 401 E0000011 for an expired token: the token outlived its announced lifetime."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        if (!clockAgrees(tx.steps)) return;
        tx.steps.forEach((step, i) => {
          const started = timesOf(step).started;
          if (started === null) return;
          const token = step.requestToken ?? step.requestRecoveryToken;
          if (!token) return;
          const expiry = expiryBefore(tx.steps, i, token, step.requestToken ? "state" : "recovery");
          if (!expiry || started <= expiry.ms + SKEW_MS) return;
          const ok = isOk(step);
          const answer2 = `${step.httpStatus ?? "no response"}${step.errorCode ? ` ${step.errorCode}` : ""}`;
          context.report({
            transaction: tx,
            step,
            messageId: ok ? "acceptedAfterExpiry" : "rejectedAfterExpiry",
            severity: ok ? "high" : "info",
            data: { token: tokenLabel(token) ?? "", late: humanDuration(started - expiry.ms), expiresAt: expiry.iso, expiryStep: expiry.step, answer: answer2 },
            evidence: { token: tokenLabel(token), startedAt: step.exchange.startedAt, expiresAt: expiry.iso, expiryStep: expiry.step, httpStatus: step.httpStatus, errorCode: step.errorCode }
          });
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/expires-at-regressed.ts
var expiresAtRegressed = {
  meta: {
    id: "expires-at-regressed",
    severity: "medium",
    summary: "expiresAt moves backwards between consecutive responses that carry the same stateToken",
    rationale: "Okta slides expiresAt forward on every request of a transaction. A later response for the same token with an earlier expiry means the responses belong to different attempts or the evidence was edited.",
    basis: "evidence",
    docs: "docs/rules/expires-at-regressed.md",
    protocol: "okta-authn",
    messages: {
      regressed: "expiresAt went back by {delta} for the same stateToken {token}: {after} here, {before} at step {earlierStep}. Okta documents that expiresAt slides forward on each request, so these responses cannot come from one run in this order."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let previous = null;
        for (const step of tx.steps) {
          if (!isOk(step) || !step.responseToken) continue;
          const ms = timesOf(step).expires;
          if (ms === null) continue;
          const prevMs = previous ? timesOf(previous).expires : null;
          if (previous && prevMs !== null && sameToken2(previous.responseToken, step.responseToken) && ms < prevMs - 999) {
            context.report({
              transaction: tx,
              step,
              messageId: "regressed",
              data: {
                delta: humanDuration(prevMs - ms),
                token: tokenLabel(step.responseToken) ?? "",
                after: step.expiresAt ?? "",
                before: previous.expiresAt ?? "",
                earlierStep: previous.step
              },
              evidence: { token: tokenLabel(step.responseToken), expiresAt: step.expiresAt, previousExpiresAt: previous.expiresAt, previousStep: previous.step }
            });
          }
          previous = step;
        }
      }
    };
  }
};

// src/protocols/common/chain.ts
function lastBefore(steps, i, match) {
  for (let j = i - 1; j >= 0; j--) if (match(steps[j])) return steps[j];
  return null;
}

// src/protocols/okta-authn/rules/factor-mismatch.ts
function factorsOf(step, path) {
  const value = get(responseBody(step), path);
  const list = Array.isArray(value) ? value : value === void 0 ? [] : [value];
  return list.filter(isObject).map((f) => ({ id: str2(f.id), type: str2(f.factorType) }));
}
function matches(requested, f) {
  if (f.id && maskedAgree(requested, f.id, false)) return true;
  return f.type !== null && f.type.toLowerCase() === requested.toLowerCase();
}
var factorMismatch = {
  meta: {
    id: "factor-mismatch",
    severity: "high",
    summary: "a verify call on a factor that was not offered (MFA_REQUIRED) or is not the challenged one (MFA_CHALLENGE)",
    rationale: "Okta offers the enrolled factors in MFA_REQUIRED and challenges one in MFA_CHALLENGE. Verifying another factor means the client followed no published link; a 2xx for it means the server accepted a factor the policy did not offer.",
    basis: "documented",
    docs: "docs/rules/factor-mismatch.md",
    protocol: "okta-authn",
    messages: {
      notOffered: "This call verifies factor {factor}, which the MFA_REQUIRED response at step {offerStep} did not offer (offered: {offered}). Okta answered {answer}. {verdict}",
      notChallenged: "This call verifies factor {factor} while the MFA_CHALLENGE at step {offerStep} challenged {offered}. Okta answered {answer}. {verdict}"
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let lastOffer = null;
        let lastOffered = [];
        tx.steps.forEach((step, i) => {
          if (step.operation !== "factors.verify") return;
          const requested = factorIdOf(step.exchange.url);
          if (!requested) return;
          const inChallenge = step.statusBefore === "MFA_CHALLENGE";
          if (!inChallenge && step.statusBefore !== "MFA_REQUIRED") return;
          const offerStep = lastBefore(tx.steps, i, (s) => isOk(s) && s.responseStatus === step.statusBefore);
          if (!offerStep) return;
          if (offerStep !== lastOffer) {
            lastOffer = offerStep;
            lastOffered = factorsOf(offerStep, inChallenge ? "_embedded.factor" : "_embedded.factors");
          }
          const offered = lastOffered;
          if (offered.length === 0 || offered.some((f) => matches(requested, f))) return;
          const ok = isOk(step);
          const verdict = ok ? "A 2xx means the server accepted a factor it did not offer here, which Okta does not document." : "The server refused it; the client is following no published link.";
          context.report({
            transaction: tx,
            step,
            messageId: inChallenge ? "notChallenged" : "notOffered",
            severity: ok ? "high" : "low",
            data: { factor: requested, offerStep: offerStep.step, offered: offered.map((f) => f.id ?? f.type).join(", "), answer: `${step.httpStatus ?? "nothing"}${step.errorCode ? ` ${step.errorCode}` : ""}`, verdict },
            evidence: { requestedFactor: requested, offered: offered.map((f) => f.id ?? f.type), offerStep: offerStep.step, httpStatus: step.httpStatus }
          });
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/identity-mismatch.ts
function slotOf(o) {
  return o.factorId === null ? `user profile.${o.key}` : `factor ${o.factorId} profile.${o.key}`;
}
function observe(step, see) {
  const body = step.exchange.responseBody;
  const embedded = isObject(body) ? body._embedded : void 0;
  if (!isObject(embedded)) return;
  const user = embedded.user;
  const userId = isObject(user) ? str2(user.id) : null;
  const profile = isObject(user) ? user.profile : void 0;
  if (isObject(profile)) {
    for (const key4 of Object.keys(profile)) {
      const text = str2(profile[key4]);
      if (text && key4 !== "login") see(null, userId, key4, text);
    }
  }
  const listed2 = embedded.factors;
  if (Array.isArray(listed2)) for (const factor of listed2) observeFactor(factor, userId, see);
  observeFactor(embedded.factor, userId, see);
}
function observeFactor(factor, userId, see) {
  if (!isObject(factor) || !isObject(factor.profile)) return;
  const id = str2(factor.id) ?? str2(factor.factorType);
  if (!id) return;
  const profile = factor.profile;
  for (const key4 of Object.keys(profile)) {
    const text = str2(profile[key4]);
    if (text) see(id, userId, key4, text);
  }
}
function sameSlot(a, factorId, userId) {
  if (a.userId && userId && !maskedAgree(a.userId, userId, false)) return false;
  if (a.factorId === null || factorId === null) return a.factorId === factorId;
  return maskedAgree(a.factorId, factorId, false);
}
var identityMismatch = {
  meta: {
    id: "identity-mismatch",
    severity: "info",
    summary: "a masked profile value (factor email or phone, user name) disagrees with another rendering of it in the same chain",
    rationale: "Okta masks factor profile values (r...s@email.com) consistently within a transaction. Two renderings that cannot be the same value mean the evidence mixes users or attempts, or was edited by hand.",
    basis: "evidence",
    docs: "docs/rules/identity-mismatch.md",
    protocol: "okta-authn",
    messages: {
      maskedDisagree: "The {slot} reads {value} here but {earlier} at step {earlierStep}: the two renderings cannot be the same value. Okta masks a factor profile the same way throughout a transaction, so the evidence mixes users or attempts, or was edited.",
      clearDisagree: "The {slot} reads {value} here but {earlier} at step {earlierStep}. A profile value does not change inside one transaction: the evidence mixes users or attempts."
    }
  },
  create(context) {
    let seen = /* @__PURE__ */ new Map();
    let reported = /* @__PURE__ */ new Set();
    let tx;
    let step;
    const see = (factorId, userId, key4, value) => {
      const group = seen.get(key4);
      let earlier;
      if (group) {
        for (const s of group) if (s.value === value && sameSlot(s, factorId, userId)) return;
        for (const s of group) {
          if (sameSlot(s, factorId, userId) && !maskedAgree(s.value, value)) {
            earlier = s;
            break;
          }
        }
      }
      if (earlier) {
        const slot = slotOf({ factorId, key: key4 });
        const reportKey = `${slot}|${value}`;
        if (!reported.has(reportKey)) {
          reported.add(reportKey);
          const masked = isMasked(value) || isMasked(earlier.value);
          context.report({
            transaction: tx,
            step,
            messageId: masked ? "maskedDisagree" : "clearDisagree",
            data: { slot, value, earlier: earlier.value, earlierStep: earlier.step.step },
            evidence: { slot, value, earlierValue: earlier.value, earlierStep: earlier.step.step }
          });
        }
      }
      const o = { factorId, userId, key: key4, value, step };
      if (group) group.push(o);
      else seen.set(key4, [o]);
    };
    return {
      transaction(t2) {
        tx = t2;
        if (seen.size > 0) seen = /* @__PURE__ */ new Map();
        if (reported.size > 0) reported = /* @__PURE__ */ new Set();
        for (const s of t2.steps) {
          step = s;
          observe(s, see);
        }
      }
    };
  }
};

// src/protocols/okta-authn/okta-authn-transitions.json
var okta_authn_transitions_default = {
  _about: "Okta Classic Authentication API (/api/v1/authn) transition table, derived from public Okta documentation and SDK sources. 'basis' values: DOC = developer.okta.com authn reference (okta/okta-developer-docs packages/@okta/vuepress-site/docs/reference/api/authn/index.md @468de9c5) incl. its state diagram img/auth/auth-state-model1.png; SDK = okta-auth-js / okta-signin-widget code or docs; FORUM = developer report; INFER = inferred, verify before treating as hard rule. '*' in from = no transaction yet (a request that starts a new transaction). Endpoint paths are relative to the org origin.",
  statuses_documented: [
    "UNAUTHENTICATED",
    "PASSWORD_WARN",
    "PASSWORD_EXPIRED",
    "RECOVERY",
    "RECOVERY_CHALLENGE",
    "PASSWORD_RESET",
    "LOCKED_OUT",
    "MFA_ENROLL",
    "MFA_ENROLL_ACTIVATE",
    "MFA_REQUIRED",
    "MFA_CHALLENGE",
    "SUCCESS"
  ],
  statuses_undocumented_seen_in_sdk: [
    "FACTOR_REQUIRED",
    "FACTOR_CHALLENGE",
    "FACTOR_ENROLL",
    "FACTOR_ENROLL_ACTIVATE",
    "POLL",
    "PROFILE_REQUIRED",
    "CONSENT_REQUIRED",
    "ADMIN_CONSENT_REQUIRED",
    "DEVICE_ACTIVATE",
    "UNKNOWN(java SDK catch-all)"
  ],
  pseudo_states: [
    "START (no transaction)",
    "CANCELLED (200 after /cancel, body has no status)",
    "ERROR (4xx/5xx, transaction state unchanged)"
  ],
  transitions: [
    {
      id: "A1",
      from: [
        "*"
      ],
      method: "POST",
      path: "/api/v1/authn",
      body: "username,password[,options{multiOptionalFactorEnroll,warnBeforePasswordExpired}][,context{deviceToken}]",
      to: [
        "SUCCESS",
        "MFA_REQUIRED",
        "MFA_ENROLL",
        "PASSWORD_EXPIRED",
        "PASSWORD_WARN",
        "LOCKED_OUT"
      ],
      errors: [
        "401 E0000004",
        "429 E0000047"
      ],
      notes: "PASSWORD_WARN only with options.warnBeforePasswordExpired; LOCKED_OUT only if password policy shows lockout failures (else 401 E0000004); MFA_REQUIRED precedes PASSWORD_EXPIRED when user has an active factor",
      basis: "DOC"
    },
    {
      id: "A2",
      from: [
        "*"
      ],
      method: "POST",
      path: "/api/v1/authn",
      body: "token (activation token)",
      to: [
        "SUCCESS",
        "MFA_ENROLL",
        "PASSWORD_RESET"
      ],
      errors: [
        "401 E0000004"
      ],
      notes: "PASSWORD_RESET carries recoveryType=ACCOUNT_ACTIVATION when user has no password",
      basis: "DOC"
    },
    {
      id: "A3",
      from: [
        "<any non-terminal>"
      ],
      method: "POST",
      path: "/api/v1/authn | /api/v1/authn/introspect",
      body: "stateToken only",
      to: [
        "<same status>"
      ],
      errors: [
        "401 E0000011"
      ],
      notes: "Get transaction state; no transition. okta-auth-js tx.resume()/tx.status() -> /api/v1/authn, tx.introspect() -> /api/v1/authn/introspect",
      basis: "DOC+SDK"
    },
    {
      id: "A4",
      from: [
        "UNAUTHENTICATED"
      ],
      method: "POST",
      path: "/api/v1/authn",
      body: "stateToken,username,password (next.name=authenticate)",
      to: [
        "SUCCESS",
        "MFA_REQUIRED",
        "MFA_ENROLL",
        "PASSWORD_EXPIRED",
        "PASSWORD_WARN",
        "LOCKED_OUT"
      ],
      errors: [
        "401 E0000004",
        "401 E0000011"
      ],
      notes: "step-up (type=SESSION_STEP_UP); SUCCESS here carries a stateToken and next.name=original (GET /login/step-up/redirect?stateToken=..); doc example shows a different stateToken in the response",
      basis: "DOC"
    },
    {
      id: "P1",
      from: [
        "PASSWORD_EXPIRED",
        "PASSWORD_WARN"
      ],
      method: "POST",
      path: "/api/v1/authn/credentials/change_password",
      body: "stateToken,oldPassword,newPassword[,revokeSessions]",
      to: [
        "SUCCESS"
      ],
      errors: [
        "403 E0000014 (old password wrong / complexity)",
        "403 E0000080 (policy violation)"
      ],
      notes: "passwordChanged should advance in the response",
      basis: "DOC"
    },
    {
      id: "P2",
      from: [
        "PASSWORD_WARN"
      ],
      method: "POST",
      path: "/api/v1/authn/skip",
      body: "stateToken",
      to: [
        "SUCCESS"
      ],
      errors: [
        "403 E0000079"
      ],
      notes: "only when a skip link is published",
      basis: "DOC"
    },
    {
      id: "E1",
      from: [
        "MFA_ENROLL"
      ],
      method: "POST",
      path: "/api/v1/authn/factors",
      body: "stateToken,factorType,provider,profile",
      to: [
        "MFA_ENROLL_ACTIVATE",
        "SUCCESS",
        "MFA_ENROLL",
        "PASSWORD_WARN"
      ],
      errors: [
        "403 E0000079",
        "400 E0000001"
      ],
      notes: "question/RSA/Symantec/YubiKey enroll -> SUCCESS; sms/call/email/totp/push/u2f/webauthn -> MFA_ENROLL_ACTIVATE (push factorResult=WAITING)",
      basis: "DOC"
    },
    {
      id: "E2",
      from: [
        "MFA_ENROLL"
      ],
      method: "POST",
      path: "/api/v1/authn/skip",
      body: "stateToken",
      to: [
        "SUCCESS"
      ],
      errors: [
        "403 E0000079"
      ],
      notes: "only when skip link published (optional factors remaining)",
      basis: "DOC"
    },
    {
      id: "E3",
      from: [
        "MFA_ENROLL_ACTIVATE"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId}/lifecycle/activate",
      body: "stateToken,passCode (or U2F/WebAuthn attestation)",
      to: [
        "SUCCESS",
        "MFA_ENROLL",
        "PASSWORD_WARN"
      ],
      errors: [
        "403 E0000068"
      ],
      notes: "MFA_ENROLL when multiOptionalFactorEnroll or more required factors (dotted arrow in diagram)",
      basis: "DOC"
    },
    {
      id: "E4",
      from: [
        "MFA_ENROLL_ACTIVATE"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId}/lifecycle/activate/poll",
      body: "stateToken",
      to: [
        "MFA_ENROLL_ACTIVATE",
        "SUCCESS",
        "MFA_ENROLL"
      ],
      errors: [],
      notes: "push activation; factorResult WAITING|TIMEOUT while still MFA_ENROLL_ACTIVATE",
      basis: "DOC"
    },
    {
      id: "E5",
      from: [
        "MFA_ENROLL_ACTIVATE"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId}/lifecycle/resend | .../lifecycle/activate/{sms|email}",
      body: "stateToken[,profile]",
      to: [
        "MFA_ENROLL_ACTIVATE"
      ],
      errors: [
        "429 E0000109/E0000118/E0000133"
      ],
      basis: "DOC"
    },
    {
      id: "E6",
      from: [
        "MFA_ENROLL_ACTIVATE"
      ],
      method: "POST",
      path: "/api/v1/authn/previous",
      body: "stateToken",
      to: [
        "MFA_ENROLL"
      ],
      errors: [],
      basis: "DOC"
    },
    {
      id: "M1",
      from: [
        "MFA_REQUIRED"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId|factorType}/verify[?rememberDevice=&autoPush=]",
      body: "stateToken (no passCode)",
      to: [
        "MFA_CHALLENGE"
      ],
      errors: [
        "429 E0000109/E0000118/E0000133"
      ],
      notes: "sms/call/email send OTP; push starts WAITING; u2f/webauthn factorResult=CHALLENGE; duo",
      basis: "DOC"
    },
    {
      id: "M2",
      from: [
        "MFA_REQUIRED"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId}/verify",
      body: "stateToken,answer|passCode",
      to: [
        "SUCCESS",
        "PASSWORD_WARN",
        "PASSWORD_EXPIRED"
      ],
      errors: [
        "403 E0000068",
        "403 E0000069 (locked)"
      ],
      notes: "question, totp, token:* ; sms with passCode",
      basis: "DOC"
    },
    {
      id: "M3",
      from: [
        "MFA_CHALLENGE"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId}/verify",
      body: "stateToken[,passCode|clientData/signatureData]; also used as push poll (next.name=poll)",
      to: [
        "SUCCESS",
        "MFA_CHALLENGE",
        "PASSWORD_WARN",
        "PASSWORD_EXPIRED"
      ],
      errors: [
        "403 E0000068",
        "403 E0000069"
      ],
      notes: "stays MFA_CHALLENGE with factorResult WAITING|REJECTED|TIMEOUT|...",
      basis: "DOC"
    },
    {
      id: "M4",
      from: [
        "MFA_CHALLENGE"
      ],
      method: "POST",
      path: "/api/v1/authn/factors/{factorId}/verify/resend",
      body: "stateToken",
      to: [
        "MFA_CHALLENGE"
      ],
      errors: [
        "429 E0000109/E0000118/E0000133",
        "403 E0000006"
      ],
      basis: "DOC"
    },
    {
      id: "M5",
      from: [
        "MFA_CHALLENGE"
      ],
      method: "POST",
      path: "/api/v1/authn/previous",
      body: "stateToken",
      to: [
        "MFA_REQUIRED"
      ],
      errors: [],
      notes: "Sign-In Widget v1 does this automatically when bootstrapped/refreshed in MFA_CHALLENGE",
      basis: "DOC+SDK"
    },
    {
      id: "R1",
      from: [
        "*",
        "LOCKED_OUT"
      ],
      method: "POST",
      path: "/api/v1/authn/recovery/password | /api/v1/authn/recovery/unlock",
      body: "username,factorType=SMS|CALL|EMAIL[,relayState]",
      to: [
        "RECOVERY_CHALLENGE"
      ],
      errors: [
        "403 E0000034",
        "429 E0000047"
      ],
      notes: "public app; always answers even for unknown username; EMAIL variant: no stateToken, no _links, factorResult=WAITING -> transaction continues out-of-band via recoveryToken link",
      basis: "DOC"
    },
    {
      id: "R2",
      from: [
        "*"
      ],
      method: "POST",
      path: "/api/v1/authn/recovery/password | /api/v1/authn/recovery/unlock",
      body: "username + Authorization: SSWS (trusted app)",
      to: [
        "RECOVERY"
      ],
      errors: [
        "403 E0000095"
      ],
      notes: "response has recoveryToken, NO stateToken, next.name=recovery -> /recovery/token",
      basis: "DOC"
    },
    {
      id: "R3",
      from: [
        "RECOVERY_CHALLENGE"
      ],
      method: "POST",
      path: "/api/v1/authn/recovery/factors/{sms|call}/verify",
      body: "stateToken,passCode",
      to: [
        "RECOVERY",
        "PASSWORD_RESET",
        "SUCCESS"
      ],
      errors: [
        "403 E0000068",
        "403 E0000034"
      ],
      notes: "DOC shows RECOVERY (with recovery_question); okta-auth-js docs show PASSWORD_RESET directly (forgotPassword) and SUCCESS directly (unlockAccount) - policy dependent (security question not required)",
      basis: "DOC+SDK"
    },
    {
      id: "R4",
      from: [
        "RECOVERY_CHALLENGE"
      ],
      method: "POST",
      path: "/api/v1/authn/recovery/factors/{sms|call}/resend",
      body: "stateToken",
      to: [
        "RECOVERY_CHALLENGE"
      ],
      errors: [
        "403 E0000079",
        "429 E0000109/E0000133"
      ],
      basis: "DOC"
    },
    {
      id: "R5",
      from: [
        "*",
        "RECOVERY(trusted, recoveryToken)"
      ],
      method: "POST",
      path: "/api/v1/authn/recovery/token",
      body: "recoveryToken[,options{multiOptionalFactorEnroll}]",
      to: [
        "RECOVERY",
        "PASSWORD_RESET"
      ],
      errors: [
        "401 E0000011",
        "403 E0000105"
      ],
      notes: "exchanges one-time recoveryToken for a NEW stateToken (new transaction chain); PASSWORD_RESET direct when no security question required = INFER",
      basis: "DOC+SDK"
    },
    {
      id: "R6",
      from: [
        "RECOVERY"
      ],
      method: "POST",
      path: "/api/v1/authn/recovery/answer",
      body: "stateToken,answer",
      to: [
        "PASSWORD_RESET",
        "SUCCESS"
      ],
      errors: [
        "403 E0000087 (widget fixture uses HTTP 400)"
      ],
      notes: "SUCCESS when recoveryType=UNLOCK (diagram edge 'Unlock')",
      basis: "DOC+SDK"
    },
    {
      id: "R7",
      from: [
        "PASSWORD_RESET"
      ],
      method: "POST",
      path: "/api/v1/authn/credentials/reset_password",
      body: "stateToken,newPassword[,revokeSessions]",
      to: [
        "SUCCESS",
        "MFA_REQUIRED",
        "MFA_ENROLL"
      ],
      errors: [
        "403 E0000080",
        "403 E0000014"
      ],
      notes: "password is committed here: passwordChanged advances even when the next status is MFA_REQUIRED/MFA_ENROLL (diagram edges 'Enrolled with a Factor' / 'Factor Enrollment Required'; devforum 22315 shows stateToken changed at this call)",
      basis: "DOC+FORUM"
    },
    {
      id: "C1",
      from: [
        "<any non-terminal with cancel link>"
      ],
      method: "POST",
      path: "/api/v1/authn/cancel",
      body: "stateToken",
      to: [
        "CANCELLED"
      ],
      errors: [
        "401 E0000011"
      ],
      notes: "revokes the stateToken; body is {} / {relayState} / {_embedded:{}} - no status",
      basis: "DOC+SDK"
    }
  ]
};

// src/protocols/okta-authn/statuses.ts
var DOCUMENTED_STATUSES = okta_authn_transitions_default.statuses_documented;
var DOCUMENTED = new Set(DOCUMENTED_STATUSES);
var SDK_STATUSES = okta_authn_transitions_default.statuses_undocumented_seen_in_sdk.map((s) => s.replace(/\(.*$/, ""));
var PSEUDO_STATES = ["START", "CANCELLED", "UNKNOWN"];
function classifyStatus(status) {
  if (!status) return "unknown";
  if (DOCUMENTED_STATUSES.includes(status)) return "documented";
  if (PSEUDO_STATES.includes(status)) return "pseudo";
  if (SDK_STATUSES.includes(status)) return "sdk";
  return "unknown";
}
var MFA_STATES = ["MFA_REQUIRED", "MFA_CHALLENGE", "MFA_ENROLL", "MFA_ENROLL_ACTIVATE"];
function isMfaState(status) {
  return !!status && MFA_STATES.includes(status);
}
function isModelled(status) {
  return !!status && (DOCUMENTED.has(status) || status === "START" || status === "CANCELLED");
}
var FACTOR_RESULTS = [
  "WAITING",
  "CHALLENGE",
  "SUCCESS",
  "REJECTED",
  "TIMEOUT",
  "TIME_WINDOW_EXCEEDED",
  "PASSCODE_REPLAYED",
  "CANCELLED",
  "ERROR",
  "FAILED"
];
var TERMINAL_FACTOR_RESULTS = ["REJECTED", "TIMEOUT"];
function classifyFactorResult(value) {
  if (value === null || value === void 0 || value === "") return "absent";
  return FACTOR_RESULTS.includes(value) ? "known" : "unknown";
}

// src/protocols/okta-authn/transitions.ts
var ANY = "*";
var ANY_LIVE = "<live>";
var SAME = "<same>";
var ROWS = {
  A1: { operations: ["primary"], when: { lacks: ["token"] } },
  A2: { operations: ["primary"], when: { has: ["token"] } },
  A3: { operations: ["state", "introspect"] },
  A4: { operations: ["step-up"] },
  P1: { operations: ["credentials.change_password"] },
  P2: { operations: ["skip"] },
  E1: { operations: ["factors.enroll"] },
  E2: { operations: ["skip"] },
  E3: { operations: ["factors.activate"] },
  E4: { operations: ["factors.activate.poll"] },
  E5: { operations: ["factors.resend"] },
  E6: { operations: ["previous"] },
  M1: { operations: ["factors.verify"], when: { lacks: CREDENTIAL_KEYS } },
  M2: { operations: ["factors.verify"], when: { has: CREDENTIAL_KEYS } },
  M3: { operations: ["factors.verify"] },
  M4: { operations: ["factors.verify.resend"] },
  M5: { operations: ["previous"] },
  R1: { operations: ["recovery.password", "recovery.unlock"] },
  R2: { operations: ["recovery.password", "recovery.unlock"] },
  R3: { operations: ["recovery.factors.verify"] },
  R4: { operations: ["recovery.factors.resend"] },
  R5: { operations: ["recovery.token"] },
  R6: { operations: ["recovery.answer"] },
  R7: { operations: ["credentials.reset_password"] },
  C1: { operations: ["cancel"] }
};
function parseFrom(value) {
  if (value === "*") return ANY;
  if (value.startsWith("<any non-terminal")) return ANY_LIVE;
  return value.replace(/\(.*$/, "");
}
function parseError(text) {
  const m = /^(\d{3})\s+([E0-9/]+)\s*(?:\((.*)\))?/.exec(text.trim());
  if (!m) return { http: 0, codes: [], note: text };
  return { http: Number(m[1]), codes: m[2].split("/").filter(Boolean), note: m[3] ?? null };
}
function build() {
  return okta_authn_transitions_default.transitions.map((row) => {
    const mapping = ROWS[row.id];
    if (!mapping) throw new Error(`okta-authn-transitions.json row ${row.id} has no operation mapping in transitions.ts`);
    return {
      id: row.id,
      from: row.from.map(parseFrom),
      ...mapping,
      to: row.to.map((s) => s === "<same status>" ? SAME : s),
      errors: row.errors.map(parseError),
      basis: row.basis.split("+"),
      notes: "notes" in row && typeof row.notes === "string" ? row.notes : null,
      path: row.path
    };
  });
}
var TRANSITIONS = build();
function fromMatches(from, status) {
  if (from.includes(ANY)) return true;
  if (from.includes(ANY_LIVE)) return status !== "START" && status !== "CANCELLED" && status !== "SUCCESS";
  return from.includes(status);
}
function bodyMatches(when, keys) {
  if (!when) return true;
  if (when.has && !when.has.some((k) => keys.includes(k))) return false;
  if (when.lacks && when.lacks.some((k) => keys.includes(k))) return false;
  return true;
}
var pairs = /* @__PURE__ */ new Map();
if (TRANSITIONS.length > 31) throw new Error("okta-authn-transitions.json has more rows than transitions.ts can hold as bits");
function pairOf(status, operation) {
  let byOperation = pairs.get(status);
  if (!byOperation) {
    if (pairs.size >= 256) pairs.clear();
    pairs.set(status, byOperation = /* @__PURE__ */ new Map());
  }
  let pair = byOperation.get(operation);
  if (!pair) {
    if (byOperation.size >= 256) byOperation.clear();
    const rows = TRANSITIONS.filter((t2) => t2.operations.includes(operation) && fromMatches(t2.from, status));
    byOperation.set(operation, pair = { rows, narrowed: rows.some((t2) => t2.when), outcomes: /* @__PURE__ */ new Map() });
  }
  return pair;
}
function keptRows(pair, bodyKeys) {
  if (!bodyKeys || !pair.narrowed) return -1;
  const keys = Array.isArray(bodyKeys) ? bodyKeys : [...bodyKeys];
  let kept = 0;
  pair.rows.forEach((t2, i) => {
    if (bodyMatches(t2.when, keys)) kept |= 1 << i;
  });
  return kept === 0 ? -1 : kept;
}
var rowsKept = (pair, kept) => kept === -1 ? [...pair.rows] : pair.rows.filter((_, i) => kept & 1 << i);
function transitionsFor(status, operation, bodyKeys) {
  const pair = pairOf(status, operation);
  return rowsKept(pair, keptRows(pair, bodyKeys));
}
var TABLE_OPERATIONS = new Set(TRANSITIONS.flatMap((t2) => t2.operations));
function isJudgeable(status, operation) {
  return isModelled(status) && status !== "START" && operation !== "unknown" && TABLE_OPERATIONS.has(operation);
}
function allowedOutcomes(status, operation, bodyKeys) {
  const pair = pairOf(status, operation);
  const kept = keptRows(pair, bodyKeys);
  let outcomes = pair.outcomes.get(kept);
  if (!outcomes) {
    const out = /* @__PURE__ */ new Set();
    for (const t2 of rowsKept(pair, kept)) for (const to of t2.to) out.add(to === SAME ? status : to);
    pair.outcomes.set(kept, outcomes = [...out]);
  }
  return outcomes;
}
function operationsFrom(status) {
  const out = /* @__PURE__ */ new Set();
  for (const t2 of TRANSITIONS) if (!t2.from.includes(ANY) && fromMatches(t2.from, status)) for (const op of t2.operations) out.add(op);
  return [...out];
}

// src/protocols/okta-authn/rules/illegal-transition.ts
var illegalTransition = {
  meta: {
    id: "illegal-transition",
    severity: "high",
    summary: "an operation that the transition table does not allow in the current status",
    rationale: "Okta documents 403 E0000079 for a call not allowed in the current state. When Okta rejects it, the client is wrong (info); when Okta answers 2xx, the server left its documented state machine (high).",
    basis: "documented",
    docs: "docs/rules/illegal-transition.md",
    protocol: "okta-authn",
    messages: {
      rejected: "{operation} is not allowed in {status} (allowed there: {allowed}) and Okta answered 403 E0000079, as documented. The client called an operation the previous response did not offer.",
      accepted: "{operation} is not allowed in {status} (allowed there: {allowed}), yet Okta answered {httpStatus} and moved to {after}. Okta documents 403 E0000079 for this: the server accepted a transition outside its documented state machine."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        if (!isJudgeable(step.statusBefore, step.operation) || operationInfo(step.operation).readOnly) return;
        if (allowedOutcomes(step.statusBefore, step.operation, requestKeys(step)).length > 0) return;
        const ok = isOk(step);
        if (!ok && step.errorCode !== "E0000079") return;
        const allowed = operationsFrom(step.statusBefore).join(", ") || "only calls that start a new transaction";
        context.report({
          transaction: tx,
          step,
          messageId: ok ? "accepted" : "rejected",
          severity: ok ? "high" : "info",
          data: { operation: step.operation, status: step.statusBefore, allowed, httpStatus: step.httpStatus ?? "", after: step.statusAfter },
          evidence: { statusBefore: step.statusBefore, operation: step.operation, httpStatus: step.httpStatus, errorCode: step.errorCode, statusAfter: step.statusAfter }
        });
      }
    };
  }
};

// src/protocols/okta-authn/steps.ts
function setsPassword(step) {
  if (operationInfo(step.operation).setsPassword) return true;
  return step.operation === "primary" && requestKeys(step).includes("token");
}
function* passwordAdvances(steps, opts) {
  let latest = null;
  let setterSince = false;
  for (const step of steps) {
    if (setsPassword(step) && (!opts.setterNeedsOk || isOk(step))) setterSince = true;
    const ms = toMs(step.passwordChanged);
    if (ms === null || !isOk(step)) continue;
    const status = step.responseStatus ?? step.statusAfter;
    if (latest && ms > latest.ms) yield { step, status, previous: { iso: latest.iso, status: latest.status, step: latest.step }, setterSince };
    if (!latest || ms >= latest.ms) latest = { ms, iso: step.passwordChanged, status, step: step.step };
    else latest = { ms: latest.ms, iso: latest.iso, status, step: opts.regressionMovesStep ? step.step : latest.step };
    setterSince = false;
  }
}

// src/protocols/okta-authn/rules/password-changed-during-mfa.ts
var passwordChangedDuringMfa = {
  meta: {
    id: "password-changed-during-mfa",
    severity: "high",
    summary: "passwordChanged advances between two MFA-state responses with no reset/change call between them",
    rationale: "While a transaction waits for a second factor nothing in it can change the password. An advance there means the password was changed elsewhere (another session, an admin, an API call) during the flow, or the evidence mixes attempts.",
    basis: "documented",
    docs: "docs/rules/password-changed-during-mfa.md",
    protocol: "okta-authn",
    messages: {
      advancedDuringMfa: "passwordChanged advanced from {before} to {after} while the transaction was in {fromStatus} -> {toStatus}, and no reset_password/change_password call happened in this chain since step {earlierStep}. Okta documents no call that changes the password inside MFA: it was changed elsewhere during the flow, or the evidence mixes attempts."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        if (!passwordMayAdvance(tx.steps)) return;
        for (const a of passwordAdvances(tx.steps, { setterNeedsOk: true, regressionMovesStep: true })) {
          if (a.setterSince || !isMfaState(a.previous.status) || !isMfaState(a.status)) continue;
          context.report({
            transaction: tx,
            step: a.step,
            messageId: "advancedDuringMfa",
            data: { before: a.previous.iso, after: a.step.passwordChanged ?? "", fromStatus: a.previous.status, toStatus: a.status, earlierStep: a.previous.step },
            evidence: { passwordChangedBefore: a.previous.iso, passwordChangedAfter: a.step.passwordChanged, statusBefore: a.previous.status, statusAfter: a.status, previousStep: a.previous.step }
          });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/password-changed-regressed.ts
var passwordChangedRegressed = {
  meta: {
    id: "password-changed-regressed",
    severity: "high",
    summary: "passwordChanged moves backwards within a chain or for one user",
    rationale: "A password change time can only move forward. A value that goes back means the responses belong to different attempts (pasted evidence) or Okta served stale user data.",
    basis: "evidence",
    docs: "docs/rules/password-changed-regressed.md",
    protocol: "okta-authn",
    messages: {
      regressedInChain: "passwordChanged went backwards in this chain: {after} here, but step {earlierStep} already reported {before}. Okta documents passwordChanged as the time of the last change, so it cannot move back: the responses come from different attempts (capture one run again), or, if they were recorded in one run, Okta returned stale user data.",
      regressedForUser: "passwordChanged for this user went backwards across transactions: {after} here, but transaction {earlierTransaction} step {earlierStep} already reported {before}. Okta documents passwordChanged as the time of the last change, so it cannot move back: check whether the evidence mixes attempts."
    }
  },
  create(context) {
    const reported = /* @__PURE__ */ new WeakSet();
    const report = (tx, step, latest, messageId) => {
      reported.add(step);
      context.report({
        transaction: tx,
        step,
        messageId,
        data: { after: step.passwordChanged ?? "", before: latest.iso, earlierStep: latest.step, earlierTransaction: latest.transaction },
        evidence: { passwordChanged: step.passwordChanged, latestBefore: latest.iso, latestStep: latest.step, latestTransaction: latest.transaction }
      });
    };
    return {
      transaction(tx) {
        let latest = null;
        for (const step of tx.steps) {
          const ms = timesOf(step).changed;
          if (ms === null) continue;
          if (latest && ms < latest.ms) report(tx, step, latest, "regressedInChain");
          if (!latest || ms > latest.ms) latest = { ms, iso: step.passwordChanged, step: step.step, transaction: tx.id };
        }
      },
      unit(unit) {
        const latestByUser = /* @__PURE__ */ new Map();
        for (const { tx, step } of unit) {
          const ms = timesOf(step).changed;
          const user = step.userId ?? tx.user.id;
          if (ms === null || !user) continue;
          const latest = latestByUser.get(user);
          if (latest && ms < latest.ms && latest.transaction !== tx.id && !reported.has(step)) report(tx, step, latest, "regressedForUser");
          if (!latest || ms > latest.ms) latestByUser.set(user, { ms, iso: step.passwordChanged, step: step.step, transaction: tx.id });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/password-changed-without-call.ts
var passwordChangedWithoutCall = {
  meta: {
    id: "password-changed-without-call",
    severity: "medium",
    summary: "passwordChanged changes with no reset, change or activation call in the chain",
    rationale: "Only reset_password, change_password and activation set a password inside an authn transaction. An advance elsewhere means the password was changed outside this flow while it ran, or the evidence mixes attempts.",
    basis: "documented",
    docs: "docs/rules/password-changed-without-call.md",
    protocol: "okta-authn",
    messages: {
      changedWithoutCall: "passwordChanged moved from {before} (step {earlierStep}) to {after} at {operation}, and no reset_password, change_password or activation call in this chain explains it. Okta documents password changes only at those calls: the password was changed outside this flow, or the evidence mixes attempts."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        if (!passwordMayAdvance(tx.steps)) return;
        for (const a of passwordAdvances(tx.steps, { setterNeedsOk: false, regressionMovesStep: false })) {
          if (a.setterSince || isMfaState(a.previous.status) && isMfaState(a.status)) continue;
          context.report({
            transaction: tx,
            step: a.step,
            messageId: "changedWithoutCall",
            data: { before: a.previous.iso, earlierStep: a.previous.step, after: a.step.passwordChanged ?? "", operation: a.step.operation },
            evidence: { passwordChangedBefore: a.previous.iso, passwordChangedAfter: a.step.passwordChanged, operation: a.step.operation, previousStep: a.previous.step }
          });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/password-committed-before-mfa.ts
var MFA_AFTER_RESET = ["MFA_REQUIRED", "MFA_ENROLL"];
var passwordCommittedBeforeMfa = {
  meta: {
    id: "password-committed-before-mfa",
    severity: "info",
    summary: "reset_password/change_password committed the password while a second factor was still pending",
    rationale: "Okta documents PASSWORD_RESET -> MFA_REQUIRED/MFA_ENROLL: the password is committed at reset_password and MFA then gates only the session. If the user abandons MFA, the password was changed with one factor.",
    basis: "documented",
    explains: ["committedThenVerified", "committedMfaAbandoned"],
    docs: "docs/rules/password-committed-before-mfa.md",
    protocol: "okta-authn",
    messages: {
      committedThenVerified: "{operation} answered {status} and passwordChanged advanced ({before} -> {after}{seen}): the password was committed before any second factor was verified. Okta documents this edge (PASSWORD_RESET -> {status}): the reset commits the password and MFA gates only the session. The chain reached SUCCESS at step {successStep}, so MFA was completed afterwards.",
      committedMfaAbandoned: "{operation} answered {status} and passwordChanged advanced ({before} -> {after}{seen}), and the chain never reaches SUCCESS in this evidence: the password was changed with a single factor and MFA was abandoned (or not captured). Okta documents the edge (PASSWORD_RESET -> {status}); the security consequence is that a later sign-in may not face MFA again (okta-auth-dotnet issue 46)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let latest = null;
        let latestIso = null;
        tx.steps.forEach((step, i) => {
          const changed = timesOf(step).changed;
          const status = step.responseStatus ?? "";
          if (latest !== null && isOk(step) && setsPassword(step) && MFA_AFTER_RESET.includes(status)) {
            const witness = changed !== null ? step : tx.steps.slice(i + 1).find((s) => timesOf(s).changed !== null);
            const after2 = witness ? timesOf(witness).changed : null;
            if (witness && after2 !== null && after2 > latest) {
              const success = tx.steps.slice(i + 1).find((s) => isOk(s) && s.responseStatus === "SUCCESS") ?? null;
              context.report({
                transaction: tx,
                step,
                messageId: success ? "committedThenVerified" : "committedMfaAbandoned",
                severity: success ? "info" : "high",
                data: {
                  operation: step.operation,
                  status,
                  before: latestIso ?? "",
                  after: witness.passwordChanged ?? "",
                  seen: witness === step ? "" : `, seen at step ${witness.step}`,
                  successStep: success?.step ?? ""
                },
                evidence: {
                  operation: step.operation,
                  statusAfter: status,
                  passwordChangedBefore: latestIso,
                  passwordChangedAfter: witness.passwordChanged,
                  passwordChangedSeenAtStep: witness.step,
                  chainReachedSuccess: success !== null,
                  successStep: success?.step ?? null
                }
              });
            }
          }
          if (changed !== null && (latest === null || changed > latest)) {
            latest = changed;
            latestIso = step.passwordChanged;
          }
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/password-reset-without-proof.ts
function proof(step, trustedToken) {
  if (!isOk(step)) return null;
  if (step.operation === "recovery.answer") return "recovery question answered";
  if (step.operation === "recovery.factors.verify") return "recovery factor (SMS/call) verified";
  if (step.operation === "primary" && requestKeys(step).includes("token")) return "activation token";
  if (step.operation === "recovery.token" && !trustedToken) return "emailed recovery token";
  return null;
}
var passwordResetWithoutProof = {
  meta: {
    id: "password-reset-without-proof",
    severity: "high",
    summary: "PASSWORD_RESET reached with no recovery answer, recovery-factor verify or activation token before it",
    rationale: "Okta documents PASSWORD_RESET after a recovery answer, a verified recovery factor or an activation token. Reaching it without any of them lets whoever holds the transaction choose a password with no proof of identity.",
    basis: "documented",
    docs: "docs/rules/password-reset-without-proof.md",
    protocol: "okta-authn",
    messages: {
      noProof: "The chain reached PASSWORD_RESET at {operation} with no proof of identity before it (no recovery answer, no verified recovery factor, no activation token{trusted}). Okta documents PASSWORD_RESET only after such a step (the direct /recovery/token -> PASSWORD_RESET edge is inferred): whoever holds this transaction can set the password."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const trustedToken = tx.steps.some((s) => isOk(s) && s.responseRecoveryToken !== null && (s.operation === "recovery.password" || s.operation === "recovery.unlock"));
        let proven = false;
        for (const step of tx.steps) {
          if (proof(step, trustedToken)) proven = true;
          if (!isOk(step) || step.responseStatus !== "PASSWORD_RESET" || step.statusBefore === "PASSWORD_RESET") continue;
          if (step.statusBefore === "UNKNOWN" && step === tx.steps[0]) continue;
          if (!proven) {
            context.report({
              transaction: tx,
              step,
              messageId: "noProof",
              data: { operation: step.operation, trusted: trustedToken ? "; the recoveryToken came from a trusted-app /recovery/password call" : "" },
              evidence: { operation: step.operation, statusBefore: step.statusBefore, trustedAppRecoveryToken: trustedToken, stepsBefore: tx.steps.filter((s) => s.step < step.step).map((s) => s.operation) }
            });
          }
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/policy-violation-accepted.ts
var NEW_PASSWORD_FIELDS = ["newPassword"];
var USERNAME_NAMES = ["login", "username", "email"];
function num(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
function violations(shape, complexity) {
  const out = [];
  const checks = [
    ["minLength", shape.length],
    ["minLowerCase", shape.lower],
    ["minUpperCase", shape.upper],
    ["minNumber", shape.digits],
    ["minSymbol", shape.symbols]
  ];
  const names = { minLength: "length", minLowerCase: "lower-case", minUpperCase: "upper-case", minNumber: "digits", minSymbol: "symbols" };
  for (const [key4, have] of checks) {
    const min = num(complexity[key4]);
    if (min !== null && min > 0 && have < min) out.push(`${names[key4]} ${have} < ${key4} ${min}`);
  }
  if (complexity.excludeUsername === true) {
    const hit = shape.contains.filter((c) => USERNAME_NAMES.includes(c));
    if (hit.length > 0) out.push(`contains the ${hit[0]} (excludeUsername)`);
  }
  const excluded = Array.isArray(complexity.excludeAttributes) ? complexity.excludeAttributes.filter((a) => typeof a === "string") : [];
  for (const attr of excluded) if (shape.contains.includes(attr)) out.push(`contains ${attr} (excludeAttributes)`);
  return out;
}
var policyViolationAccepted = {
  meta: {
    id: "policy-violation-accepted",
    severity: "medium",
    summary: "a new password visible in the evidence violates the advertised complexity policy, and the server answered 2xx",
    rationale: "Okta advertises the password policy in _embedded.policy.complexity and documents 403 E0000080 for a password that breaks it. A 2xx for such a password means the advertised policy is not the one enforced, or the evidence mixes attempts.",
    basis: "documented",
    docs: "docs/rules/policy-violation-accepted.md",
    protocol: "okta-authn",
    messages: {
      accepted: "The new password ({shape}) breaks the policy advertised at step {policyStep} ({violations}), yet {operation} answered {httpStatus}. Okta documents 403 E0000080 for such a password: either the enforced policy differs from the advertised one or this response belongs to another attempt. (The password is in clear in the evidence: see secret-exposed.)"
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          if (!isOk(step)) return;
          const shapes = (step.exchange.evidence?.passwords ?? []).filter((p) => NEW_PASSWORD_FIELDS.includes(p.field));
          if (shapes.length === 0) return;
          const policyStep = lastBefore(tx.steps, i, (s) => isObject(get(responseBody(s), "_embedded.policy.complexity")));
          const complexity = policyStep ? get(responseBody(policyStep), "_embedded.policy.complexity") : null;
          if (!policyStep || !complexity) return;
          for (const shape of shapes) {
            const broken = violations(shape, complexity);
            if (broken.length === 0) continue;
            const described = `length ${shape.length}, ${shape.lower} lower, ${shape.upper} upper, ${shape.digits} digits, ${shape.symbols} symbols`;
            context.report({
              transaction: tx,
              step,
              messageId: "accepted",
              data: { shape: described, policyStep: policyStep.step, violations: broken.join("; "), operation: step.operation, httpStatus: step.httpStatus ?? "" },
              evidence: {
                field: shape.field,
                password: { length: shape.length, lower: shape.lower, upper: shape.upper, digits: shape.digits, symbols: shape.symbols, contains: shape.contains },
                policy: complexity,
                policyStep: policyStep.step,
                violations: broken
              }
            });
          }
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/premature-invalidation.ts
var prematureInvalidation = {
  meta: {
    id: "premature-invalidation",
    severity: "medium",
    summary: '401 E0000011 "Invalid token provided" before the expiresAt Okta announced for that token',
    rationale: "A live, newest stateToken should work until its expiresAt. A 401 before it means the server revoked the transaction early (a parallel cancel, a new sign-in, a server-side limit) or the client sent a token it altered.",
    basis: "documented",
    docs: "docs/rules/premature-invalidation.md",
    protocol: "okta-authn",
    messages: {
      invalidBeforeExpiry: "Okta rejected {token} with 401 E0000011 {early} before its expiresAt ({expiresAt}, announced at step {expiryStep}). Okta documents E0000011 for expired or invalid tokens; this one was neither stale nor expired, so the transaction was revoked early (a parallel cancel or sign-in, or an altered token)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        if (!clockAgrees(tx.steps)) return;
        tx.steps.forEach((step, i) => {
          if (step.httpStatus !== 401 || step.errorCode !== "E0000011" || !step.requestToken) return;
          const started = timesOf(step).started;
          if (started === null) return;
          const previous = tx.steps.slice(0, i).filter((s) => s.responseToken && s.httpStatus !== null && s.httpStatus < 300);
          const newest = previous[previous.length - 1];
          if (!newest || tokenRelation(newest.responseToken, step.requestToken) !== "same") return;
          const ok = (s) => s.httpStatus !== null && s.httpStatus >= 200 && s.httpStatus < 300;
          if (tx.steps.slice(0, i).some((s) => ok(s) && (s.operation === "cancel" || s.responseStatus === "SUCCESS" && !s.responseToken))) return;
          const expiry = expiryBefore(tx.steps, i, step.requestToken, "state");
          if (!expiry || started >= expiry.ms - SKEW_MS) return;
          context.report({
            transaction: tx,
            step,
            messageId: "invalidBeforeExpiry",
            data: { token: tokenLabel(step.requestToken) ?? "", early: humanDuration(expiry.ms - started), expiresAt: expiry.iso, expiryStep: expiry.step },
            evidence: { token: tokenLabel(step.requestToken), startedAt: step.exchange.startedAt, expiresAt: expiry.iso, expiryStep: expiry.step, errorCode: step.errorCode }
          });
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/push-after-terminal.ts
function restarts(step) {
  if (["factors.verify.resend", "factors.resend", "previous"].includes(step.operation)) return true;
  if (step.operation === "factors.verify" && step.statusBefore === "MFA_REQUIRED") return true;
  if (requestKeys(step).some((k) => CREDENTIAL_KEYS.includes(k))) return true;
  return isOk(step) && (step.factorResult === "WAITING" || step.factorResult === "CHALLENGE");
}
var pushAfterTerminal = {
  meta: {
    id: "push-after-terminal",
    severity: "medium",
    summary: "SUCCESS after a push was REJECTED or TIMEOUT, with no new verify in between",
    rationale: "Okta documents REJECTED and TIMEOUT as final for a push challenge: the user must resend (verify/resend) or pick another factor. SUCCESS on the same challenge means a rejected push was later accepted.",
    basis: "documented",
    docs: "docs/rules/push-after-terminal.md",
    protocol: "okta-authn",
    messages: {
      successAfterTerminal: "This response is SUCCESS although the push was {result} at step {terminalStep} and no new challenge (resend, previous, another factor) was started since. Okta documents {result} as final for that challenge: a rejected or expired push ended up accepted."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let terminal = null;
        for (const step of tx.steps) {
          if (isOk(step) && step.factorResult && TERMINAL_FACTOR_RESULTS.includes(step.factorResult)) {
            terminal = step;
            continue;
          }
          if (!terminal) continue;
          if (isOk(step) && step.responseStatus === "SUCCESS") {
            context.report({
              transaction: tx,
              step,
              messageId: "successAfterTerminal",
              data: { result: terminal.factorResult ?? "", terminalStep: terminal.step },
              evidence: { terminalStep: terminal.step, factorResult: terminal.factorResult, operation: step.operation }
            });
            terminal = null;
          } else if (restarts(step)) terminal = null;
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/recovery-token-reuse.ts
var recoveryTokenReuse = {
  meta: {
    id: "recovery-token-reuse",
    severity: "medium",
    summary: "the same recoveryToken exchanged at /recovery/token more than once",
    rationale: "Okta documents the recoveryToken as one-time: a second exchange must fail (403 E0000105 or 401 E0000011). A second 2xx means the one-time token was replayable, which lets a leaked recovery link be used again.",
    basis: "documented",
    docs: "docs/rules/recovery-token-reuse.md",
    protocol: "okta-authn",
    messages: {
      reusedRejected: "The recoveryToken {token} was already exchanged at step {firstStep} of transaction {firstTransaction}; this second exchange got {answer}, as documented for a one-time token. Something (a double click, a mail scanner following the link, a replay) used the link twice.",
      reusedAccepted: "The recoveryToken {token} was already exchanged at step {firstStep} of transaction {firstTransaction}, yet this second exchange was answered {answer}. Okta documents the recoveryToken as one-time: it was replayable."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const exchanged = [];
        for (const placed of unit) {
          const { step } = placed;
          if (step.operation !== "recovery.token" || !step.requestRecoveryToken) continue;
          const first = exchanged.find((p) => sameToken2(p.step.requestRecoveryToken, step.requestRecoveryToken));
          if (first) {
            context.report(
              reuseReport(
                placed,
                isOk(step),
                { token: tokenLabel(step.requestRecoveryToken) ?? "", firstStep: first.step.step, firstTransaction: first.tx.id, answer: `${step.httpStatus ?? "nothing"}${step.errorCode ? ` ${step.errorCode}` : ""}` },
                { recoveryToken: tokenLabel(step.requestRecoveryToken), first: { transaction: first.tx.id, step: first.step.step, httpStatus: first.step.httpStatus }, httpStatus: step.httpStatus, errorCode: step.errorCode }
              )
            );
          } else exchanged.push(placed);
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/recovery-token-to-public.ts
var SECRET_HEADERS = ["authorization", "cookie"];
function caller(headers, headersKept) {
  if (Object.keys(headers).length === 0) return "unknown";
  const auth = headers.authorization;
  if (auth === void 0) return headersKept ? "public" : "unknown";
  if (/^\s*ssws\b/i.test(auth)) return "trusted";
  return /^\s*(bearer|basic|dpop)\b/i.test(auth) ? "public" : "unknown";
}
var recoveryTokenToPublic = {
  meta: {
    id: "recovery-token-to-public",
    severity: "high",
    summary: "a recoveryToken returned to a request without SSWS authorization (judged only when the evidence kept its headers)",
    rationale: "Okta documents that a recoveryToken is returned directly only to a trusted application calling with an SSWS API token; public clients get it by email. A recoveryToken in a public response lets anyone who asks reset the password.",
    basis: "documented",
    docs: "docs/rules/recovery-token-to-public.md",
    protocol: "okta-authn",
    messages: {
      publicRecoveryToken: "{operation} returned a recoveryToken ({token}) to a request without an SSWS Authorization header ({auth}). Okta documents this only for trusted apps: anyone who can call this endpoint could reset the user's password with it."
    }
  },
  create(context) {
    return {
      unit(unit) {
        let kept;
        for (const { tx, step } of unit) {
          if (!isOk(step) || !step.responseRecoveryToken) continue;
          kept ??= unit.some(({ step: step2 }) => step2.exchange.sourceKind === "proxy" || SECRET_HEADERS.some((h) => h in (step2.exchange.requestHeaders ?? {})) || "set-cookie" in (step2.exchange.responseHeaders ?? {}));
          const headers = step.exchange.requestHeaders ?? {};
          if (caller(headers, kept) !== "public") continue;
          const auth = headers.authorization;
          context.report({
            transaction: tx,
            step,
            messageId: "publicRecoveryToken",
            data: { operation: step.operation, token: tokenLabel(step.responseRecoveryToken) ?? "", auth: auth ? `scheme ${auth.split(/\s+/)[0]}` : "no Authorization header, in evidence that keeps such headers" },
            evidence: { operation: step.operation, recoveryToken: tokenLabel(step.responseRecoveryToken), authorizationScheme: auth ? auth.split(/\s+/)[0] : null, requestHeaders: Object.keys(headers) }
          });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/recovery-type-changed.ts
var recoveryTypeChanged = {
  meta: {
    id: "recovery-type-changed",
    severity: "high",
    summary: "recoveryType changes within a chain (PASSWORD, UNLOCK, ACCOUNT_ACTIVATION)",
    rationale: "A recovery transaction is started for one purpose (forgot password, unlock, activation) and Okta keeps its recoveryType to the end. A change means an unlock turned into a password reset (or back), which bypasses the checks of the intended flow.",
    basis: "documented",
    docs: "docs/rules/recovery-type-changed.md",
    protocol: "okta-authn",
    messages: {
      changed: "recoveryType changed from {before} (step {beforeStep}) to {after}. Okta keeps a recovery transaction's type from start to end: a {before} flow turned into {after}, which Okta does not document."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let current = null;
        for (const step of tx.steps) {
          if (!step.recoveryType) continue;
          if (current && current.value !== step.recoveryType) {
            context.report({
              transaction: tx,
              step,
              messageId: "changed",
              data: { before: current.value, beforeStep: current.step, after: step.recoveryType },
              evidence: { before: current.value, beforeStep: current.step, after: step.recoveryType }
            });
          }
          if (!current || current.value !== step.recoveryType) current = { value: step.recoveryType, step: step.step };
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/skip-not-offered.ts
var skipNotOffered = {
  meta: {
    id: "skip-not-offered",
    severity: "medium",
    summary: "/skip called although the previous response published no skip link",
    rationale: "Okta documents /skip only when a skip link is published (optional enrollment in MFA_ENROLL, a PASSWORD_WARN). Skipping anything else, and above all reaching SUCCESS that way, bypasses a required step.",
    basis: "documented",
    docs: "docs/rules/skip-not-offered.md",
    protocol: "okta-authn",
    messages: {
      skipRejected: "/skip was called in {status}, whose response at step {linkStep} published no skip link, and Okta answered {answer}. Okta documents skip only when offered; the client tried to bypass a required step.",
      skipAccepted: "/skip was called in {status}, whose response at step {linkStep} published no skip link, yet Okta answered {answer} with {after}. Okta documents skip only when offered: a required step was bypassed."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          if (step.operation !== "skip") return;
          const previous = lastBefore(tx.steps, i, (s) => isOk(s) && responseBody(s) !== null);
          if (!previous || !hasLinks(responseBody(previous))) return;
          if (publishedLinks(responseBody(previous)).some((l) => l.rel === "skip" || l.name === "skip" || /\/skip$/i.test(l.path))) return;
          const ok = isOk(step);
          const success = ok && step.responseStatus === "SUCCESS";
          context.report({
            transaction: tx,
            step,
            messageId: ok ? "skipAccepted" : "skipRejected",
            severity: success ? "high" : "medium",
            data: { status: step.statusBefore, linkStep: previous.step, answer: `${step.httpStatus ?? "nothing"}${step.errorCode ? ` ${step.errorCode}` : ""}`, after: step.statusAfter },
            evidence: { statusBefore: step.statusBefore, publishedBy: previous.step, published: publishedLinks(responseBody(previous)).map((l) => l.rel), httpStatus: step.httpStatus, statusAfter: step.statusAfter }
          });
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/stale-state-token.ts
var staleStateToken = {
  meta: {
    id: "stale-state-token",
    severity: "medium",
    summary: "a request uses a stateToken that is not the newest of its chain, or one of a chain that already ended",
    rationale: "Okta requires the stateToken of the latest response; a client that keeps an old transaction object sends a stale one. Okta should reject it (401 E0000011); a 2xx to a stale or ended token means the old token stayed valid.",
    basis: "documented",
    docs: "docs/rules/stale-state-token.md",
    protocol: "okta-authn",
    messages: {
      notNewest: "This request sent {token}, but step {newestStep} had already replaced it with {newest}. The client kept an old transaction object (Okta documents that each response's stateToken must be used for the next call). {verdict}",
      endedChain: "This request sent {token} after the chain ended at step {endStep} ({endStatus}). A finished transaction's token must not be used again. {verdict}"
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const seen = [];
        let newest = null;
        let ended = null;
        for (const step of tx.steps) {
          const sent = step.requestToken;
          if (sent) {
            const verdict = isOk(step) ? `Okta answered ${step.httpStatus}: the old token was still accepted, which Okta does not document.` : `Okta answered ${step.httpStatus ?? "nothing"}${step.errorCode ? ` ${step.errorCode}` : ""}, as expected for a stale token.`;
            const severity = isOk(step) ? "high" : "medium";
            const known = seen.some((s) => tokenRelation(s.token, sent) === "same");
            if (ended && known && step.operation !== "cancel") {
              context.report({
                transaction: tx,
                step,
                messageId: "endedChain",
                severity,
                data: { token: tokenLabel(sent) ?? "", endStep: ended.step, endStatus: ended.status, verdict },
                evidence: { requestToken: tokenLabel(sent), endedAtStep: ended.step, endStatus: ended.status, httpStatus: step.httpStatus }
              });
            } else if (newest && known && tokenRelation(newest.token, sent) === "different") {
              context.report({
                transaction: tx,
                step,
                messageId: "notNewest",
                severity,
                data: { token: tokenLabel(sent) ?? "", newest: tokenLabel(newest.token) ?? "", newestStep: newest.step, verdict },
                evidence: { requestToken: tokenLabel(sent), newestToken: tokenLabel(newest.token), newestStep: newest.step, httpStatus: step.httpStatus }
              });
            }
            if (!seen.some((s) => tokenRelation(s.token, sent) === "same")) seen.push({ token: sent, step: step.step });
          }
          if (!isOk(step)) continue;
          if (step.responseToken) {
            newest = { token: step.responseToken, step: step.step };
            if (!seen.some((s) => tokenRelation(s.token, step.responseToken) === "same")) seen.push({ token: step.responseToken, step: step.step });
          }
          if (step.operation === "cancel" || step.responseStatus === "SUCCESS" && !step.responseToken) {
            ended = { step: step.step, status: step.operation === "cancel" ? "CANCELLED" : "SUCCESS" };
          } else if (step.responseStatus && step.responseToken) {
            ended = null;
          }
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/state-token-rotated.ts
var NEW_CHAIN = ["primary", "recovery.token"];
var OBSERVED = ["credentials.reset_password", "step-up"];
var stateTokenRotated = {
  meta: {
    id: "state-token-rotated",
    severity: "info",
    summary: "the response carries a different stateToken than the request sent, outside /recovery/token and primary authentication",
    rationale: "Clients must send the stateToken of the latest response. Rotation has been observed at reset_password and step-up; elsewhere it is unusual but not proven wrong (inferred), so a client that keeps an old transaction object sends a stale token.",
    basis: "inferred",
    docs: "docs/rules/state-token-rotated.md",
    protocol: "okta-authn",
    messages: {
      rotatedObserved: "The stateToken changed at {operation} ({before} -> {after}). {where}: the client must use the new token from now on, or its next call is rejected as stale.",
      rotatedElsewhere: "The stateToken changed at {operation} ({before} -> {after}). Okta does not document rotation at this call (inferred as unusual, not proven wrong): make sure the client switches to the new token."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        if (NEW_CHAIN.includes(step.operation) || !step.requestToken || !step.responseToken) return;
        if (tokenRelation(step.requestToken, step.responseToken) !== "different") return;
        const observed = OBSERVED.includes(step.operation);
        const before = tokenLabel(step.requestToken) ?? "";
        const after2 = tokenLabel(step.responseToken) ?? "";
        context.report({
          transaction: tx,
          step,
          messageId: observed ? "rotatedObserved" : "rotatedElsewhere",
          data: {
            operation: step.operation,
            before,
            after: after2,
            where: step.operation === "step-up" ? "Okta's step-up example shows this rotation, though the reference states no rule for it" : "Developers have reported rotation at this call (devforum thread 22315); Okta does not document it"
          },
          evidence: { operation: step.operation, requestToken: before, responseToken: after2 }
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/success-shape.ts
function isStepUp(step) {
  return step.operation === "step-up" || get(responseBody(step), "type") === "SESSION_STEP_UP";
}
function truncated(step) {
  return (step.exchange.notes ?? []).some((n2) => /truncat|elided|cut/i.test(n2));
}
var successShape = {
  meta: {
    id: "success-shape",
    severity: "medium",
    summary: "SUCCESS without sessionToken, a sessionToken on another status, or a stateToken on SUCCESS outside step-up",
    rationale: "Okta documents that a sessionToken appears only on SUCCESS and that SUCCESS carries no stateToken except in step-up (SESSION_STEP_UP). Another shape breaks clients and can leak a session-granting token where none is expected.",
    basis: "documented",
    docs: "docs/rules/success-shape.md",
    protocol: "okta-authn",
    messages: {
      successWithoutSession: "{operation} answered SUCCESS without a sessionToken. Okta documents a sessionToken on SUCCESS outside step-up and account unlock: the client cannot create a session from this response.",
      sessionOnNonSuccess: "{operation} answered {status} with a sessionToken. Okta documents sessionToken only on SUCCESS: a session-granting token was issued before the transaction finished.",
      stateTokenOnSuccess: "{operation} answered SUCCESS and still carries a stateToken. Okta documents this only for step-up (type SESSION_STEP_UP): the transaction may stay usable after it ended."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const body = responseBody(step);
        if (!isOk(step) || !body || !step.responseStatus) return;
        const session = str2(body.sessionToken);
        const data = { operation: step.operation, status: step.responseStatus };
        const evidence = { status: step.responseStatus, sessionToken: session !== null, stateToken: step.responseToken !== null, type: get(body, "type") ?? null };
        if (step.responseStatus === "SUCCESS") {
          const unlock = step.recoveryType === "UNLOCK";
          if (!session && !isStepUp(step) && !unlock && !truncated(step)) context.report({ transaction: tx, step, messageId: "successWithoutSession", data, evidence });
          if (step.responseToken && !isStepUp(step)) context.report({ transaction: tx, step, messageId: "stateTokenOnSuccess", data, evidence });
        } else if (session) {
          context.report({ transaction: tx, step, messageId: "sessionOnNonSuccess", data, evidence });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/timeline-inconsistent.ts
var timelineInconsistent = {
  meta: {
    id: "timeline-inconsistent",
    severity: "medium",
    summary: "timestamps that cannot belong to one run: passwordChanged after the response's own expiresAt, an expiry before the request, requests out of order",
    rationale: "A response is produced before its own expiresAt, so it cannot report a password change after that instant; requests of one run cannot start before the previous one. Such evidence mixes attempts and its other findings must be read with care.",
    basis: "evidence",
    docs: "docs/rules/timeline-inconsistent.md",
    protocol: "okta-authn",
    messages: {
      passwordChangedAfterExpiry: "This response reports passwordChanged {passwordChanged}, {delta} after its own expiresAt {expiresAt}: a response is produced before its transaction expires, so these values come from different attempts (evidence pasted from more than one run). Both fields are documented, and no single response can hold this pair: capture one run again.",
      expiresBeforeRequest: "This {httpStatus} response gives expiresAt {expiresAt}, {delta} before its own request started ({startedAt}): Okta documents that a successful call slides expiresAt forward from now, so the clock of the evidence or the pairing of request and response is wrong.",
      outOfOrder: "This request started at {startedAt}, {delta} before step {previousStep} ({previousStartedAt}) that precedes it in the chain: the steps are out of order or come from different runs."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let previousStart = null;
        for (const step of tx.steps) {
          const changed = timesOf(step).changed;
          const expires = timesOf(step).expires;
          if (isOk(step) && changed !== null && expires !== null && changed > expires + 1e3) {
            context.report({
              transaction: tx,
              step,
              messageId: "passwordChangedAfterExpiry",
              data: { passwordChanged: step.passwordChanged ?? "", expiresAt: step.expiresAt ?? "", delta: humanDuration(changed - expires) },
              evidence: { passwordChanged: step.passwordChanged, expiresAt: step.expiresAt }
            });
          }
          const started = timesOf(step).started;
          if (started === null) continue;
          if (isOk(step) && expires !== null && expires < started - SKEW_MS) {
            context.report({
              transaction: tx,
              step,
              messageId: "expiresBeforeRequest",
              data: { httpStatus: step.httpStatus ?? "", expiresAt: step.expiresAt ?? "", startedAt: step.exchange.startedAt ?? "", delta: humanDuration(started - expires) },
              evidence: { startedAt: step.exchange.startedAt, expiresAt: step.expiresAt }
            });
          }
          if (previousStart && started < previousStart.ms - SKEW_MS) {
            context.report({
              transaction: tx,
              step,
              messageId: "outOfOrder",
              data: { startedAt: step.exchange.startedAt ?? "", previousStep: previousStart.step, previousStartedAt: previousStart.iso, delta: humanDuration(previousStart.ms - started) },
              evidence: { startedAt: step.exchange.startedAt, previousStep: previousStart.step, previousStartedAt: previousStart.iso }
            });
          }
          if (!previousStart || started > previousStart.ms) previousStart = { ms: started, iso: step.exchange.startedAt, step: step.step };
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/unexpected-outcome.ts
var unexpectedOutcome = {
  meta: {
    id: "unexpected-outcome",
    severity: "high",
    summary: "an allowed operation answered 2xx with a status that is not among that transition's outcomes",
    rationale: "Each transition of the documented state machine has a fixed set of next statuses. Another status after a 2xx means the server took an undocumented edge, or the response was paired with the wrong request.",
    basis: "documented",
    docs: "docs/rules/unexpected-outcome.md",
    protocol: "okta-authn",
    messages: {
      unexpected: "{operation} from {status} answered {after}, but the transition table ({rows}, basis {basis}) only allows {allowed}. Okta does not document this edge: the server took an undocumented path, or this response belongs to another request."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        if (!isOk(step) || !isJudgeable(step.statusBefore, step.operation)) return;
        const keys = requestKeys(step);
        const allowed = allowedOutcomes(step.statusBefore, step.operation, keys);
        if (allowed.length === 0) return;
        const after2 = step.responseStatus ?? (step.operation === "cancel" ? "CANCELLED" : null);
        if (!after2 || !isModelled(after2) || allowed.includes(after2)) return;
        const rows = transitionsFor(step.statusBefore, step.operation, keys);
        context.report({
          transaction: tx,
          step,
          messageId: "unexpected",
          data: {
            operation: step.operation,
            status: step.statusBefore,
            after: after2,
            allowed: allowed.join(", "),
            rows: rows.map((r) => r.id).join("/"),
            basis: [...new Set(rows.flatMap((r) => r.basis))].join("+")
          },
          evidence: { statusBefore: step.statusBefore, operation: step.operation, statusAfter: after2, allowed: [...allowed], transitions: rows.map((r) => r.id) }
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/unknown-status.ts
var unknownStatus = {
  meta: {
    id: "unknown-status",
    severity: "info",
    summary: "a status, factorResult or authn operation outside the known vocabularies",
    rationale: "authtrail knows the documented statuses and those the SDKs handle. Anything else comes from a newer Okta pipeline, a custom proxy or a damaged paste; the other rules cannot judge those steps.",
    basis: "documented",
    docs: "docs/rules/unknown-status.md",
    protocol: "okta-authn",
    messages: {
      unknownStatus: "Status {status} is neither documented by Okta nor handled by its SDKs. The state-machine rules skip this step; check whether the evidence is from the Classic authn API.",
      unknownFactorResult: "factorResult {factorResult} is not one Okta documents (WAITING, CHALLENGE, SUCCESS, REJECTED, TIMEOUT, ...). The push rules cannot judge this step.",
      unknownOperation: "{path} is under /api/v1/authn but is not an operation Okta documents; authtrail could not place it in the state machine."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        if (isOk(step) && step.responseStatus && classifyStatus(step.responseStatus) === "unknown") {
          context.report({ transaction: tx, step, messageId: "unknownStatus", data: { status: step.responseStatus }, evidence: { status: step.responseStatus } });
        }
        if (classifyFactorResult(step.factorResult) === "unknown") {
          context.report({ transaction: tx, step, messageId: "unknownFactorResult", data: { factorResult: step.factorResult ?? "" }, evidence: { factorResult: step.factorResult } });
        }
        const path = pathOf(step.exchange.url);
        if (path.endsWith("/(response-only)")) return;
        if (step.operation === "unknown" && /\/api\/v1\/authn(\/|$)/i.test(path) && step.exchange.method.toUpperCase() === "POST") {
          context.report({ transaction: tx, step, messageId: "unknownOperation", data: { path }, evidence: { method: step.exchange.method, path } });
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/unpublished-link.ts
function samePath(a, b) {
  const sa = a.split("/");
  const sb = b.split("/");
  return sa.length === sb.length && sa.every((seg, i) => maskedAgree(safeDecode(seg), safeDecode(sb[i])));
}
function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
var unpublishedLink = {
  meta: {
    id: "unpublished-link",
    severity: "low",
    summary: "a request to an operation that is not among the previous response's _links",
    rationale: "Okta publishes the next allowed calls as _links and its SDKs (okta-auth-js, the Sign-In Widget) follow them verbatim. A call to a path that was not published means a hand-built URL, a stale transaction object, or a proxy that rewrote the links.",
    basis: "sdk",
    docs: "docs/rules/unpublished-link.md",
    protocol: "okta-authn",
    messages: {
      notPublished: "{path} was not among the links published by the response at step {linkStep} ({published}). Okta's SDKs only follow published links: this client built the URL itself or acted on an older response."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const info = operationInfo(step.operation);
          if (i === 0 || info.startsTransaction || info.readOnly || step.operation === "skip" || step.operation === "unknown") return;
          const previous = lastBefore(tx.steps, i, (s) => isOk(s) && responseBody(s) !== null);
          if (!previous || !hasLinks(responseBody(previous))) return;
          const links = publishedLinks(responseBody(previous));
          const path = pathOf(step.exchange.url);
          if (links.some((l) => samePath(l.path, path))) return;
          const published = [...new Set(links.map((l) => l.path))];
          context.report({
            transaction: tx,
            step,
            messageId: "notPublished",
            data: { path, linkStep: previous.step, published: published.join(", ") || "none" },
            evidence: { path, publishedBy: previous.step, published }
          });
        });
      }
    };
  }
};

// src/protocols/okta-authn/rules/user-switch.ts
var userSwitch = {
  meta: {
    id: "user-switch",
    severity: "high",
    summary: "the user id or login changes inside one transaction chain",
    rationale: "An authn transaction belongs to one user from start to end. Another user inside the same stateToken chain means the server mixed transactions, a token was shared between users, or the evidence mixes flows.",
    basis: "documented",
    docs: "docs/rules/user-switch.md",
    protocol: "okta-authn",
    messages: {
      switched: "The transaction's user changed here: {what}. A stateToken chain belongs to one user (Okta documents the user as fixed for the transaction): the server mixed transactions, a token was shared between users, or the evidence mixes flows."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let userId = null;
        let login = null;
        for (const step of tx.steps) {
          const changes = [];
          const evidence = {};
          if (step.userId && userId && !maskedAgree(step.userId, userId.value, false)) {
            changes.push(`user id ${userId.value} (step ${userId.step}) -> ${step.userId}`);
            evidence.userId = { before: userId.value, beforeStep: userId.step, after: step.userId };
          }
          if (step.login && login && !maskedAgree(step.login, login.value)) {
            changes.push(`login ${login.value} (step ${login.step}) -> ${step.login}`);
            evidence.login = { before: login.value, beforeStep: login.step, after: step.login };
          }
          if (changes.length > 0) context.report({ transaction: tx, step, messageId: "switched", data: { what: changes.join("; ") }, evidence });
          if (step.userId && (!userId || evidence.userId)) userId = { value: step.userId, step: step.step };
          if (step.login && (!login || evidence.login)) login = { value: step.login, step: step.step };
        }
      }
    };
  }
};

// src/protocols/okta-authn/rules/index.ts
var AUTHN_RULES = [
  bruteForce,
  concurrentOperations,
  expiredStateToken,
  expiresAtRegressed,
  factorMismatch,
  identityMismatch,
  illegalTransition,
  passwordChangedDuringMfa,
  passwordChangedRegressed,
  passwordChangedWithoutCall,
  passwordCommittedBeforeMfa,
  passwordResetWithoutProof,
  policyViolationAccepted,
  prematureInvalidation,
  pushAfterTerminal,
  recoveryTokenReuse,
  recoveryTokenToPublic,
  recoveryTypeChanged,
  skipNotOffered,
  staleStateToken,
  stateTokenRotated,
  successShape,
  timelineInconsistent,
  unexpectedOutcome,
  unknownStatus,
  unpublishedLink,
  userSwitch
];

// src/protocols/okta-authn/timeline.ts
var MFA_STATES2 = /* @__PURE__ */ new Set(["MFA_REQUIRED", "MFA_CHALLENGE", "MFA_ENROLL", "MFA_ENROLL_ACTIVATE", "FACTOR_REQUIRED", "FACTOR_CHALLENGE", "FACTOR_ENROLL", "FACTOR_ENROLL_ACTIVATE"]);
var TERMINAL_ERRORS = /* @__PURE__ */ new Set(["E0000011", "E0000069", "E0000105", "E0000004", "E0000119"]);
function moveOf2(facts, responseBody2, current) {
  const res = obj2(responseBody2);
  const before = current ?? (operationInfo(facts.operation).startsTransaction ? START : UNKNOWN_STATE);
  const responseStatus = facts.ok ? str2(res.status) : null;
  const after2 = facts.ok ? responseStatus ?? (facts.operation === "cancel" ? CANCELLED : before) : before;
  return { before, after: after2, responseStatus };
}
function liveMove2({ exchange, facts }, current) {
  const move = moveOf2(facts, exchange.responseBody, current);
  return {
    before: move.before,
    after: move.after,
    token: tokenLabel(facts.responseToken ?? facts.requestToken),
    rotated: tokensDiffer(facts.requestToken, facts.responseToken),
    errorCode: str2(obj2(exchange.responseBody).errorCode)
  };
}
function timeline2(members) {
  const steps = buildSteps(members);
  return { steps, outcome: outcomeOf2(steps) };
}
function buildSteps(members) {
  let current = null;
  return members.map(({ exchange, facts }, index) => {
    const res = obj2(exchange.responseBody);
    const user = obj2(obj2(res._embedded).user);
    const { before, after: after2, responseStatus } = moveOf2(facts, res, current);
    current = after2;
    const { names, paths } = linksOf(res);
    return {
      step: index + 1,
      exchange,
      operation: facts.operation,
      statusBefore: before,
      statusAfter: after2,
      responseStatus,
      httpStatus: exchange.responseStatus,
      errorCode: str2(res.errorCode),
      requestToken: facts.requestToken,
      responseToken: facts.responseToken,
      requestRecoveryToken: facts.requestRecoveryToken,
      responseRecoveryToken: facts.responseRecoveryToken,
      tokenFingerprint: tokenLabel(facts.responseToken ?? facts.requestToken),
      rotated: tokensDiffer(facts.requestToken, facts.responseToken),
      userId: facts.userId,
      login: facts.login,
      passwordChanged: str2(user.passwordChanged),
      expiresAt: str2(res.expiresAt),
      factorResult: str2(res.factorResult),
      recoveryType: str2(res.recoveryType),
      links: names,
      linkPaths: paths
    };
  });
}
function linksOf(res) {
  const links = res._links;
  const names = isObject(links) ? Object.keys(links) : [];
  const paths = [];
  for (const name of names) addPaths(links[name], paths);
  const embedded = res._embedded;
  const factors = isObject(embedded) ? embedded.factors : void 0;
  if (Array.isArray(factors)) {
    for (const f of factors) {
      const own = isObject(f) ? f._links : void 0;
      if (isObject(own)) for (const rel of Object.keys(own)) addPaths(own[rel], paths);
    }
  }
  return { names, paths };
}
function addPaths(link, paths) {
  if (!Array.isArray(link)) return addPath(link, paths);
  for (const l of link) addPath(l, paths);
}
function addPath(link, paths) {
  const href = isObject(link) ? str2(link.href) : null;
  if (href) paths.push(hrefPath(href));
}
var hrefPath = memoize((href) => href.replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/[?#].*$/, ""));
function outcomeOf2(steps) {
  if (steps.some((s) => s.statusAfter === "SUCCESS")) return "SUCCESS";
  const last = steps[steps.length - 1];
  if (!last) return "IN_PROGRESS";
  if (last.statusAfter === CANCELLED) return "CANCELLED";
  if (last.statusAfter === "LOCKED_OUT" || last.errorCode && TERMINAL_ERRORS.has(last.errorCode)) return "FAILED";
  if (MFA_STATES2.has(last.statusAfter)) return "MFA_PENDING";
  return "IN_PROGRESS";
}

// src/protocols/okta-authn/index.ts
var oktaAuthn = {
  id: "okta-authn",
  label: "Okta Classic Authentication API",
  include: ["/api/v1/authn/**"],
  claims: (exchange) => isAuthnPath(exchange.url),
  facts: factsOf2,
  timeline: timeline2,
  move: liveMove2,
  rules: AUTHN_RULES
};

// src/protocols/okta-idx/ion.ts
function isIdxDocument(body) {
  const b = obj2(body);
  return typeof b.version === "string" && ("stateHandle" in b || "remediation" in b || "messages" in b);
}
function isForm(value) {
  const v = obj2(value);
  return typeof v.href === "string" && typeof v.name === "string";
}
function fields(form) {
  return Array.isArray(form.value) ? form.value.filter((f) => f && typeof f === "object") : [];
}
function readFields(form) {
  const immutable = {};
  const options = [];
  const visit = (list, prefix, depth) => {
    for (const f of list) {
      const name = str2(f.name);
      if (!name || depth > 3) continue;
      const dotted = prefix ? `${prefix}.${name}` : name;
      if (f.mutable === false && (typeof f.value === "string" || typeof f.value === "number")) immutable[dotted] = String(f.value);
      if (f.form) visit(fields(obj2(f.form)), dotted, depth + 1);
      if (Array.isArray(f.options)) {
        for (const o of f.options) {
          const sub = fields(obj2(obj2(obj2(o).value).form));
          const id = sub.find((s) => s.name === "id");
          if (id && typeof id.value === "string") options.push(id.value);
        }
      }
    }
  };
  visit(fields(form), "", 0);
  return { immutable, options };
}
function toForm(form, name, kind) {
  const refresh = typeof form.refresh === "number" ? form.refresh : null;
  return { name, kind, method: (str2(form.method) ?? "GET").toUpperCase(), path: pathOf(form.href), ...readFields(form), refreshMs: refresh };
}
function formsOf(body) {
  const b = obj2(body);
  const out = [];
  for (const r of Array.isArray(obj2(b.remediation).value) ? b.remediation.value : []) {
    if (isForm(r)) out.push(toForm(r, r.name, "remediation"));
  }
  for (const [key4, value] of Object.entries(b)) {
    if (key4 === "remediation") continue;
    if (isForm(value)) out.push(toForm(value, key4, "action"));
    const inner = obj2(obj2(value).value);
    for (const [sub, action] of Object.entries(inner)) if (isForm(action)) out.push(toForm(action, `${key4}-${sub}`, "action"));
  }
  return out;
}
function handlesOf(body) {
  const found = /* @__PURE__ */ new Set();
  const top = str2(obj2(body).stateHandle);
  if (top) found.add(top);
  const visit = (node, depth) => {
    if (depth > 8 || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((n3) => visit(n3, depth + 1));
    const n2 = node;
    if (n2.name === "stateHandle" && typeof n2.value === "string" && n2.value) found.add(n2.value);
    for (const v of Object.values(n2)) visit(v, depth + 1);
  };
  visit(obj2(body).remediation, 0);
  for (const [key4, value] of Object.entries(obj2(body))) if (key4 !== "remediation" && key4 !== "messages") visit(value, 0);
  return [...found];
}
function messagesOf(body) {
  const b = obj2(body);
  const read = (list, field) => (Array.isArray(obj2(list).value) ? obj2(list).value : []).map((m) => ({ key: str2(obj2(obj2(m).i18n).key), class: str2(obj2(m).class), field }));
  const out = read(b.messages, false);
  const visit = (node, depth) => {
    if (depth > 10 || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((n2) => visit(n2, depth + 1));
    for (const [k, v] of Object.entries(node)) {
      if (k === "messages") out.push(...read(v, true));
      else visit(v, depth + 1);
    }
  };
  visit(b.remediation, 0);
  return out;
}
function classify(body, httpStatus) {
  if (!isIdxDocument(body)) return httpStatus === null ? "NONE" : "ERROR";
  const b = obj2(body);
  if (isForm(b.successWithInteractionCode)) return "SUCCESS_PENDING_EXCHANGE";
  if (isForm(b.success)) return "SUCCESS_REDIRECT";
  const remediations = Array.isArray(obj2(b.remediation).value) && b.remediation.value.length > 0;
  const rejected2 = httpStatus !== null && httpStatus >= 400;
  if (remediations) return rejected2 ? "REJECTED_RETRY" : "PENDING";
  if (httpStatus === 429 || httpStatus !== null && httpStatus >= 500) return "ERROR";
  return messagesOf(b).some((m) => m.class === "ERROR") ? "TERMINAL_ERROR" : "TERMINAL_INFO";
}
function stateLabel(cls, remediations) {
  if ((cls === "PENDING" || cls === "REJECTED_RETRY") && remediations.length > 0) return remediations.join(",");
  return cls;
}

// src/protocols/okta-idx/facts.ts
var INTERACT = /^\/oauth2(?:\/[^/]+)?\/v1\/interact$/i;
var TOKEN = /^\/oauth2(?:\/[^/]+)?\/v1\/token$/i;
var REDIRECT = /^(?:\/idp\/idx)?\/login\/token\/redirect$/i;
function kindOf(path) {
  if (INTERACT.test(path)) return "interact";
  if (TOKEN.test(path)) return "token";
  if (REDIRECT.test(path)) return "redirect";
  if (/^\/idp\/idx\/introspect$/i.test(path)) return "introspect";
  if (/^\/idp\/idx\//i.test(path)) return "remediate";
  return null;
}
function requestObject(body) {
  if (typeof body === "string" && /^[^{[\s][^\s]*=/.test(body.trim())) {
    const out = {};
    for (const [k, v] of new URLSearchParams(body.trim())) out[k] = v;
    return out;
  }
  return obj2(body);
}
function claimsIdx(e) {
  const kind = kindOf(pathOf(e.url));
  if (kind !== "token") return kind !== null;
  return str2(requestObject(e.requestBody).grant_type) === "interaction_code";
}
function queryParam2(url, name) {
  try {
    return new URL(url, "https://x.invalid").searchParams.get(name);
  } catch {
    return null;
  }
}
var key3 = (kind, ref) => ref ? [{ kind, ref }] : [];
function issuedCodeOf(body) {
  const form = obj2(obj2(body).successWithInteractionCode);
  const field = (Array.isArray(form.value) ? form.value : []).find((f) => obj2(f).name === "interaction_code");
  return str2(obj2(field).value);
}
function factsOf3(e) {
  const path = pathOf(e.url);
  const kind = kindOf(path) ?? "remediate";
  const req = requestObject(e.requestBody);
  const res = obj2(e.responseBody);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 300;
  const requestHandle = parseTokenRef(req.stateHandle ?? req.stateToken ?? (kind === "redirect" ? queryParam2(e.url, "stateToken") : null));
  const responseHandle = parseTokenRef(res.stateHandle);
  const cancel = /\/idp\/idx\/cancel$/i.test(path);
  const issued = handlesOf(res).map((h) => parseTokenRef(h)).filter((r) => r !== null);
  const cls = classify(res, e.responseStatus);
  const ends = cancel && ok || kind === "token" && ok || ["SUCCESS_PENDING_EXCHANGE", "SUCCESS_REDIRECT", "TERMINAL_ERROR", "TERMINAL_INFO"].includes(cls);
  const user = obj2(obj2(res.user).value);
  return {
    kind,
    path,
    request: req,
    requestHandle,
    responseHandle,
    operation: kind,
    ok,
    uses: [
      ...key3("handle", requestHandle),
      ...key3("interaction", parseTokenRef(req.interactionHandle)),
      ...key3("icode", kind === "token" ? parseTokenRef(req.interaction_code) : null)
    ],
    issues: [
      ...issued.flatMap((r) => key3(cancel ? "restart" : "handle", r)),
      ...key3("interaction", parseTokenRef(res.interaction_handle)),
      ...key3("icode", parseTokenRef(issuedCodeOf(res)))
    ],
    starts: kind === "interact" || kind === "introspect",
    ends,
    userId: str2(user.id),
    login: str2(user.identifier) ?? (typeof req.identifier === "string" ? req.identifier : null)
  };
}

// src/protocols/okta-idx/chain.ts
var EMPTY = {
  kind: "remediate",
  taken: null,
  offered: null,
  ambiguous: false,
  forms: [],
  remediations: [],
  actions: [],
  responseClass: "NONE",
  intent: null,
  authenticator: null,
  messages: [],
  requestHandle: null,
  responseHandle: null,
  interactionHandle: null,
  interactionCode: null,
  issuedInteractionCode: null,
  grantType: null,
  codeVerifier: null,
  codeChallenge: null,
  codeChallengeMethod: null,
  recoveryToken: false,
  requestFields: [],
  restartHandle: null,
  deviceStepUp: false
};
function idx(step) {
  return step.idx ?? EMPTY;
}
function is2xx(step) {
  return step.httpStatus !== null && step.httpStatus >= 200 && step.httpStatus < 300;
}
function accepted(step) {
  return is2xx(step) && !idx(step).messages.some((m) => m.class === "ERROR");
}
function endsChain(step) {
  const i = idx(step);
  if (step.statusAfter === "CANCELLED") return true;
  return ["SUCCESS_PENDING_EXCHANGE", "SUCCESS_REDIRECT", "TERMINAL_ERROR", "TERMINAL_INFO", "TOKENS"].includes(i.responseClass);
}
function offerBefore(steps, i) {
  for (let j = i - 1; j >= 0; j--) if (!["ERROR", "NONE", "INTERACTION_HANDLE", "TOKENS", "REDIRECT"].includes(idx(steps[j]).responseClass)) return steps[j];
  return null;
}
function endBefore(steps, i) {
  for (let j = 0; j < i; j++) if (endsChain(steps[j])) return steps[j];
  return null;
}

// src/protocols/okta-idx/rules/idx-callback-state-mismatch.ts
var idxCallbackStateMismatch = {
  meta: {
    id: "idx-callback-state-mismatch",
    severity: "high",
    summary: "the OAuth state an IDX response echoes differs from the state the app sent to /interact",
    rationale: "The state parameter ties the authorization response to the request the app made (CSRF protection). Identity Engine echoes the original request in authentication.value.request; a different state there means the transaction is not the one this app started.",
    basis: "documented",
    docs: "docs/rules/idx-callback-state-mismatch.md",
    protocol: "okta-idx",
    messages: {
      stateMismatch: 'The response echoes state "{echoed}" in authentication.value.request, but /interact at step {interactStep} sent "{sent}".'
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const interact = tx.steps.find((s) => idx(s).kind === "interact");
        const sent = interact ? str2(requestObject(interact.exchange.requestBody).state) : null;
        if (!interact || !sent) return;
        for (const step of tx.steps) {
          const echoed = str2(obj2(obj2(obj2(obj2(step.exchange.responseBody).authentication).value).request).state);
          if (!echoed || echoed === sent) continue;
          context.report({ transaction: tx, step, messageId: "stateMismatch", data: { echoed, interactStep: interact.step, sent }, evidence: { sent, echoed, interactStep: interact.step } });
          return;
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-credential-guessing.ts
var WRONG = /PASSCODE_INVALID|incorrectPassword|answer_invalid|E0000004|invalid_passcode/i;
var LOCKED = /suspended_factor|too_many|tooManyAttempts|locked/i;
var GUESS_THRESHOLD2 = 3;
function rejected(step) {
  const data = idx(step);
  if (data.deviceStepUp || step.httpStatus === null || step.httpStatus < 400) return false;
  return data.messages.some((m) => m.class === "ERROR" && WRONG.test(m.key ?? "")) || step.httpStatus === 401 && /challenge\/answer$/i.test(step.exchange.url.replace(/[?#].*$/, "")) && !data.messages.some((m) => m.key === "idx.session.expired");
}
var idxCredentialGuessing = {
  meta: {
    id: "idx-credential-guessing",
    severity: "medium",
    summary: "repeated rejected IDX challenge answers, a suspended authenticator or a rate limit in one chain",
    rationale: "Several wrong passcodes, passwords or answers in one transaction, an authenticator suspended for too many attempts, or HTTP 429 are the signs of guessing (or of a client resubmitting a bad value in a loop).",
    basis: "sdk",
    docs: "docs/rules/idx-credential-guessing.md",
    protocol: "okta-idx",
    messages: {
      repeatedRejections: "{count} challenge answers were rejected in this transaction by step {step} ({keys}): repeated wrong credentials.",
      lockedOut: "The server suspended the authenticator at step {step} ({keys}) after repeated wrong answers.",
      rateLimited: "The server rate-limited the transaction at step {step} (HTTP {status}{keys}).",
      acrossChains: "{count} challenge answers for {login} were rejected across {chains} transactions by this step ({keys}): repeated wrong credentials spread over restarted transactions."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let count = 0;
        for (const step of tx.steps) {
          const keys = idx(step).messages.filter((m) => m.class === "ERROR").map((m) => m.key ?? "?");
          if (step.httpStatus === 429 || keys.includes("tooManyRequests")) {
            context.report({ transaction: tx, step, messageId: "rateLimited", data: { step: step.step, status: step.httpStatus ?? "", keys: keys.length ? `, ${keys.join(", ")}` : "" }, evidence: { httpStatus: step.httpStatus, keys } });
            continue;
          }
          if (keys.some((k) => LOCKED.test(k))) {
            context.report({ transaction: tx, step, messageId: "lockedOut", severity: "high", data: { step: step.step, keys: keys.join(", ") }, evidence: { httpStatus: step.httpStatus, keys } });
            continue;
          }
          if (!rejected(step)) continue;
          count += 1;
          if (count === GUESS_THRESHOLD2) {
            context.report({ transaction: tx, step, messageId: "repeatedRejections", data: { count, step: step.step, keys: keys.join(", ") || `HTTP ${step.httpStatus}` }, evidence: { rejections: count, threshold: GUESS_THRESHOLD2, keys } });
          }
        }
      },
      // Restarting the transaction resets a per-chain count: the same identifier across chains is counted too.
      unit(unit) {
        const byLogin = /* @__PURE__ */ new Map();
        const counted = /* @__PURE__ */ new Set();
        for (const { tx, step } of unit) {
          const login = tx.user.login;
          if (!login || !rejected(step)) continue;
          const entry = byLogin.get(login) ?? { count: 0, chains: /* @__PURE__ */ new Set() };
          byLogin.set(login, entry);
          entry.count += 1;
          entry.chains.add(tx.id);
          if (entry.count < GUESS_THRESHOLD2 || entry.chains.size < 2 || counted.has(login)) continue;
          counted.add(login);
          const keys = idx(step).messages.filter((m) => m.class === "ERROR").map((m) => m.key ?? "?");
          context.report({ transaction: tx, step, messageId: "acrossChains", data: { count: entry.count, login, chains: entry.chains.size, keys: keys.join(", ") || `HTTP ${step.httpStatus}` }, evidence: { rejections: entry.count, transactions: [...entry.chains], threshold: GUESS_THRESHOLD2 } });
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-device-step-up.ts
var idxDeviceStepUp = {
  meta: {
    id: "idx-device-step-up",
    severity: "info",
    summary: "IDX 401 with WWW-Authenticate Oktadevicejwt: Okta Verify device step-up, not a failure",
    rationale: 'A 401 carrying WWW-Authenticate: Oktadevicejwt realm="Okta Device" asks the device to prove itself (Okta Verify SSO); okta-auth-js treats it as a step-up. Read as a failed sign-in or a wrong password, it misleads the diagnosis.',
    basis: "sdk",
    docs: "docs/rules/idx-device-step-up.md",
    protocol: "okta-idx",
    messages: {
      deviceStepUp: "{operation} was answered 401 with WWW-Authenticate Oktadevicejwt: a device step-up (Okta Verify), not a rejected credential. It does not count toward idx-credential-guessing."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        if (!idx(step).deviceStepUp) return;
        context.report({ transaction: tx, step, messageId: "deviceStepUp", data: { operation: step.operation }, evidence: { httpStatus: step.httpStatus, wwwAuthenticate: step.exchange.responseHeaders["www-authenticate"] ?? null } });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-engine-mixing.ts
var idxEngineMixing = {
  meta: {
    id: "idx-engine-mixing",
    severity: "info",
    summary: "one unit of evidence holds both Classic /api/v1/authn and Identity Engine /idp/idx calls",
    rationale: "An app that mixes the Classic Authentication API and Identity Engine in one journey (a Classic reset token finishing an IDX recovery, a Classic sessionToken next to IDX) depends on the Classic pipeline Okta is retiring, and policies apply differently to each half.",
    basis: "inferred",
    docs: "docs/rules/idx-engine-mixing.md",
    protocol: "*",
    messages: {
      mixed: "This evidence holds {classic} Classic /api/v1/authn step(s) and {idx} Identity Engine step(s); the first Classic call is here. Check whether one journey uses both engines."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const classic = unit.filter((p) => p.tx.protocol === "okta-authn");
        const idx2 = unit.filter((p) => p.tx.protocol === "okta-idx");
        if (classic.length === 0 || idx2.length === 0) return;
        const first = classic[0];
        context.report({ transaction: first.tx, step: first.step, messageId: "mixed", data: { classic: classic.length, idx: idx2.length }, evidence: { classicTransactions: [...new Set(classic.map((p) => p.tx.id))], idxTransactions: [...new Set(idx2.map((p) => p.tx.id))] } });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-expired-handle.ts
var idxExpiredHandle = {
  meta: {
    id: "idx-expired-handle",
    severity: "medium",
    summary: "IDX request sent after the expiresAt of the latest response in its chain",
    rationale: "Each IDX response carries its own expiresAt, and it moves both ways between steps; the latest one is what the server holds the transaction to. A request after it should meet idx.session.expired; if it is accepted, the expiry was not enforced.",
    basis: "sdk",
    docs: "docs/rules/idx-expired-handle.md",
    protocol: "okta-idx",
    messages: {
      acceptedAfterExpiry: "{operation} was sent {late} after the transaction expired ({expiresAt}, from step {from}) and the server accepted it ({status}).",
      refusedAfterExpiry: "{operation} was sent {late} after the transaction expired ({expiresAt}, from step {from}); the server refused it ({status}{error})."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        let latest = null;
        for (const step of tx.steps) {
          const at2 = toMs(step.exchange.startedAt);
          if (latest && at2 !== null && idx(step).kind !== "token" && at2 > latest.ms + SKEW_MS) {
            const ok = accepted(step);
            context.report({
              transaction: tx,
              step,
              messageId: ok ? "acceptedAfterExpiry" : "refusedAfterExpiry",
              severity: ok ? "high" : "low",
              data: { operation: step.operation, late: humanDuration(at2 - latest.ms), expiresAt: latest.iso, from: latest.step, status: step.httpStatus ?? "no response", error: step.errorCode ? ` ${step.errorCode}` : "" },
              evidence: { startedAt: step.exchange.startedAt, expiresAt: latest.iso, expiresAtFromStep: latest.step, httpStatus: step.httpStatus, errorCode: step.errorCode }
            });
          }
          const ms = toMs(step.expiresAt);
          if (ms !== null) latest = { ms, iso: step.expiresAt, step: step.step };
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-handle-after-end.ts
var idxHandleAfterEnd = {
  meta: {
    id: "idx-handle-after-end",
    severity: "high",
    summary: "IDX stateHandle used again after the transaction ended (success, terminal response, tokens or cancel)",
    rationale: "A terminal response, a successWithInteractionCode/success, an accepted token exchange or a cancel ends the IDX transaction; the handle must not drive further remediations. If the server still accepts them, the state was not invalidated.",
    basis: "sdk",
    docs: "docs/rules/idx-handle-after-end.md",
    protocol: "okta-idx",
    messages: {
      acceptedAfterEnd: "{operation} at step {step} used the transaction {end} at step {endStep}, and the server accepted it ({answer}): the ended state was still live.",
      refusedAfterEnd: "{operation} at step {step} used the transaction {end} at step {endStep}; the server refused it ({answer}), as it should."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const kind = idx(step).kind;
          if (kind === "introspect" || kind === "token" || kind === "redirect" || /\/cancel$/i.test(step.exchange.url.replace(/[?#].*$/, ""))) return;
          const end = endBefore(tx.steps, i);
          if (!end) return;
          const ok = is2xx(step);
          const how = end.statusAfter === "CANCELLED" ? "after it was cancelled" : `after it ended ${idx(end).responseClass}`;
          context.report({
            transaction: tx,
            step,
            messageId: ok ? "acceptedAfterEnd" : "refusedAfterEnd",
            severity: ok ? "high" : "low",
            data: { operation: step.operation, step: step.step, end: how, endStep: end.step, answer: `${step.httpStatus ?? "no response"}${step.errorCode ? ` ${step.errorCode}` : ""}` },
            evidence: { endedAt: end.step, endedBy: idx(end).responseClass, statusAfterEnd: end.statusAfter, httpStatus: step.httpStatus, errorCode: step.errorCode }
          });
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-immutable-field-changed.ts
function at(body, dotted) {
  return dotted.split(".").reduce((cur, k) => cur && typeof cur === "object" ? cur[k] : void 0, body);
}
var idxImmutableFieldChanged = {
  meta: {
    id: "idx-immutable-field-changed",
    severity: "high",
    summary: "IDX request changed a field its form marks mutable:false, or chose an authenticator the form did not offer",
    rationale: "Fields marked mutable:false (stateHandle, authenticator.id, methodType) are server-fixed values the client must send back unchanged; okta-auth-js writes them last so user input cannot override them. A different value, or an authenticator id outside the options, is a tampered request.",
    basis: "sdk",
    docs: "docs/rules/idx-immutable-field-changed.md",
    protocol: "okta-idx",
    messages: {
      immutableChanged: "{remediation} sent {field} different from the value the form at step {offerStep} fixed (mutable: false); the server answered {status}.",
      optionNotOffered: "{remediation} chose authenticator {chosen}, which is not among the options of the form at step {offerStep} ({options}); the server answered {status}."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const taken = idx(step).taken;
          const offer = taken ? offerBefore(tx.steps, i) : null;
          const form = offer ? idx(offer).forms.find((f) => f.name === taken) : void 0;
          if (!form || !offer) return;
          const req = requestObject(step.exchange.requestBody);
          const report = (messageId, data, evidence) => context.report({ transaction: tx, step, messageId, severity: accepted(step) ? "high" : "medium", data: { remediation: taken, offerStep: offer.step, status: step.httpStatus ?? "nothing", ...data }, evidence });
          for (const [field, fixed] of Object.entries(form.immutable)) {
            const sent = at(req, field);
            if (sent === void 0 || sent === null || typeof sent === "object") continue;
            const differs = /statehandle/i.test(field) ? tokensDiffer(parseTokenRef(String(sent)), parseTokenRef(fixed)) : String(sent) !== fixed;
            if (differs) report("immutableChanged", { field }, { field, fixedBy: offer.step });
          }
          const chosen = at(req, "authenticator.id");
          if (typeof chosen === "string" && form.options.length > 0 && !form.options.includes(chosen)) {
            report("optionNotOffered", { chosen, options: form.options.join(", ") }, { chosen, options: form.options });
          }
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-interaction-code-late.ts
var CODE_LIFETIME_MS2 = 6e4;
var idxInteractionCodeLate = {
  meta: {
    id: "idx-interaction-code-late",
    severity: "low",
    summary: "interaction_code exchanged more than 60 s after the response that issued it",
    rationale: "Okta gives the interaction code a maximum lifetime of 60 seconds. An exchange later than that should fail with invalid_grant; a late exchange that succeeds, or a client that routinely waits, points at a slow or replaying client.",
    basis: "documented",
    docs: "docs/rules/idx-interaction-code-late.md",
    protocol: "okta-idx",
    messages: {
      lateExchange: "The interaction_code issued at step {issuedStep} was exchanged {late} later (lifetime 60 s); the server answered {status}."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const code = idx(step).kind === "token" ? idx(step).interactionCode : null;
          const at2 = toMs(step.exchange.startedAt);
          if (!code || at2 === null) return;
          const issuer = tx.steps.slice(0, i).reverse().find((s) => sameToken(idx(s).issuedInteractionCode, code));
          const issuedAt = issuer ? toMs(issuer.exchange.startedAt) : null;
          if (!issuer || issuedAt === null) return;
          const gap = at2 - (issuedAt + (issuer.exchange.durationMs ?? 0));
          if (gap <= CODE_LIFETIME_MS2) return;
          context.report({
            transaction: tx,
            step,
            messageId: "lateExchange",
            severity: is2xx(step) ? "low" : "info",
            data: { issuedStep: issuer.step, late: humanDuration(gap), status: step.httpStatus ?? "nothing" },
            evidence: { issuedAtStep: issuer.step, gapMs: gap, lifetimeMs: CODE_LIFETIME_MS2, httpStatus: step.httpStatus }
          });
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-interaction-code-reuse.ts
var idxInteractionCodeReuse = {
  meta: {
    id: "idx-interaction-code-reuse",
    severity: "high",
    summary: "the same interaction_code sent to /token more than once",
    rationale: "An interaction_code is a one-time authorization grant: RFC 6749 says a code MUST NOT be used more than once and the server MUST deny a second use. A second exchange is a replay (or a client bug); a second success means the grant was not single-use.",
    basis: "documented",
    docs: "docs/rules/idx-interaction-code-reuse.md",
    protocol: "okta-idx",
    messages: {
      reusedAccepted: "interaction_code {code} was already exchanged at step {firstStep} of {firstTx}, and this second exchange was answered {answer}: the code was redeemed twice.",
      reusedRefused: "interaction_code {code} was already exchanged at step {firstStep} of {firstTx}; the second exchange was refused ({answer}), as RFC 6749 requires. The client replayed the code."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const seen = [];
        for (const placed of unit) {
          const code = idx(placed.step).kind === "token" ? idx(placed.step).interactionCode : null;
          if (!code) continue;
          const first = seen.find((p) => sameToken(idx(p.step).interactionCode, code));
          if (!first) {
            seen.push(placed);
            continue;
          }
          const ok = is2xx(placed.step);
          context.report({
            transaction: placed.tx,
            step: placed.step,
            messageId: ok ? "reusedAccepted" : "reusedRefused",
            severity: ok ? "high" : "medium",
            data: { code: tokenLabel(code) ?? "", firstStep: first.step.step, firstTx: first.tx.id, answer: `${placed.step.httpStatus ?? "nothing"}${placed.step.errorCode ? ` ${placed.step.errorCode}` : ""}` },
            evidence: { code: tokenLabel(code), firstUse: { transaction: first.tx.id, step: first.step.step, httpStatus: first.step.httpStatus }, httpStatus: placed.step.httpStatus }
          });
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-interaction-code-unknown.ts
var idxInteractionCodeUnknown = {
  meta: {
    id: "idx-interaction-code-unknown",
    severity: "high",
    summary: "interaction_code sent to /token that no earlier successWithInteractionCode of the evidence issued",
    rationale: "A client redeems the interaction_code its own transaction received in successWithInteractionCode. A code that never appeared in the evidence, while the evidence does show codes being issued, was injected from elsewhere (code injection, RFC 9700 \xA74.5) or belongs to another session.",
    basis: "documented",
    docs: "docs/rules/idx-interaction-code-unknown.md",
    protocol: "okta-idx",
    messages: {
      unknownCode: "interaction_code {code} was exchanged at /token, but no earlier response in this evidence issued it ({issued} issued); the server answered {status}."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const issued = [];
        const tokens = unit.filter((p) => idx(p.step).kind === "token" && idx(p.step).interactionCode);
        if (!unit.some((p) => idx(p.step).issuedInteractionCode) || tokens.length === 0) return;
        for (const { tx, step } of unit) {
          const given = idx(step).issuedInteractionCode;
          if (given) issued.push(given);
          const code = idx(step).kind === "token" ? idx(step).interactionCode : null;
          if (!code || issued.some((r) => sameToken(r, code))) continue;
          context.report({
            transaction: tx,
            step,
            messageId: "unknownCode",
            severity: is2xx(step) ? "high" : "medium",
            data: { code: tokenLabel(code) ?? "", issued: issued.length, status: step.httpStatus ?? "nothing" },
            evidence: { code: tokenLabel(code), issuedBefore: issued.map((r) => tokenLabel(r)), httpStatus: step.httpStatus }
          });
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-otp-reused.ts
var USED = /used_passcode/i;
var idxOtpReused = {
  meta: {
    id: "idx-otp-reused",
    severity: "low",
    summary: "IDX refused a one-time passcode as already used",
    rationale: "Okta refuses a TOTP code that was already accepted (authfactor.challenge.soft_token.used_passcode). Seen in evidence it means a replayed request, a double submit, or someone reusing a code they observed.",
    basis: "sdk",
    docs: "docs/rules/idx-otp-reused.md",
    protocol: "okta-idx",
    messages: {
      usedPasscode: "{operation} was refused with {key}: the passcode had already been used. A double submit, a replayed request, or a code seen by someone else."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const key4 = idx(step).messages.find((m) => USED.test(m.key ?? ""))?.key;
        if (!key4) return;
        context.report({ transaction: tx, step, messageId: "usedPasscode", data: { operation: step.operation, key: key4 }, evidence: { key: key4, httpStatus: step.httpStatus } });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-pkce-missing.ts
import { createHash as createHash2 } from "node:crypto";

// src/redact/policy.ts
var TOKEN_FIELDS = [
  "stateToken",
  "sessionToken",
  "recoveryToken",
  "activationToken",
  "token",
  "deviceToken",
  "id_token",
  "access_token",
  "refresh_token",
  "code",
  "code_verifier",
  "client_secret",
  "SAMLResponse",
  "SAMLRequest",
  // Redirect-binding signature, SAML artifact (a bearer reference to the assertion), WS-Fed token.
  "Signature",
  "SAMLart",
  "wresult",
  "interactionHandle",
  "interaction_handle",
  "interaction_code",
  // Public, but stored like a token so a verifier can be checked against it (see Redactor.maskVerifier).
  "code_challenge",
  "stateHandle",
  "device_secret"
];
var KNOWLEDGE_FIELDS = ["password", "newPassword", "oldPassword", "passCode", "nextPassCode", "answer", "activationCode", "otp", "totp", "pin"];
var PASSWORD_FIELDS = ["password", "newPassword", "oldPassword"];
var SECRET_HEADERS2 = ["authorization", "cookie", "set-cookie", "x-device-fingerprint", "proxy-authorization"];
var tokenSet = new Set(TOKEN_FIELDS.map((f) => f.toLowerCase()));
var knowledgeSet = new Set(KNOWLEDGE_FIELDS.map((f) => f.toLowerCase()));
var passwordSet = new Set(PASSWORD_FIELDS.map((f) => f.toLowerCase()));
var headerSet = new Set(SECRET_HEADERS2);

// src/redact/oauth-evidence.ts
function parseStoredVerifier(value) {
  const m = STORED_VERIFIER.exec(value);
  return m ? { length: Number(m[1]), maskedChallenge: m[2] } : null;
}
var STORED_VERIFIER = /^S256\(verifier,len=(\d+)\)=(.+)$/;

// src/protocols/okta-idx/rules/idx-pkce-missing.ts
function clear2(value) {
  const ref = parseTokenRef(value);
  return ref && !ref.masked ? value : null;
}
function redactedMismatch(verifier, challenge) {
  const stored = parseStoredVerifier(verifier);
  const v = stored && parseTokenRef(stored.maskedChallenge);
  const c = parseTokenRef(challenge);
  if (!v?.fp || !c?.fp) return false;
  return !sameToken(v, c);
}
var idxPkceMissing = {
  meta: {
    id: "idx-pkce-missing",
    severity: "high",
    summary: "interaction_code exchanged without a PKCE verifier, with a verifier that does not match, or /interact without S256",
    rationale: "The Interaction Code grant is bound to the client by PKCE: /interact sends the S256 code_challenge, /token the code_verifier. Without the verifier (or with one that does not hash to the challenge) a stolen code can be redeemed by anyone.",
    basis: "documented",
    docs: "docs/rules/idx-pkce-missing.md",
    protocol: "okta-idx",
    messages: {
      noVerifier: "The interaction_code was exchanged without a code_verifier and the server answered {status}.",
      mismatch: "The code_verifier sent to /token does not hash (S256) to the code_challenge sent to /interact at step {interactStep}; the server answered {status}.",
      notS256: "/interact was called with {challenge}: PKCE without S256 lets anyone who sees the challenge compute the verifier."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const interact = tx.steps.find((s) => idx(s).kind === "interact") ?? null;
        for (const step of tx.steps) {
          const data = idx(step);
          if (data.kind === "interact" && data.codeChallengeMethod !== "S256") {
            const challenge2 = data.codeChallenge ? `code_challenge_method=${data.codeChallengeMethod ?? "absent (plain)"}` : "no code_challenge";
            context.report({ transaction: tx, step, messageId: "notS256", severity: "medium", data: { challenge: challenge2 }, evidence: { codeChallenge: data.codeChallenge !== null, method: data.codeChallengeMethod } });
          }
          if (data.kind !== "token") continue;
          const status = step.httpStatus ?? "nothing";
          if (!data.codeVerifier) {
            context.report({ transaction: tx, step, messageId: "noVerifier", severity: is2xx(step) ? "high" : "medium", data: { status }, evidence: { grantType: data.grantType, httpStatus: step.httpStatus } });
            continue;
          }
          const verifier = clear2(data.codeVerifier);
          const challenge = interact ? idx(interact).codeChallenge : null;
          if (!challenge || idx(interact).codeChallengeMethod !== "S256") continue;
          if (verifier ? createHash2("sha256").update(verifier, "ascii").digest("base64url") !== challenge : redactedMismatch(data.codeVerifier, challenge)) {
            context.report({ transaction: tx, step, messageId: "mismatch", severity: is2xx(step) ? "high" : "low", data: { interactStep: interact.step, status }, evidence: { interactStep: interact.step, httpStatus: step.httpStatus } });
          }
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-poll-too-fast.ts
var TOLERANCE = 0.9;
var idxPollTooFast = {
  meta: {
    id: "idx-poll-too-fast",
    severity: "info",
    summary: "IDX poll sent sooner than the refresh interval its form asked for",
    rationale: "Poll forms (challenge-poll, enroll-poll, \u2026-poll actions) carry refresh, the interval in ms the client should wait between polls. Polling faster wastes rate limit and can trip 429s that then look like failures.",
    basis: "sdk",
    docs: "docs/rules/idx-poll-too-fast.md",
    protocol: "okta-idx",
    messages: {
      pollTooFast: "{operation} polled {gap} ms after the previous call, but the form at step {offerStep} asked for refresh {refresh} ms."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const taken = idx(step).taken;
          const offer = taken && i > 0 ? offerBefore(tx.steps, i) : null;
          const refresh = offer ? idx(offer).forms.find((f) => f.name === taken)?.refreshMs ?? null : null;
          const at2 = toMs(step.exchange.startedAt);
          const prev = i > 0 ? toMs(tx.steps[i - 1].exchange.startedAt) : null;
          if (!offer || refresh === null || at2 === null || prev === null || at2 - prev >= refresh * TOLERANCE) return;
          context.report({ transaction: tx, step, messageId: "pollTooFast", data: { operation: step.operation, gap: at2 - prev, offerStep: offer.step, refresh }, evidence: { gapMs: at2 - prev, refreshMs: refresh } });
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-remediation-not-offered.ts
var idxRemediationNotOffered = {
  meta: {
    id: "idx-remediation-not-offered",
    severity: "high",
    summary: "IDX request whose method and href match no form the previous response offered",
    rationale: "IDX is hypermedia: each response lists the remediations and actions the client may take next. A call that matches none of them (a /skip with no skip form, a /recover with no recover action) bypasses the flow the server laid out.",
    basis: "sdk",
    docs: "docs/rules/idx-remediation-not-offered.md",
    protocol: "okta-idx",
    messages: {
      notOffered: "{method} {path} matches no form of the response at step {offerStep} (offered: {offered}); the server answered {answer}.",
      skipNotOffered: "{method} {path} skips a step although the response at step {offerStep} offered no skip form (offered: {offered}); the server answered {answer}.",
      recoverNotOffered: "{method} {path} starts a recovery although the response at step {offerStep} offered no recover action (offered: {offered}); the server answered {answer}."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const data = idx(step);
          if (data.offered !== false || endBefore(tx.steps, i)) return;
          const offer = offerBefore(tx.steps, i);
          if (!offer) return;
          const path = step.exchange.url.replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/[?#].*$/, "");
          const messageId = /\/skip$/i.test(path) ? "skipNotOffered" : /\/recover$/i.test(path) ? "recoverNotOffered" : "notOffered";
          const forms = idx(offer).forms.map((f) => f.name);
          context.report({
            transaction: tx,
            step,
            messageId,
            severity: accepted(step) ? "high" : "medium",
            data: { method: step.exchange.method, path, offerStep: offer.step, offered: forms.join(", ") || "nothing", answer: `${step.httpStatus ?? "nothing"}${step.errorCode ? ` ${step.errorCode}` : ""}` },
            evidence: { method: step.exchange.method, path, offeredBy: offer.step, offered: forms, httpStatus: step.httpStatus }
          });
        });
      }
    };
  }
};

// src/protocols/okta-idx/steps.ts
var PASSWORD_WRITING = /* @__PURE__ */ new Set(["reset-authenticator", "reenroll-authenticator", "reenroll-authenticator-warning", "reenroll-custom-password-expiry", "reenroll-custom-password-expiry-warning"]);
var VERIFYING = /* @__PURE__ */ new Set(["select-authenticator-authenticate", "challenge-authenticator", "authenticator-verification-data", "challenge-poll"]);
var ANSWERING = ["challenge-authenticator", "enroll-authenticator", "reset-authenticator", "reenroll-authenticator", "reenroll-authenticator-warning", "reenroll-custom-password-expiry", "reenroll-custom-password-expiry-warning"];
function pathOperation(f) {
  if (f.kind !== "remediate") return f.kind;
  return f.path.replace(/^\/idp\/idx\//i, "").toLowerCase() || "idx";
}
function matchForm(f, method, forms, previous) {
  const same = forms.filter((x) => x.method === method.toUpperCase() && x.path.toLowerCase() === f.path.toLowerCase());
  if (same.length <= 1) return { form: same[0] ?? null, ambiguous: false };
  let narrowed = same;
  if (f.request.credentials !== void 0) narrowed = same.filter((x) => ANSWERING.includes(x.name));
  else if (f.request.authenticator !== void 0) narrowed = same.filter((x) => /authenticator|verification-data/.test(x.name) && !ANSWERING.includes(x.name));
  if (narrowed.length > 1) {
    const enrolling = previous.currentAuthenticator !== void 0 && previous.currentAuthenticatorEnrollment === void 0;
    const pick = narrowed.find((x) => enrolling ? x.name !== "challenge-authenticator" : x.name === "challenge-authenticator");
    if (pick) narrowed = [pick];
  }
  return { form: narrowed[0] ?? same[0], ambiguous: true };
}
function listed(body, id) {
  for (const k of ["authenticatorEnrollments", "authenticators"]) {
    const hit = (Array.isArray(obj2(body[k]).value) ? body[k].value : []).find((a) => obj2(a).id === id);
    if (hit) return obj2(hit);
  }
  return null;
}
function fromContext(value) {
  const v = obj2(obj2(value).value);
  const type = str2(v.type) ?? str2(v.key);
  return type || str2(v.id) ? { type, id: str2(v.id), methodType: str2(obj2(Array.isArray(v.methods) ? v.methods[0] : null).type) } : null;
}
function authenticatorOf(f, previous, response, taken) {
  const asked = obj2(f.request.authenticator);
  const id = str2(asked.id);
  if (id) {
    const known = listed(previous, id);
    return { type: str2(known?.type) ?? str2(known?.key) ?? str2(asked.methodType), id, methodType: str2(asked.methodType) };
  }
  if (f.request.credentials !== void 0) {
    const ctx = taken && taken !== "challenge-authenticator" ? previous.currentAuthenticator ?? previous.currentAuthenticatorEnrollment : previous.currentAuthenticatorEnrollment ?? previous.currentAuthenticator;
    const a = fromContext(ctx);
    if (a) return a;
  }
  return fromContext(response.currentAuthenticatorEnrollment) ?? fromContext(response.currentAuthenticator);
}
function requestFields(req) {
  const out = [];
  for (const [k, v] of Object.entries(req)) {
    if (v === null || v === void 0 || v === "") continue;
    if (typeof v === "object" && !Array.isArray(v)) for (const [s, w] of Object.entries(v)) {
      if (w !== null && w !== void 0 && w !== "") out.push(`${k}.${s}`);
    }
    else out.push(k);
  }
  return out;
}

// src/protocols/okta-idx/rules/idx-reset-committed-before-mfa.ts
function writesPassword(step) {
  const i = idx(step);
  if (!i.taken) return false;
  return PASSWORD_WRITING.has(i.taken) || i.taken === "enroll-authenticator" && i.authenticator?.type === "password";
}
var idxResetCommittedBeforeMfa = {
  meta: {
    id: "idx-reset-committed-before-mfa",
    severity: "low",
    summary: "IDX reset-authenticator accepted while sign-in still offered another authenticator to verify",
    rationale: "In Identity Engine the password is committed when the reset-authenticator POST is accepted; an authenticator challenge offered by that response gates only the sign-in. If it is abandoned or fails, the password was changed with the recovery factors alone.",
    basis: "inferred",
    docs: "docs/rules/idx-reset-committed-before-mfa.md",
    protocol: "okta-idx",
    messages: {
      committedThenVerified: "{remediation} was accepted and its response still offers {next}: the new password was committed before that authenticator was verified. The chain reached {success} at step {successStep}, so the sign-in factor was completed afterwards.",
      committedMfaAbandoned: "{remediation} was accepted and its response still offers {next}, and the chain never reaches success in this evidence: the password was changed, and the sign-in authenticator after it was abandoned (or not captured). The new password stays in place.",
      committedMfaFailed: "{remediation} was accepted and its response still offers {next}, then the chain ended {end} at step {endStep}: the password was changed although the sign-in authenticator that followed was never verified."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          if (!writesPassword(step) || !accepted(step)) return;
          const next = idx(step).remediations.filter((r) => VERIFYING.has(r));
          if (next.length === 0) return;
          const later = tx.steps.slice(i + 1);
          const success = later.find((s) => ["SUCCESS_PENDING_EXCHANGE", "SUCCESS_REDIRECT", "TOKENS"].includes(idx(s).responseClass)) ?? null;
          const failed = success ? null : later.find((s) => s.statusAfter === "CANCELLED" || idx(s).responseClass === "TERMINAL_ERROR") ?? null;
          const messageId = success ? "committedThenVerified" : failed ? "committedMfaFailed" : "committedMfaAbandoned";
          context.report({
            transaction: tx,
            step,
            messageId,
            severity: success ? "low" : "medium",
            data: {
              remediation: idx(step).taken ?? step.operation,
              next: next.join(", "),
              success: success ? idx(success).responseClass : "",
              successStep: success?.step ?? "",
              end: failed ? failed.statusAfter === "CANCELLED" ? "cancelled" : `in ${failed.errorCode ?? "a terminal error"}` : "",
              endStep: failed?.step ?? ""
            },
            evidence: { remediation: idx(step).taken, offeredAfter: idx(step).remediations, successStep: success?.step ?? null, endedAtStep: failed?.step ?? null }
          });
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-reset-without-verification.ts
var VERIFIES = /* @__PURE__ */ new Set(["challenge-authenticator", "authenticator-verification-data", "challenge-poll", "currentAuthenticatorEnrollment-poll", "currentAuthenticator-poll"]);
var STARTS_RECOVERY = (s) => /-recover$/.test(idx(s).taken ?? "") || idx(s).taken === "identify-recovery" || s.operation === "recover";
var idxResetWithoutVerification = {
  meta: {
    id: "idx-reset-without-verification",
    severity: "high",
    summary: "IDX reset-authenticator accepted with no recovery authenticator verified since recovery began",
    rationale: "Identity Engine offers reset-authenticator only after the recovery authenticator (email, SMS, security question) was verified. An accepted reset with no accepted challenge answer since the recover action means the proof of possession was skipped.",
    basis: "sdk",
    docs: "docs/rules/idx-reset-without-verification.md",
    protocol: "okta-idx",
    messages: {
      noVerification: "reset-authenticator was accepted at step {step}, and no challenge answer was accepted since recovery began at step {since}: the password was reset without the recovery authenticator being verified in this evidence.",
      recoveryToken: "reset-authenticator was accepted at step {step} with no challenge answered since step {since}; the transaction began with a recovery_token at /interact, which proves possession out of band (an emailed or admin-issued link)."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        const steps = tx.steps;
        steps.forEach((step, i) => {
          if (idx(step).taken !== "reset-authenticator" || !accepted(step)) return;
          let since = -1;
          for (let j = i - 1; j >= 0; j--) if (STARTS_RECOVERY(steps[j])) {
            since = j;
            break;
          }
          if (since < 0 && !["interact", "introspect"].includes(idx(steps[0]).kind)) return;
          const from = Math.max(since, 0);
          const proof2 = steps.slice(from, i).some((s) => VERIFIES.has(idx(s).taken ?? "") && accepted(s));
          if (proof2) return;
          const token = steps.some((s) => idx(s).recoveryToken);
          context.report({
            transaction: tx,
            step,
            messageId: token ? "recoveryToken" : "noVerification",
            severity: token ? "info" : "high",
            data: { step: step.step, since: steps[from].step },
            evidence: { resetStep: step.step, recoveryFrom: steps[from].step, takenSince: steps.slice(from, i).map((s) => idx(s).taken ?? s.operation), recoveryToken: token }
          });
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-stale-handle.ts
var idxStaleHandle = {
  meta: {
    id: "idx-stale-handle",
    severity: "low",
    summary: "IDX request presents a stateHandle of its chain that the latest response no longer issued",
    rationale: "Identity Engine may rotate the stateHandle between any two remediations; the client must use the one in the latest response (inside the form). A request with an earlier handle is a back button, a replay or a second tab forking the transaction.",
    basis: "inferred",
    docs: "docs/rules/idx-stale-handle.md",
    protocol: "okta-idx",
    messages: {
      staleHandle: "{operation} presented handle {sent}, but the latest response (step {offerStep}) issued {latest}: the request answers an older state of the transaction. The server answered {status}."
    }
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const sent = idx(step).requestHandle;
          if (!sent || idx(step).kind === "token" || endBefore(tx.steps, i)) return;
          const offer = offerBefore(tx.steps, i);
          if (!offer) return;
          const issued = [idx(offer).responseHandle, ...idx(offer).forms.map((f) => parseTokenRef(f.immutable.stateHandle))].filter((r) => r !== null);
          if (issued.length === 0 || issued.some((r) => sameToken(r, sent)) || !issued.every((r) => tokensDiffer(r, sent))) return;
          context.report({
            transaction: tx,
            step,
            messageId: "staleHandle",
            severity: accepted(step) ? "medium" : "low",
            data: { operation: step.operation, sent: tokenLabel(sent) ?? "", offerStep: offer.step, latest: tokenLabel(issued[0]) ?? "", status: step.httpStatus ?? "nothing" },
            evidence: { sent: tokenLabel(sent), latest: issued.map((r) => tokenLabel(r)), latestFromStep: offer.step, httpStatus: step.httpStatus }
          });
        });
      }
    };
  }
};

// src/protocols/okta-idx/rules/idx-success-redirect-reuse.ts
var idxSuccessRedirectReuse = {
  meta: {
    id: "idx-success-redirect-reuse",
    severity: "medium",
    summary: "hosted /login/token/redirect requested twice with one stateToken, or after a terminal response",
    rationale: "In Okta-hosted flows the success form sends the browser once to /login/token/redirect?stateToken=\u2026, which answers with the authorization code. A second request with the same stateToken, or one after the transaction ended in a terminal response, replays a finished sign-in.",
    basis: "sdk",
    docs: "docs/rules/idx-success-redirect-reuse.md",
    protocol: "okta-idx",
    messages: {
      redirectTwice: "/login/token/redirect was requested again with the stateToken already redeemed at step {firstStep} of {firstTx}; the server answered {status}.",
      redirectAfterTerminal: "/login/token/redirect was requested after the transaction ended in {end} at step {endStep}; the server answered {status}."
    }
  },
  create(context) {
    return {
      unit(unit) {
        const done = [];
        for (const placed of unit) {
          const { tx, step } = placed;
          if (idx(step).kind !== "redirect") continue;
          const handle = idx(step).requestHandle;
          const first = handle ? done.find((p) => sameToken(idx(p.step).requestHandle, handle)) : void 0;
          const status = step.httpStatus ?? "nothing";
          if (first) {
            context.report({ transaction: tx, step, messageId: "redirectTwice", data: { firstStep: first.step.step, firstTx: first.tx.id, status }, evidence: { firstUse: { transaction: first.tx.id, step: first.step.step }, httpStatus: step.httpStatus } });
          } else {
            const before = tx.steps.slice(0, tx.steps.indexOf(step));
            const end = before.find((s) => ["TERMINAL_ERROR", "TERMINAL_INFO"].includes(idx(s).responseClass));
            if (end) context.report({ transaction: tx, step, messageId: "redirectAfterTerminal", data: { end: idx(end).responseClass, endStep: end.step, status }, evidence: { endedAt: end.step, httpStatus: step.httpStatus } });
          }
          done.push(placed);
        }
      }
    };
  }
};

// src/protocols/okta-idx/rules/index.ts
var IDX_RULES = [
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
  idxSuccessRedirectReuse
];

// src/protocols/okta-idx/timeline.ts
var header = (h, name) => h[name] ?? "";
function after(f, res, httpStatus, before) {
  const cls = classify(res, httpStatus);
  if (f.ok && /\/cancel$/i.test(f.path)) return CANCELLED;
  if (f.kind === "interact" && f.ok) return "INTERACTION_HANDLE";
  if (f.kind === "token" && f.ok) return "TOKENS";
  if (f.kind === "redirect" && httpStatus !== null && httpStatus >= 300 && httpStatus < 400) return "REDIRECT";
  if (cls === "ERROR" || cls === "NONE") return before;
  return stateLabel(cls, formsOf(res).filter((x) => x.kind === "remediation").map((x) => x.name));
}
function startOf(f, current) {
  return current ?? (f.kind === "interact" || f.kind === "introspect" ? START : UNKNOWN_STATE);
}
function liveMove3({ exchange, facts }, current) {
  const before = startOf(facts, current);
  const first = messagesOf(exchange.responseBody).find((m) => m.class === "ERROR");
  return {
    before,
    after: after(facts, exchange.responseBody, exchange.responseStatus, before),
    token: tokenLabel(facts.responseHandle ?? facts.requestHandle),
    rotated: tokensDiffer(facts.requestHandle, facts.responseHandle),
    errorCode: first?.key ?? str2(obj2(exchange.responseBody).error)
  };
}
function timeline3(members) {
  let current = null;
  let offer = null;
  let intent = null;
  const steps = members.map(({ exchange, facts }, index) => {
    const res = obj2(exchange.responseBody);
    const cls = classify(res, exchange.responseStatus);
    const forms = formsOf(res);
    const previous = offer?.body ?? {};
    const exempt = facts.kind === "interact" || facts.kind === "introspect";
    const { form, ambiguous } = exempt || !offer ? { form: null, ambiguous: false } : matchForm(facts, exchange.method, offer.forms, previous);
    const taken = form?.name ?? null;
    const before = startOf(facts, current);
    const statusAfter = after(facts, res, exchange.responseStatus, before);
    current = statusAfter;
    intent = str2(res.intent) ?? intent;
    const messages = messagesOf(res);
    const idx2 = {
      kind: facts.kind,
      taken,
      offered: exempt || !offer ? null : taken !== null,
      ambiguous,
      forms,
      remediations: forms.filter((x) => x.kind === "remediation").map((x) => x.name),
      actions: forms.filter((x) => x.kind === "action").map((x) => x.name),
      responseClass: facts.kind === "interact" && facts.ok ? "INTERACTION_HANDLE" : facts.kind === "token" && facts.ok ? "TOKENS" : statusAfter === "REDIRECT" ? "REDIRECT" : cls,
      intent,
      authenticator: authenticatorOf(facts, previous, res, taken),
      messages,
      requestHandle: facts.requestHandle,
      responseHandle: facts.responseHandle,
      interactionHandle: parseTokenRef(facts.request.interactionHandle ?? res.interaction_handle),
      interactionCode: facts.kind === "token" ? parseTokenRef(facts.request.interaction_code) : null,
      issuedInteractionCode: parseTokenRef(issuedCodeOf(res)),
      grantType: str2(facts.request.grant_type),
      codeVerifier: str2(facts.request.code_verifier),
      codeChallenge: str2(facts.request.code_challenge),
      codeChallengeMethod: str2(facts.request.code_challenge_method),
      recoveryToken: facts.kind === "interact" && str2(facts.request.recovery_token) !== null,
      requestFields: requestFields(facts.request),
      restartHandle: /\/cancel$/i.test(facts.path) && facts.ok ? facts.responseHandle : null,
      deviceStepUp: exchange.responseStatus === 401 && /oktadevicejwt/i.test(header(exchange.responseHeaders, "www-authenticate"))
    };
    if (isIdxDocument(res) && cls !== "ERROR") offer = { forms, body: res };
    return {
      step: index + 1,
      exchange,
      operation: taken ?? pathOperation(facts),
      statusBefore: before,
      statusAfter,
      responseStatus: cls === "ERROR" || cls === "NONE" ? null : statusAfter,
      httpStatus: exchange.responseStatus,
      errorCode: messages.find((m) => m.class === "ERROR")?.key ?? str2(res.error),
      requestToken: facts.requestHandle,
      responseToken: facts.responseHandle,
      requestRecoveryToken: null,
      responseRecoveryToken: null,
      tokenFingerprint: tokenLabel(facts.responseHandle ?? facts.requestHandle),
      rotated: tokensDiffer(facts.requestHandle, facts.responseHandle),
      userId: facts.userId,
      login: facts.login,
      passwordChanged: null,
      expiresAt: str2(res.expiresAt),
      factorResult: null,
      recoveryType: null,
      links: idx2.remediations.concat(idx2.actions),
      linkPaths: forms.map((x) => x.path),
      idx: idx2
    };
  });
  return { steps, outcome: outcomeOf3(steps) };
}
function outcomeOf3(steps) {
  const success = steps.some((s) => ["SUCCESS_PENDING_EXCHANGE", "SUCCESS_REDIRECT", "TOKENS"].includes(s.idx.responseClass) || s.idx.messages.some((m) => m.key === "idx.recovery.completed"));
  if (success) return "SUCCESS";
  const last = steps[steps.length - 1];
  if (!last) return "IN_PROGRESS";
  if (last.statusAfter === CANCELLED) return "CANCELLED";
  if (last.idx.responseClass === "TERMINAL_ERROR") return "FAILED";
  const offered = steps.map((s) => s.idx).filter((i) => i.remediations.length > 0).pop();
  return offered && offered.remediations.some((r) => VERIFYING.has(r)) ? "MFA_PENDING" : "IN_PROGRESS";
}

// src/protocols/okta-idx/index.ts
var oktaIdx = {
  id: "okta-idx",
  label: "Okta Identity Engine (IDX)",
  include: ["/idp/idx/**", "/oauth2/**/v1/interact", "/oauth2/**/v1/token", "/login/token/redirect"],
  claims: claimsIdx,
  facts: factsOf3,
  timeline: timeline3,
  move: liveMove3,
  rules: IDX_RULES
};

// src/protocols/saml/facts.ts
import { createHash as createHash3 } from "node:crypto";

// src/protocols/saml/xml.ts
var MAX_XML_CHARS = 1024 * 1024;

// src/protocols/saml/decode.ts
function carriesSaml(e) {
  return /[?&]SAML(?:Request|Response)=/.test(e.url) || typeof e.requestBody === "string" && /(?:^|&)SAML(?:Request|Response)=/.test(e.requestBody);
}

// src/protocols/saml/facts.ts
function idKey(id) {
  if (!id) return [];
  const ref = { prefix: id, fp: createHash3("sha256").update(id).digest("hex").slice(0, 12), masked: true };
  return [{ kind: "saml-id", ref }];
}
function isSamlExchange(e) {
  return e.evidence?.saml !== void 0 || carriesSaml(e);
}
function operationOf(m) {
  return m ? `saml.${m.type ?? m.param}` : "saml.unknown";
}
function factsOf4(e) {
  const m = e.evidence?.saml ?? null;
  const isResponse = m?.param === "SAMLResponse";
  return {
    operation: operationOf(m),
    ok: e.transportError === null && e.responseStatus !== null && e.responseStatus < 400,
    uses: isResponse ? idKey(m.inResponseTo) : [],
    issues: isResponse ? [] : idKey(m?.id ?? null),
    starts: !isResponse,
    ends: isResponse,
    userId: null,
    login: null,
    message: m
  };
}

// src/protocols/saml/rules/saml-assertion-expired.ts
var SAML_SKEW_MS = 18e4;
function deliveredAt(step) {
  const started = toMs(step.exchange.startedAt);
  if (started !== null) return { ms: started, from: "the request time" };
  const date = step.exchange.responseHeaders?.date;
  const ms = date ? Date.parse(date) : NaN;
  return Number.isNaN(ms) ? null : { ms, from: "the server's Date header" };
}
var samlAssertionExpired = {
  meta: {
    id: "saml-assertion-expired",
    severity: "medium",
    summary: "a SAML assertion was delivered after its NotOnOrAfter, or was issued already expired",
    rationale: "SAML 2.0 core 2.5.1.2 and 2.4.1.2: an assertion is invalid at and after NotOnOrAfter; an SP must refuse it. A late delivery points to a slow user, a replay or clock skew between IdP and SP.",
    basis: "documented",
    docs: "docs/rules/saml-assertion-expired.md",
    protocol: "saml",
    messages: {
      acceptedLate: "The assertion from {issuer} was valid until {notOnOrAfter} but reached {destination} at {deliveredAt} ({from}), {late} later (beyond 3 minutes of skew), and the SP answered {http}: it accepted an expired assertion, which SAML 2.0 core 2.5.1.2 forbids. Check the SP's time validation and clock.",
      refusedLate: "The assertion from {issuer} was valid until {notOnOrAfter} but reached {destination} at {deliveredAt} ({from}), {late} later (beyond 3 minutes of skew); the SP rightly refused it ({http}). A stale tab, a replay or clock skew between IdP and SP: compare the clocks and start the sign-in again from the SP.",
      issuedExpired: "The assertion from {issuer} was issued at {issueInstant} with NotOnOrAfter {notOnOrAfter}: it was never valid. The IdP clock or its assertion lifetime setting is wrong."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const m = step.saml;
        const end = toMs(m?.notOnOrAfter);
        if (!m || m.param !== "SAMLResponse" || end === null) return;
        const issued = toMs(m.issueInstant);
        const data = { issuer: m.issuer ?? "the IdP", notOnOrAfter: m.notOnOrAfter, destination: m.destination ?? "the SP" };
        if (issued !== null && end <= issued) {
          context.report({ transaction: tx, step, messageId: "issuedExpired", data: { ...data, issueInstant: m.issueInstant }, evidence: { issueInstant: m.issueInstant, notOnOrAfter: m.notOnOrAfter } });
          return;
        }
        const at2 = deliveredAt(step);
        if (!at2 || at2.ms < end + SAML_SKEW_MS) return;
        const deliveredIso = new Date(at2.ms).toISOString();
        const refused = step.httpStatus !== null && step.httpStatus >= 400;
        context.report({
          transaction: tx,
          step,
          messageId: refused ? "refusedLate" : "acceptedLate",
          // An SP that took it has a bug to fix; one that refused it explains its error page.
          severity: refused ? "low" : "high",
          data: { ...data, deliveredAt: deliveredIso, from: at2.from, late: humanDuration(at2.ms - end), http: step.httpStatus === null ? "no response" : `HTTP ${step.httpStatus}` },
          evidence: { notOnOrAfter: m.notOnOrAfter, deliveredAt: deliveredIso, from: at2.from }
        });
      }
    };
  }
};

// src/protocols/saml/rules/saml-destination-mismatch.ts
function endpointOf(url) {
  try {
    const u2 = new URL(url);
    return `${u2.protocol}//${u2.host}${u2.pathname.replace(/(.)\/$/, "$1")}`;
  } catch {
    return null;
  }
}
var samlDestinationMismatch = {
  meta: {
    id: "saml-destination-mismatch",
    severity: "medium",
    summary: "a SAML message's Destination is not the URL it was delivered to, or a response's is not the ACS URL its request asked for",
    rationale: "SAML 2.0 bindings 3.4.5.2 and 3.5.5.2: a recipient must check that Destination is the location it received the message at, or refuse it. A mismatch means a misconfigured ACS/SSO URL (often http vs https, or a proxy rewriting the host).",
    basis: "documented",
    docs: "docs/rules/saml-destination-mismatch.md",
    protocol: "saml",
    messages: {
      deliveredElsewhere: "The {type} names Destination {destination} but was delivered to {url}. The recipient must refuse it (SAML 2.0 bindings 3.5.5.2): fix the ACS or SSO URL configured at the sender.",
      notRequestedAcs: "The response names Destination {destination} but its AuthnRequest (step {requestStep}) asked for AssertionConsumerServiceURL {acsUrl}. The IdP posted to another ACS URL than the SP requested: compare the app's Single sign-on URL in Okta with the SP's ACS URL."
    }
  },
  create(context) {
    return {
      step(step, tx) {
        const m = step.saml;
        if (!m?.destination) return;
        const delivered = endpointOf(step.exchange.url);
        const named = endpointOf(m.destination);
        if (delivered && named && !sameEndpoint(delivered, named)) {
          context.report({
            transaction: tx,
            step,
            messageId: "deliveredElsewhere",
            data: { type: m.type ?? m.param, destination: m.destination, url: delivered },
            evidence: { destination: m.destination, deliveredTo: delivered }
          });
        }
        const request = m.answersStep ? tx.steps[m.answersStep - 1]?.saml : void 0;
        const acs = request?.acsUrl ? endpointOf(request.acsUrl) : null;
        if (request && acs && named && !sameEndpoint(acs, named)) {
          context.report({
            transaction: tx,
            step,
            messageId: "notRequestedAcs",
            data: { destination: m.destination, requestStep: m.answersStep, acsUrl: request.acsUrl },
            evidence: { destination: m.destination, acsUrl: request.acsUrl }
          });
        }
      }
    };
  }
};
var sameEndpoint = (a, b) => a === b;

// src/protocols/saml/rules/saml-unknown-request.ts
var samlUnknownRequest = {
  meta: {
    id: "saml-unknown-request",
    severity: "low",
    summary: "a SAML response answers (InResponseTo) a request that is not in the evidence",
    rationale: "An SP that sent no AuthnRequest with that ID must reject the response (SAML 2.0 profiles 4.1.4.3); either the trace began after the request was sent, or the response belongs to another session or is a replay.",
    basis: "evidence",
    docs: "docs/rules/saml-unknown-request.md",
    protocol: "saml",
    messages: {
      unknownRequest: "The {type} from {issuer} answers request {inResponseTo}, but no SAML request with that ID is in the evidence. Unless the trace began after the request was sent, the SP must reject it (SAML 2.0 profiles 4.1.4.3): it belongs to another session or is replayed."
    }
  },
  create(context) {
    return {
      unit(placed) {
        const sent = /* @__PURE__ */ new Set();
        for (const { step } of placed) if (step.saml?.param === "SAMLRequest" && step.saml.id) sent.add(step.saml.id);
        for (const { tx, step } of placed) {
          const m = step.saml;
          if (m?.param !== "SAMLResponse" || !m.inResponseTo || sent.has(m.inResponseTo)) continue;
          context.report({
            transaction: tx,
            step,
            messageId: "unknownRequest",
            data: { type: m.type ?? "response", issuer: m.issuer ?? "an unnamed issuer", inResponseTo: m.inResponseTo },
            evidence: { inResponseTo: m.inResponseTo, requestIds: [...sent] }
          });
        }
      }
    };
  }
};

// src/protocols/saml/rules/index.ts
var SAML_RULES = [samlAssertionExpired, samlDestinationMismatch, samlUnknownRequest];

// src/protocols/saml/timeline.ts
var REQUESTED = "REQUESTED";
function moveOf3(facts, current) {
  const m = facts.message;
  const before = current ?? (m?.param === "SAMLRequest" ? START : UNKNOWN_STATE);
  if (!m || m.undecoded) return { before, after: before };
  if (m.param === "SAMLRequest") return { before, after: REQUESTED };
  return { before, after: m.status ?? before };
}
function liveMove4({ facts }, current) {
  const { before, after: after2 } = moveOf3(facts, current);
  return { before, after: after2, token: null, rotated: false, errorCode: null };
}
function timeline4(members) {
  let current = null;
  const steps = members.map(({ exchange, facts }, index) => {
    const { before, after: after2 } = moveOf3(facts, current);
    current = after2;
    const m = facts.message;
    const step = {
      step: index + 1,
      exchange,
      operation: facts.operation,
      statusBefore: before,
      statusAfter: after2,
      responseStatus: m?.param === "SAMLResponse" ? m.status : null,
      httpStatus: exchange.responseStatus,
      errorCode: null,
      requestToken: null,
      responseToken: null,
      requestRecoveryToken: null,
      responseRecoveryToken: null,
      tokenFingerprint: null,
      rotated: false,
      userId: null,
      login: null,
      passwordChanged: null,
      expiresAt: m?.notOnOrAfter ?? null,
      factorResult: null,
      recoveryType: null,
      links: [],
      linkPaths: []
    };
    if (m) {
      const answered = m.param === "SAMLResponse" && m.inResponseTo ? members.findIndex((o) => o.facts.message?.param === "SAMLRequest" && o.facts.message.id === m.inResponseTo) : -1;
      step.saml = { ...m, answersStep: answered >= 0 ? answered + 1 : null };
    }
    return step;
  });
  return { steps, outcome: outcomeOf4(steps) };
}
function outcomeOf4(steps) {
  const responses = steps.filter((s) => s.saml?.param === "SAMLResponse" && s.saml.status);
  const last = responses[responses.length - 1];
  if (!last) return "IN_PROGRESS";
  const refused = last.httpStatus !== null && last.httpStatus >= 400;
  return last.saml.status === "Success" && !refused ? "SUCCESS" : "FAILED";
}

// src/protocols/saml/index.ts
var saml = {
  id: "saml",
  label: "SAML 2.0 Web SSO",
  include: ["**/sso/saml", "**/sso/saml/**", "**/saml", "**/saml/**", "**/saml2", "**/saml2/**", "**/acs", "**/sls", "/adfs/ls/**"],
  claims: isSamlExchange,
  facts: factsOf4,
  timeline: timeline4,
  move: liveMove4,
  rules: SAML_RULES
};

// src/protocols/index.ts
var PROTOCOLS = [oktaAuthn, oktaIdx, oauth, saml];
function protocolOf(exchange) {
  for (const protocol of PROTOCOLS) if (protocol.claims(exchange)) return protocol;
  return null;
}
var RULES = [...PROTOCOLS.flatMap((p) => p.rules), ...EVIDENCE_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
var DEFAULT_INCLUDE = [...new Set(PROTOCOLS.flatMap((p) => p.include))];

// src/analyze/link.ts
function linkChains(exchanges) {
  const byGroup = /* @__PURE__ */ new Map();
  let list;
  let last;
  for (const e of exchanges) {
    if (!last || e.captureId !== last.captureId || e.group !== last.group) {
      const key4 = `${e.captureId}\0${e.group}`;
      list = byGroup.get(key4);
      if (!list) byGroup.set(key4, list = []);
    }
    list.push(e);
    last = e;
  }
  const chains = [];
  const unanalyzed = [];
  const context = [];
  for (const list2 of byGroup.values()) {
    const linker = new Linker();
    for (const exchange of orderOf(list2)) {
      const context2 = linker.context.length;
      if (!linker.add(exchange) && linker.context.length === context2) unanalyzed.push(exchange);
    }
    for (const chain of linker.chains) chains.push(chain);
    for (const exchange of linker.context) context.push(exchange);
  }
  return { chains, unanalyzed, context };
}
function orderOf(list) {
  const times = new Float64Array(list.length);
  let timed = true;
  let inOrder = true;
  let bySeq = true;
  for (let i = 0; i < list.length; i++) {
    const t2 = toMs(list[i].startedAt);
    if (t2 === null) timed = false;
    else times[i] = t2;
    if (i > 0) {
      const seq = list[i].seq - list[i - 1].seq;
      if (seq < 0) bySeq = false;
      if (times[i] - times[i - 1] < 0 || times[i] === times[i - 1] && seq < 0) inOrder = false;
    }
  }
  if (timed ? inOrder : bySeq) return list;
  if (!timed) return [...list].sort((a, b) => a.seq - b.seq);
  const at2 = list.map((_, i) => i);
  at2.sort((a, b) => times[a] - times[b] || list[a].seq - list[b].seq);
  return at2.map((i) => list[i]);
}
var Linker = class {
  chains = [];
  /** Exchanges read as context (LinkFacts.context), in no chain. */
  context = [];
  index = new ChainIndex();
  /**
   * Adds the exchange to the chain it belongs to (a new one if none) and returns that chain; null when no
   * protocol reads it, or when it is context that joined no chain (then it is in `context`).
   */
  add(exchange) {
    const protocol = protocolOf(exchange);
    if (!protocol) return null;
    const facts = protocol.facts(exchange);
    if (facts.context && !facts.uses.some((k) => this.index.byKey(protocol.id, k))) {
      this.context.push(exchange);
      return null;
    }
    let chain = findChain(this.index, protocol.id, facts);
    if (!chain) {
      chain = { protocol, captureId: exchange.captureId, group: exchange.group, members: [], keys: [], userIds: [], ended: false };
      this.index.order.set(chain, this.chains.length);
      this.chains.push(chain);
    }
    absorb(chain, { exchange, facts }, this.index);
    return chain;
  }
};
var ChainIndex = class {
  order = /* @__PURE__ */ new Map();
  /** Keyed fingerprints (redacted tokens): compared by fingerprint only. */
  fps = new Buckets();
  /** Every key by its first characters (a masked or clear query compares prefixes with all of them). */
  prefixes = new Buckets();
  /** Keys without a keyed fingerprint, by their first characters (a keyed query compares prefixes only with these). */
  unkeyed = new Buckets();
  /** User ids exactly as seen. */
  users = new Buckets();
  /** Masked user ids by their first characters (they may stand for a clear id that starts alike). */
  maskedUsers = new Buckets();
  /** Every user id by its first characters, for masked queries. */
  allUsers = new Buckets();
  addKey(protocol, key4, chain) {
    const entry = { ref: key4.ref, chain };
    const keyed = key4.ref.masked && key4.ref.fp !== null;
    if (keyed) this.fps.add(protocol, key4.kind, key4.ref.fp, entry);
    if (key4.ref.prefix.length >= MIN_KEY) {
      const head = headOf(key4.ref.prefix);
      this.prefixes.add(protocol, key4.kind, head, entry);
      if (!keyed) this.unkeyed.add(protocol, key4.kind, head, entry);
    }
  }
  addUser(protocol, id, chain) {
    this.users.add(protocol, USER, id, chain);
    const head = headOf(id);
    this.allUsers.add(protocol, USER, head, { id, chain });
    if (isMasked2(id)) this.maskedUsers.add(protocol, USER, head, { id, chain });
  }
  /** The most recently started chain holding a key that may be this one. */
  byKey(protocol, key4) {
    const keyed = key4.ref.masked && key4.ref.fp !== null;
    const head = key4.ref.prefix.length >= MIN_KEY ? headOf(key4.ref.prefix) : null;
    if (keyed) {
      const best = this.newest(this.fps.get(protocol, key4.kind, key4.ref.fp), key4.ref, void 0);
      return head ? this.newest(this.unkeyed.get(protocol, key4.kind, head), key4.ref, best) : best;
    }
    return head ? this.newest(this.prefixes.get(protocol, key4.kind, head), key4.ref, void 0) : void 0;
  }
  /** The newest chain of `list` (or `best`) holding a key that may be `ref`. */
  newest(list, ref, best) {
    if (list) {
      for (const entry of list) if (this.newer(entry.chain, best) && sameToken(entry.ref, ref)) best = entry.chain;
    }
    return best;
  }
  byUser(protocol, id, accept) {
    let best;
    for (const chain of this.users.get(protocol, USER, id) ?? []) if (accept(chain) && this.newer(chain, best)) best = chain;
    const head = headOf(id);
    const others = isMasked2(id) ? this.allUsers.get(protocol, USER, head) : this.maskedUsers.get(protocol, USER, head);
    for (const entry of others ?? []) {
      if (accept(entry.chain) && this.newer(entry.chain, best) && sameIdentifier(entry.id, id)) best = entry.chain;
    }
    return best;
  }
  newer(a, b) {
    return !b || this.order.get(a) > this.order.get(b);
  }
};
var MIN_KEY = 6;
var MASK = /\*|…|\.{3}|•|\[/;
var isMasked2 = (id) => MASK.test(id);
var headOf = (value) => value.length <= MIN_KEY ? value : value.slice(0, MIN_KEY);
var USER = "user";
var Buckets = class {
  map = /* @__PURE__ */ new Map();
  get(protocol, kind, text) {
    return this.map.get(protocol)?.get(kind)?.get(text);
  }
  add(protocol, kind, text, value) {
    let kinds = this.map.get(protocol);
    if (!kinds) this.map.set(protocol, kinds = /* @__PURE__ */ new Map());
    let texts = kinds.get(kind);
    if (!texts) kinds.set(kind, texts = /* @__PURE__ */ new Map());
    const list = texts.get(text);
    if (list) list.push(value);
    else texts.set(text, [value]);
  }
};
function findChain(index, protocol, f) {
  for (const key4 of f.uses) {
    const hit = index.byKey(protocol, key4);
    if (hit) return hit;
  }
  if (f.starts) return void 0;
  for (const key4 of f.issues) {
    const hit = index.byKey(protocol, key4);
    if (hit) return hit;
  }
  return f.userId ? index.byUser(protocol, f.userId, (c) => !c.ended) : void 0;
}
function absorb(chain, member, index) {
  chain.members.push(member);
  const f = member.facts;
  for (const key4 of f.uses) addKey(chain, key4, index);
  for (const key4 of f.issues) addKey(chain, key4, index);
  if (f.userId && !chain.userIds.includes(f.userId)) {
    chain.userIds.push(f.userId);
    index.addUser(chain.protocol.id, f.userId, chain);
  }
  if (f.ends) chain.ended = true;
}
function addKey(chain, key4, index) {
  for (const k of chain.keys) if (k.kind === key4.kind && sameToken(k.ref, key4.ref)) return;
  chain.keys.push(key4);
  index.addKey(chain.protocol.id, key4, chain);
}

// src/analyze/order.ts
var compareIds = new Intl.Collator("en", { numeric: true }).compare;
var compareText = new Intl.Collator().compare;

// src/analyze/timeline.ts
function buildTransactions(chains, counters = /* @__PURE__ */ new Map()) {
  return chains.map((chain) => {
    const { steps, outcome } = chain.protocol.timeline(chain.members);
    return {
      id: nextId(chain.captureId, counters),
      captureId: chain.captureId,
      protocol: chain.protocol.id,
      group: chain.group,
      user: { id: preferMasked(steps, "userId"), login: preferMasked(steps, "login") },
      steps,
      outcome
    };
  });
}
function nextId(captureId, counters) {
  const n2 = (counters.get(captureId) ?? 0) + 1;
  counters.set(captureId, n2);
  return `${captureId}.${n2}`;
}
function preferMasked(steps, field) {
  let first = null;
  for (const step of steps) {
    const v = step[field];
    if (!v) continue;
    if (MASKED.test(v)) return v;
    first ??= v;
  }
  return first;
}
var MASKED = /\*|…/;

// src/analyze/index.ts
function unansweredIn(transactions) {
  let n2 = 0;
  for (const t2 of transactions) {
    const bodied = BODY_PROTOCOLS.has(t2.protocol);
    for (const s of t2.steps) {
      const e = s.exchange;
      if (e.transportError || e.responseBody !== null && e.responseBody !== void 0) continue;
      const status = e.responseStatus;
      if (status === null || bodied && status !== 204 && status !== 304 && (status < 300 || status >= 400)) n2++;
    }
  }
  return n2;
}
var BODY_PROTOCOLS = /* @__PURE__ */ new Set(["okta-authn", "okta-idx"]);
function analyzeUnits(units, captures, options, each) {
  const run = new RuleRun(options);
  const counters = /* @__PURE__ */ new Map();
  const unread = new Unread();
  let transactionCount = 0;
  let unanswered = 0;
  for (const unit of units) {
    const linked = linkChains(unit);
    const transactions = buildTransactions(linked.chains, counters);
    run.visit(transactions);
    unread.add(transactions, linked.unanalyzed);
    transactionCount += transactions.length;
    unanswered += unansweredIn(transactions);
    each(transactions);
  }
  return { captures, ...run.finish(), unread: unread.result(captures), unanswered, transactionCount };
}
var Unread = class {
  tally = new UnreadTally();
  unanalyzed = 0;
  add(transactions, unanalyzed) {
    for (const tx of transactions) for (const s of tx.steps) this.tally.sawOrg(s.exchange.url);
    for (const e of unanalyzed) this.tally.add(e.url, e.responseHeaders["content-type"] ?? null);
    this.unanalyzed += unanalyzed.length;
  }
  /** What a part of the analysis saw, parts given in evidence order: the same tally as `add` on their units. */
  absorb(part) {
    for (const host of part.hosts) this.tally.sawHost(host);
    for (const [url, type] of part.calls) this.tally.add(url, type);
    this.unanalyzed += part.calls.length;
  }
  result(captures) {
    const fromCaptures = captures.map((c) => c.unread ?? {});
    return mergeUnread(this.unanalyzed === 0 ? fromCaptures : [this.tally.result(), ...fromCaptures]);
  }
};
var NO_FINDINGS = Object.freeze([]);
function sortPlaced(placed) {
  return placed.sort((a, b) => a.tx - b.tx || (a.finding.step ?? 0) - (b.finding.step ?? 0) || compareText(a.finding.rule, b.finding.rule) || a.phase - b.phase || a.i - b.i).map((r) => r.finding);
}
var RuleRun = class {
  reported = [];
  ruleErrors = [];
  running = [];
  /** Each transaction's place in the timeline, for the order of findings. */
  order = /* @__PURE__ */ new Map();
  phase = 0;
  /** The visitors each protocol's transactions get, found once per protocol instead of per transaction. */
  visiting = /* @__PURE__ */ new Map();
  constructor(options = {}) {
    for (const rule of options.rules ?? RULES) {
      const setting = options.settings?.get(rule.meta.id);
      if (setting === "off") continue;
      const r = { rule, setting, visitor: {}, failed: false };
      this.call(r, () => r.visitor = rule.create({ report: (report) => this.reported.push({ finding: toFinding(rule, report, setting), phase: this.phase }) }));
      this.running.push(r);
    }
  }
  call(r, fn) {
    if (r.failed) return;
    try {
      fn();
    } catch (error) {
      r.failed = true;
      this.ruleErrors.push({ rule: r.rule.meta.id, message: error?.message ?? String(error) });
    }
  }
  visitorsOf(protocol) {
    let list = this.visiting.get(protocol);
    if (!list) {
      list = this.running.filter((r) => (r.rule.meta.protocol === "*" || r.rule.meta.protocol === protocol) && (r.visitor.transaction || r.visitor.step));
      this.visiting.set(protocol, list);
    }
    return list;
  }
  /** Walks these transactions (whole units, after those of earlier calls in the timeline), then their units. */
  visit(transactions) {
    this.phase = 0;
    for (const tx of transactions) {
      this.order.set(tx.id, this.order.size);
      this.walk(tx);
    }
    this.phase = 1;
    const units = /* @__PURE__ */ new Map();
    for (const r of this.running) {
      const { unit } = r.visitor;
      if (!unit || r.failed) continue;
      const protocol = r.rule.meta.protocol;
      let list = units.get(protocol);
      if (!list) units.set(protocol, list = stepsByUnit(protocol === "*" ? transactions : transactions.filter((t2) => t2.protocol === protocol)));
      for (const u2 of list) this.call(r, () => unit(u2));
    }
  }
  /**
   * The findings the transaction and step visitors report on this one transaction, handed back instead of
   * kept: for rules with no `unit` or `end` (see `perTransaction`), whose findings on a transaction depend on
   * it alone, so they can be made ahead of the analysis they join (the recorder's stop, see LiveAnalysis).
   */
  findingsOf(tx) {
    this.phase = 0;
    const from = this.reported.length;
    this.walk(tx);
    return this.reported.length === from ? NO_FINDINGS : this.reported.splice(from).map((r) => r.finding);
  }
  /** Findings made ahead by `findingsOf` on a transaction this run visits: placed in its timeline as if reported here. */
  include(findings) {
    for (const finding of findings) this.reported.push({ finding, phase: 0 });
  }
  walk(tx) {
    for (const r of this.visitorsOf(tx.protocol)) {
      const { transaction, step } = r.visitor;
      try {
        if (transaction && !r.failed) transaction(tx);
        if (step) {
          for (const s of tx.steps) if (!r.failed) step(s, tx);
        }
      } catch (error) {
        r.failed = true;
        this.ruleErrors.push({ rule: r.rule.meta.id, message: error?.message ?? String(error) });
      }
    }
  }
  /** Calls each rule's `end` and returns every finding in timeline order: transaction, step, rule id. */
  finish() {
    const { placed } = this.finishPlaced();
    return { findings: sortPlaced(placed), ruleErrors: this.ruleErrors };
  }
  /**
   * Calls each rule's `end` and returns the findings unsorted, each with its place (see `sortPlaced`), and the
   * rule errors, those of `end` apart: what a part of a parallel analysis hands back (see parallel.ts).
   */
  finishPlaced() {
    const visitErrors = this.ruleErrors.length;
    this.phase = 2;
    for (const r of this.running) if (r.visitor.end) this.call(r, r.visitor.end);
    const order = this.order;
    const place = (id) => id === null ? -1 : order.get(id) ?? -1;
    const placed = this.reported.map((r, i) => ({ finding: r.finding, phase: r.phase, i, tx: place(r.finding.transaction) }));
    return { placed, visitErrors: this.ruleErrors.slice(0, visitErrors), endErrors: this.ruleErrors.slice(visitErrors) };
  }
};
function stepsByUnit(transactions) {
  const units = /* @__PURE__ */ new Map();
  for (const tx of transactions) {
    const key4 = `${tx.captureId}\0${tx.group}`;
    let list = units.get(key4);
    if (!list) units.set(key4, list = []);
    for (const step of tx.steps) list.push({ tx, step });
  }
  for (const list of units.values()) if (!inSeqOrder(list)) list.sort((a, b) => a.step.exchange.seq - b.step.exchange.seq);
  return [...units.values()];
}
function inSeqOrder(list) {
  for (let i = 1; i < list.length; i++) if (list[i].step.exchange.seq < list[i - 1].step.exchange.seq) return false;
  return true;
}
function toFinding(rule, r, setting) {
  const template = rule.meta.messages[r.messageId];
  if (template === void 0) throw new Error(`rule ${rule.meta.id} reported unknown message id "${r.messageId}"`);
  return {
    rule: rule.meta.id,
    severity: setting ?? r.severity ?? rule.meta.severity,
    transaction: r.transaction?.id ?? null,
    step: r.step?.step ?? null,
    messageId: r.messageId,
    message: fillTemplate(template, r.data ?? {}),
    evidence: r.evidence,
    docs: rule.meta.docs
  };
}
function fillTemplate(template, data) {
  const parts2 = partsOf(template);
  let out = parts2[0];
  for (let i = 1; i < parts2.length; i += 2) {
    const key4 = parts2[i];
    out += (key4 in data ? String(data[key4]) : `{${key4}}`) + parts2[i + 1];
  }
  return out;
}
var templateParts = /* @__PURE__ */ new Map();
function partsOf(template) {
  let parts2 = templateParts.get(template);
  if (!parts2) templateParts.set(template, parts2 = template.split(/\{(\w+)\}/));
  return parts2;
}

// src/model/systemlog.ts
function systemLogEventJson(e) {
  return {
    uuid: e.uuid,
    published: e.published,
    eventType: e.eventType,
    requestId: e.requestId,
    outcome: e.outcome,
    threatSuspected: e.threatSuspected,
    actor: e.actor,
    client: e.client,
    captureId: e.captureId,
    sourceRef: e.sourceRef
  };
}

// src/analyze/explain.ts
var registry = new Map(RULES.map((rule) => [rule.meta.id, rule.meta]));

// src/analyze/verdict.ts
var registry2 = new Map(RULES.map((r) => [r.meta.id, r.meta]));

// src/analyze/document.ts
function transactionJson(t2) {
  return {
    id: t2.id,
    captureId: t2.captureId,
    user: t2.user,
    outcome: t2.outcome,
    steps: t2.steps.map((s) => ({
      step: s.step,
      exchangeId: s.exchange.id,
      method: s.exchange.method,
      path: pathOf(s.exchange.url),
      operation: s.operation,
      statusBefore: s.statusBefore,
      statusAfter: s.statusAfter,
      httpStatus: s.httpStatus,
      errorCode: s.errorCode,
      stateToken: { fingerprint: s.tokenFingerprint, rotated: s.rotated },
      passwordChanged: s.passwordChanged,
      expiresAt: s.expiresAt,
      factorResult: s.factorResult,
      startedAt: s.exchange.startedAt,
      sourceRef: s.exchange.sourceRef,
      ...s.oauth ? { oauth: s.oauth } : {},
      ...s.events ? { events: s.events.map(systemLogEventJson) } : {},
      ...s.saml ? { saml: s.saml } : {}
    }))
  };
}
function itemsText(list) {
  return JSON.stringify({ k: list }, null, 2).slice(ITEMS.length, -"\n  ]\n}".length);
}
var ITEMS = '{\n  "k": [\n';

// bench/.phase.ts
var store = openStore("/tmp/an1m/analyze-1000000.db");
var caps = store.captures([1]);
var mode = process.argv[2];
var t = performance.now();
var n = 0;
var bytes = 0;
if (mode === "read") {
  for (const g of store.groups([1])) n += g.length;
} else if (mode === "link") {
  for (const g of store.groups([1])) {
    const l = linkChains(g);
    n += buildTransactions(l.chains, /* @__PURE__ */ new Map()).length;
  }
} else if (mode === "rules") {
  const r = analyzeUnits(store.groups([1]), caps, {}, (tx) => {
    n += tx.length;
  });
} else if (mode === "text") {
  const r = analyzeUnits(store.groups([1]), caps, {}, (tx) => {
    n += tx.length;
    bytes += Buffer.byteLength(itemsText(tx.map(transactionJson)));
  });
} else if (mode === "json") {
  const r = analyzeUnits(store.groups([1]), caps, {}, (tx) => {
    n += tx.length;
    bytes += tx.map(transactionJson).length;
  });
}
var u = process.cpuUsage();
console.log(mode, Math.round(performance.now() - t), "ms", n, bytes, "cpu", Math.round((u.user + u.system) / 1e3), "rss", Math.round(process.resourceUsage().maxRSS / 1024));
