//! Wasmlet example: a small JSON API as a WAGI handler, in Rust with std only (no crates).
//!
//!   GET  /api/items        all items
//!   GET  /api/items/<id>   one item, or 404
//!   POST /api/items        201 {"created": <body>} when the body is a JSON object, else 400
//!   anything else          404 (unknown path) or 405 (known path, wrong method)
//!
//! API_VERSION comes from the manifest's `environment` (not from the request) and is echoed in
//! every response, as the X-Api-Version header and the "api_version" field.

use std::env;
use std::io::{self, Read, Write};

struct Item {
    id: u32,
    name: &'static str,
    price_cents: u32,
}

const ITEMS: &[Item] = &[
    Item { id: 1, name: "apple", price_cents: 125 },
    Item { id: 2, name: "banana", price_cents: 60 },
    Item { id: 3, name: "cherry", price_cents: 990 },
];

struct Response {
    status: &'static str,
    allow: Option<&'static str>,
    body: String,
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn item_json(item: &Item) -> String {
    format!(
        "{{\"id\":{},\"name\":{},\"price_cents\":{}}}",
        item.id,
        json_str(item.name),
        item.price_cents
    )
}

fn with_version(version: &str, rest: &str) -> String {
    format!("{{\"api_version\":{},{}}}", json_str(version), rest)
}

fn error(status: &'static str, version: &str, message: &str) -> Response {
    Response {
        status,
        allow: None,
        body: with_version(version, &format!("\"error\":{}", json_str(message))),
    }
}

fn read_body() -> io::Result<Vec<u8>> {
    let limit = env::var("CONTENT_LENGTH").ok().and_then(|v| v.parse::<u64>().ok());
    let mut body = Vec::new();
    match limit {
        Some(n) => io::stdin().lock().take(n).read_to_end(&mut body)?,
        None => io::stdin().lock().read_to_end(&mut body)?,
    };
    Ok(body)
}

fn handle(method: &str, path: &str, version: &str) -> Response {
    let path = path.trim_end_matches('/');
    if path == "/items" {
        return match method {
            "GET" | "HEAD" => {
                let items: Vec<String> = ITEMS.iter().map(item_json).collect();
                Response {
                    status: "200 OK",
                    allow: None,
                    body: with_version(version, &format!("\"items\":[{}]", items.join(","))),
                }
            }
            "POST" => {
                let body = match read_body() {
                    Ok(b) => b,
                    Err(_) => return error("400 Bad Request", version, "could not read the body"),
                };
                let text = match std::str::from_utf8(&body) {
                    Ok(t) => t.trim(),
                    Err(_) => return error("400 Bad Request", version, "body is not UTF-8"),
                };
                if !(text.starts_with('{') && text.ends_with('}')) {
                    return error("400 Bad Request", version, "body must be a JSON object");
                }
                Response {
                    status: "201 Created",
                    allow: None,
                    body: with_version(version, &format!("\"created\":{}", text)),
                }
            }
            _ => Response { allow: Some("GET, POST"), ..error("405 Method Not Allowed", version, "method not allowed") },
        };
    }
    if let Some(id) = path.strip_prefix("/items/") {
        if method != "GET" && method != "HEAD" {
            return Response { allow: Some("GET"), ..error("405 Method Not Allowed", version, "method not allowed") };
        }
        return match id.parse::<u32>().ok().and_then(|id| ITEMS.iter().find(|i| i.id == id)) {
            Some(item) => Response {
                status: "200 OK",
                allow: None,
                body: with_version(version, &format!("\"item\":{}", item_json(item))),
            },
            None => error("404 Not Found", version, &format!("no item with id {}", id)),
        };
    }
    error("404 Not Found", version, "no such resource")
}

fn main() {
    let method = env::var("REQUEST_METHOD").unwrap_or_else(|_| "GET".to_string());
    let path = env::var("PATH_INFO").unwrap_or_default();
    let version = env::var("API_VERSION").unwrap_or_else(|_| "unset".to_string());
    let res = handle(&method, &path, &version);
    let mut out = String::with_capacity(res.body.len() + 128);
    out.push_str("Content-Type: application/json\n");
    out.push_str("Status: ");
    out.push_str(res.status);
    out.push('\n');
    if let Some(allow) = res.allow {
        out.push_str("Allow: ");
        out.push_str(allow);
        out.push('\n');
    }
    out.push_str("X-Api-Version: ");
    out.push_str(&version.replace(|c: char| c.is_control(), ""));
    out.push_str("\n\n");
    out.push_str(&res.body);
    out.push('\n');
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    if lock.write_all(out.as_bytes()).and_then(|_| lock.flush()).is_err() {
        std::process::exit(1);
    }
}
