// Wasmlet example: a wasi:http 0.2 echo component in JavaScript (StarlingMonkey, componentize-js).
// It exports wasi:http/incoming-handler directly through the wasi:http/types bindings (not the
// fetch-event service-worker style) and answers every request with JSON:
//   {"method":"POST","path":"/js/x?y=1","headers":[["name","value"],...],"body":"..."}
// method as a string, path with query as received, headers in received order, the whole body
// read from the incoming body stream (invalid UTF-8 becomes U+FFFD). `?status=NNN` (200..599)
// sets the status; content-type is application/json. Routed at /js/... by wasmlet.toml.
import {
  Fields,
  IncomingBody,
  OutgoingBody,
  OutgoingResponse,
  ResponseOutparam,
} from 'wasi:http/types@0.2.10';

const encoder = new TextEncoder();
const MAX_WRITE = 4096; // output-stream blocking-write-and-flush takes at most 4096 bytes

function methodName(method) {
  return method.tag === 'other' ? method.val : method.tag.toUpperCase();
}

function decode(bytes) {
  return new TextDecoder('utf-8').decode(bytes);
}

// The first `status=` parameter of the (undecoded) query, when it is 200..599.
function statusFrom(path) {
  const q = path.indexOf('?');
  if (q < 0) return 200;
  for (const part of path.slice(q + 1).split('&')) {
    if (part.startsWith('status=')) {
      const v = part.slice('status='.length);
      if (/^[0-9]{3}$/.test(v)) {
        const n = Number(v);
        if (n >= 200 && n <= 599) return n;
      }
      return 200;
    }
  }
  return 200;
}

function readBody(request) {
  const body = request.consume();
  const stream = body.stream();
  const chunks = [];
  let total = 0;
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (e) {
      if (e && e.payload && e.payload.tag === 'closed') break;
      if (e && e.tag === 'closed') break;
      throw e;
    }
    if (chunk.length > 0) {
      chunks.push(chunk);
      total += chunk.length;
    }
  }
  stream[Symbol.dispose]();
  IncomingBody.finish(body);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

function handle(request, responseOut) {
  const method = methodName(request.method());
  const path = request.pathWithQuery() ?? '';
  const headers = request.headers().entries().map(([name, value]) => [name, decode(value)]);
  const body = decode(readBody(request));

  const json = encoder.encode(JSON.stringify({ method, path, headers, body }));

  const response = new OutgoingResponse(
    Fields.fromList([['content-type', encoder.encode('application/json')]]),
  );
  response.setStatusCode(statusFrom(path));
  const outgoingBody = response.body();
  // Hand the response head to the host first, then stream the body: a host may not read the
  // body until the response is set.
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
  const out = outgoingBody.write();
  for (let at = 0; at < json.length; at += MAX_WRITE) {
    out.blockingWriteAndFlush(json.subarray(at, Math.min(at + MAX_WRITE, json.length)));
  }
  out[Symbol.dispose]();
  OutgoingBody.finish(outgoingBody, undefined);
}

export const incomingHandler = { handle };
