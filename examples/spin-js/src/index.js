// Wasmlet example: a Spin HTTP app in JavaScript (@fermyon/spin-sdk 2.0.0, ComponentizeJS 0.10).
// The same JSON routes as examples/spin-python (see README.md). It calls the fermyon:spin imports
// that the SDK declares (its webpack plugin keeps them external) rather than the SDK's wrappers:
// Variables.get swallows Spin's errors, Kv.set JSON-encodes a Uint8Array, and Sqlite drops the
// value types. A Spin error arrives as an exception whose payload is the WIT variant {tag, val}.
//@ts-ignore
import { Store } from "fermyon:spin/key-value@2.0.0";
//@ts-ignore
import { Connection } from "fermyon:spin/sqlite@2.0.0";
//@ts-ignore
import { get as getVariable } from "fermyon:spin/variables@2.0.0";

const FETCH_BODY_CHARS = 1000;
const ROUTES = ["/counter", "/kv/<key>", "/vars", "/secret-check?guess=X", "/sql",
  "/sql/notes?body=B", "/fetch?url=U"];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// A non-200 answer, thrown by a route (a plain class: ComponentizeJS 0.10's engine lost
// subclasses of Error thrown across await).
class HttpError {
  constructor(status, message, headers = {}) {
    this.status = status;
    this.message = message;
    this.headers = headers;
  }
}

function json(status, payload, headers = {}) {
  return new Response(JSON.stringify(payload), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Spin's error value as JSON: interface, variant and message, if any. */
function describe(iface, e) {
  const p = e && e.payload;
  if (!p || typeof p.tag !== "string") {
    return { error: `${e && e.name ? e.name : "Error"}: ${e && e.message ? e.message : e}` };
  }
  const message = p.val === undefined || p.val === null ? null
    : typeof p.val === "string" ? p.val : JSON.stringify(p.val);
  return { error: `${iface} error ${p.tag}` + (message ? `: ${message}` : ""), variant: p.tag, message };
}

/** Runs fn; a Spin error from it becomes a 500 with describe(). */
function spin(iface, fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(500, null, { __payload: describe(iface, e) });
  }
}

function allow(method, ...allowed) {
  if (!allowed.includes(method)) {
    throw new HttpError(405, `method ${method} not allowed`, { allow: allowed.join(", ") });
  }
}

function counter(method) {
  allow(method, "GET");
  return spin("key-value", () => {
    const store = Store.open("default");
    const current = store.get("counter");
    const n = (current ? parseInt(decoder.decode(current), 10) : 0) + 1;
    store.set("counter", encoder.encode(String(n)));
    return json(200, { counter: n });
  });
}

async function kv(method, key, request) {
  allow(method, "GET", "PUT", "DELETE");
  if (!key) throw new HttpError(400, "empty key");
  const body = method === "PUT" ? new Uint8Array(await request.arrayBuffer()) : null;
  return spin("key-value", () => {
    const store = Store.open("default");
    if (method === "PUT") {
      store.set(key, body);
      return json(200, { key, stored: body.length });
    }
    if (method === "DELETE") {
      if (!store.exists(key)) throw new HttpError(404, `no key '${key}'`);
      store.delete(key);
      return json(200, { key, deleted: true });
    }
    const value = store.get(key);
    if (value === null || value === undefined) throw new HttpError(404, `no key '${key}'`);
    return json(200, { key, value: decoder.decode(value) });
  });
}

function vars(method) {
  allow(method, "GET");
  return spin("variables", () => {
    const secret = getVariable("api_token");
    return json(200, {
      greeting: getVariable("greeting"),
      owner: getVariable("owner"),
      api_token: { set: secret.length > 0, length: secret.length },
    });
  });
}

function secretCheck(method, url) {
  allow(method, "GET");
  const guess = url.searchParams.get("guess");
  if (guess === null) throw new HttpError(400, "missing query parameter guess");
  return spin("variables", () => {
    const a = encoder.encode(guess), b = encoder.encode(getVariable("api_token"));
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
    return json(200, { match: diff === 0 });
  });
}

function sqlValue(v) {
  switch (v.tag) {
    case "integer": return typeof v.val === "bigint" && (v.val > Number.MAX_SAFE_INTEGER || v.val < -Number.MAX_SAFE_INTEGER) ? v.val.toString() : Number(v.val);
    case "real": return Number.isFinite(v.val) ? v.val : String(v.val);
    case "text": return v.val;
    case "blob": return { base64: btoa(String.fromCharCode(...v.val)) };
    default: return null;
  }
}

function resultJson(r) {
  return { columns: r.columns, rows: r.rows.map(row => row.values.map(sqlValue)) };
}

async function sql(method, request) {
  allow(method, "POST");
  const statement = await request.text();
  if (!statement.trim()) throw new HttpError(400, "the body must be an SQL statement");
  return spin("sqlite", () => json(200, resultJson(Connection.open("default").execute(statement, []))));
}

function notes(method, url) {
  allow(method, "GET");
  const text = url.searchParams.get("body");
  return spin("sqlite", () => {
    const db = Connection.open("default");
    db.execute("CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT)", []);
    if (text !== null) db.execute("INSERT INTO notes(body) VALUES (?)", [{ tag: "text", val: text }]);
    return json(200, resultJson(db.execute("SELECT id, body FROM notes ORDER BY id", [])));
  });
}

async function fetchRoute(method, url) {
  allow(method, "GET");
  const target = url.searchParams.get("url");
  if (!target) throw new HttpError(400, "missing query parameter url");
  try {
    const response = await fetch(target);
    const text = await response.text();
    return json(200, { status: response.status, body: text.slice(0, FETCH_BODY_CHARS) });
  } catch (e) {
    return json(502, describe("wasi:http", e));
  }
}

async function route(request) {
  const url = new URL(request.url);
  const method = request.method;
  const path = url.pathname;
  if (path === "/") { allow(method, "GET"); return json(200, { app: "spin-js", routes: ROUTES }); }
  if (path === "/counter") return counter(method);
  if (path.startsWith("/kv/")) return kv(method, decodeURIComponent(path.slice(4)), request);
  if (path === "/vars") return vars(method);
  if (path === "/secret-check") return secretCheck(method, url);
  if (path === "/sql") return sql(method, request);
  if (path === "/sql/notes") return notes(method, url);
  if (path === "/fetch") return fetchRoute(method, url);
  throw new HttpError(404, `no route for ${path}`);
}

async function handle(request) {
  try {
    return await route(request);
  } catch (e) {
    if (e instanceof HttpError) {
      const { __payload, ...headers } = e.headers;
      return json(e.status, __payload ?? { error: e.message }, headers);
    }
    return json(500, { error: `${e && e.name ? e.name : "Error"}: ${e && e.message ? e.message : e}` });
  }
}

addEventListener("fetch", event => event.respondWith(handle(event.request)));
