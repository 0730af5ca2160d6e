"""Wasmlet example: a Spin HTTP app in Python (spin-sdk 3.4.1, componentize-py 0.17.2).

Unmodified Spin SDK code: it exports wasi:http/incoming-handler@0.2.0 and uses Spin's variables,
key-value, SQLite and outbound HTTP (fermyon:spin/*@2.0.0, wasi:http/outgoing-handler@0.2.0).
Every answer is JSON. Routes (see README.md):

  GET    /counter              increments "counter" in key-value store "default"
  GET    /kv/<key>             the value (404 when missing)
  PUT    /kv/<key>             stores the request body
  DELETE /kv/<key>             deletes it (404 when missing)
  GET    /vars                 variables greeting and owner; of api_token only set/length
  GET    /secret-check?guess=X {"match": bool}: X compared with api_token
  POST   /sql                  the body is one SQL statement, run without parameters
  GET    /sql/notes?body=B     inserts B into table notes with a parameter, returns all notes
  GET    /fetch?url=U          outbound GET of U; 502 with the error when it fails or is denied
  GET    /self/<path>          GET /<path> of this same app (a relative URL: Spin's "self" request,
                               allowed by "http://self"), its status and body passed back as they
                               came; 502 with the error when it is denied or refused

A Spin error (an Err raised by a store, database or variable call) answers 500 with
{"error": "<interface> error <variant>[: <message>]", "variant": ..., "message": ...}, e.g.
{"error": "key-value error access-denied", "variant": "access-denied", "message": null}.
"""

import base64
import hmac
import json
import math
import re
from urllib.parse import parse_qs, unquote

from spin_sdk import http, key_value, sqlite, variables
from spin_sdk.http import Request, Response
from spin_sdk.wit.imports.sqlite import (
    Value_Blob,
    Value_Integer,
    Value_Null,
    Value_Real,
    Value_Text,
)
from spin_sdk.wit.types import Err

STORE = "default"
DATABASE = "default"
FETCH_BODY_CHARS = 1000

# The interface an Err's value comes from, by the module of its generated class.
INTERFACES = {
    "key_value": "key-value",
    "sqlite": "sqlite",
    "variables": "variables",
    "types": "wasi:http",
}


class HttpError(Exception):
    """An answer other than 200, raised by a route."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def json_response(status: int, payload, headers: dict | None = None) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    all_headers = {"content-type": "application/json"}
    all_headers.update(headers or {})
    return Response(status, all_headers, body.encode("utf-8"))


def kebab(name: str) -> str:
    """NoSuchStore -> no-such-store (the WIT spelling of a generated variant class)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def describe(error: Err) -> dict:
    """Spin's error value as JSON: interface, variant (WIT spelling) and message, if any."""
    value = error.value
    if value is None:  # e.g. result<_, unit>: an Err without a payload
        return {"error": "Err(None)", "variant": None, "message": None}
    cls = type(value)
    interface = INTERFACES.get(cls.__module__.rsplit(".", 1)[-1], cls.__module__)
    variant = kebab(cls.__name__.split("_", 1)[-1])
    message = getattr(value, "value", None)
    if message is not None and not isinstance(message, str):
        message = repr(message)
    text = f"{interface} error {variant}" + (f": {message}" if message else "")
    return {"error": text, "variant": variant, "message": message}


def query(uri: str) -> dict:
    q = uri.find("?")
    return parse_qs(uri[q + 1:], keep_blank_values=True) if q >= 0 else {}


def allow(method: str, *allowed: str) -> None:
    if method not in allowed:
        raise HttpError(405, f"method {method} not allowed", {"allow": ", ".join(allowed)})


# --- key-value ---------------------------------------------------------------------------------

def counter(method: str) -> Response:
    allow(method, "GET")
    with key_value.open(STORE) as store:
        current = store.get("counter")
        n = (int(current.decode("ascii")) if current is not None else 0) + 1
        store.set("counter", str(n).encode("ascii"))
    return json_response(200, {"counter": n})


def kv(method: str, key: str, body: bytes | None) -> Response:
    allow(method, "GET", "PUT", "DELETE")
    if not key:
        raise HttpError(400, "empty key")
    with key_value.open(STORE) as store:
        if method == "PUT":
            store.set(key, body or b"")
            return json_response(200, {"key": key, "stored": len(body or b"")})
        if method == "DELETE":
            if not store.exists(key):
                raise HttpError(404, f"no key {key!r}")
            store.delete(key)
            return json_response(200, {"key": key, "deleted": True})
        value = store.get(key)
        if value is None:
            raise HttpError(404, f"no key {key!r}")
        return json_response(200, {"key": key, "value": value.decode("utf-8", "replace")})


# --- variables ---------------------------------------------------------------------------------

def vars_(method: str) -> Response:
    allow(method, "GET")
    secret = variables.get("api_token")
    return json_response(200, {
        "greeting": variables.get("greeting"),
        "owner": variables.get("owner"),
        "api_token": {"set": bool(secret), "length": len(secret)},
    })


def secret_check(method: str, uri: str) -> Response:
    allow(method, "GET")
    guess = query(uri).get("guess")
    if not guess:
        raise HttpError(400, "missing query parameter guess")
    secret = variables.get("api_token")
    return json_response(200, {
        "match": hmac.compare_digest(guess[0].encode("utf-8"), secret.encode("utf-8"))})


# --- sqlite ------------------------------------------------------------------------------------

def sql_value(value):
    if isinstance(value, Value_Integer) or isinstance(value, Value_Text):
        return value.value
    if isinstance(value, Value_Real):
        return value.value if math.isfinite(value.value) else repr(value.value)
    if isinstance(value, Value_Blob):
        return {"base64": base64.b64encode(value.value).decode("ascii")}
    if isinstance(value, Value_Null):
        return None
    raise TypeError(f"unknown sqlite value {value!r}")


def result_json(result) -> dict:
    return {
        "columns": list(result.columns),
        "rows": [[sql_value(v) for v in row.values] for row in result.rows],
    }


def sql(method: str, body: bytes | None) -> Response:
    allow(method, "POST")
    statement = (body or b"").decode("utf-8")
    if not statement.strip():
        raise HttpError(400, "the body must be an SQL statement")
    with sqlite.open(DATABASE) as db:
        return json_response(200, result_json(db.execute(statement, [])))


def notes(method: str, uri: str) -> Response:
    allow(method, "GET")
    text = query(uri).get("body")
    with sqlite.open(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT)", [])
        if text is not None:
            db.execute("INSERT INTO notes(body) VALUES (?)", [Value_Text(text[0])])
        result = db.execute("SELECT id, body FROM notes ORDER BY id", [])
        return json_response(200, result_json(result))


# --- outbound HTTP -----------------------------------------------------------------------------

def fetch(method: str, uri: str) -> Response:
    allow(method, "GET")
    url = query(uri).get("url")
    if not url:
        raise HttpError(400, "missing query parameter url")
    try:
        response = http.send(Request("GET", url[0], {}, None))
    except Err as e:
        return json_response(502, describe(e))
    except Exception as e:  # e.g. a malformed URL rejected by the SDK or the host
        return json_response(502, {"error": f"{type(e).__name__}: {e}"})
    text = (response.body or b"").decode("utf-8", "replace")
    return json_response(200, {"status": response.status, "body": text[:FETCH_BODY_CHARS]})


def relay_self(method: str, uri: str) -> Response:
    """A request to this app itself: a relative URL, which Spin serves as a "self" request."""
    allow(method, "GET")
    target = uri[len("/self"):] or "/"
    try:
        response = http.send(Request("GET", target, {}, None))
    except Err as e:
        return json_response(502, describe(e))
    except Exception as e:
        return json_response(502, {"error": f"{type(e).__name__}: {e}"})
    headers = {k: v for k, v in response.headers.items() if k == "content-type"}
    return Response(response.status, headers, response.body)


# --- routing -----------------------------------------------------------------------------------

ROUTES = ["/counter", "/kv/<key>", "/vars", "/secret-check?guess=X", "/sql", "/sql/notes?body=B",
          "/fetch?url=U", "/self/<path>"]


def route(request: Request) -> Response:
    method, uri = request.method, request.uri
    path = uri.split("?", 1)[0]
    if path == "/":
        allow(method, "GET")
        return json_response(200, {"app": "spin-python", "routes": ROUTES})
    if path == "/counter":
        return counter(method)
    if path.startswith("/kv/"):
        return kv(method, unquote(path[len("/kv/"):]), request.body)
    if path == "/vars":
        return vars_(method)
    if path == "/secret-check":
        return secret_check(method, uri)
    if path == "/sql":
        return sql(method, request.body)
    if path == "/sql/notes":
        return notes(method, uri)
    if path == "/fetch":
        return fetch(method, uri)
    if path == "/self" or path.startswith("/self/"):
        return relay_self(method, uri)
    raise HttpError(404, f"no route for {path}")


class IncomingHandler(http.IncomingHandler):
    def handle_request(self, request: Request) -> Response:
        try:
            return route(request)
        except HttpError as e:
            return json_response(e.status, {"error": str(e)}, e.headers)
        except Err as e:
            return json_response(500, describe(e))
        except Exception as e:
            return json_response(500, {"error": f"{type(e).__name__}: {e}"})
