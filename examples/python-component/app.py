"""Wasmlet example: a wasi:http 0.2 echo component in Python (componentize-py).

Exports wasi:http/incoming-handler (the wasi:http/proxy@0.2.12 world, see wit/world.wit) and
answers every request with JSON:
  {"method":"POST","path":"/py/x?y=1","headers":[["name","value"],...],"body":"..."}
method as a string, path with query as received, headers in received order, the whole body read
from the incoming body stream (invalid UTF-8 becomes U+FFFD). `?status=NNN` (200..599) sets the
status; content-type is application/json. Routed at /py/... by app/wasmlet.toml. The same output,
byte for byte, as examples/js-component/src/app.js.
"""

import json

from componentize_py_types import Err, Ok
from wit_world import exports
from wit_world.imports.streams import StreamError_Closed
from wit_world.imports.types import (
    Fields,
    IncomingBody,
    IncomingRequest,
    Method_Other,
    OutgoingBody,
    OutgoingResponse,
    ResponseOutparam,
)

MAX_WRITE = 4096  # output-stream blocking-write-and-flush takes at most 4096 bytes


def method_name(method) -> str:
    if isinstance(method, Method_Other):
        return method.value
    # Method_Get -> "GET", Method_Post -> "POST", ...
    return type(method).__name__[len("Method_"):].upper()


def status_from(path: str) -> int:
    """The first `status=` parameter of the (undecoded) query, when it is 200..599."""
    q = path.find("?")
    if q < 0:
        return 200
    for part in path[q + 1:].split("&"):
        if part.startswith("status="):
            v = part[len("status="):]
            if len(v) == 3 and v.isascii() and v.isdigit() and 200 <= int(v) <= 599:
                return int(v)
            return 200
    return 200


def read_body(request: IncomingRequest) -> bytes:
    body = request.consume()
    chunks = []
    with body.stream() as stream:
        while True:
            try:
                chunks.append(stream.blocking_read(65536))
            except Err as e:
                if isinstance(e.value, StreamError_Closed):
                    break
                raise
    IncomingBody.finish(body)
    return b"".join(chunks)


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        method = method_name(request.method())
        path = request.path_with_query() or ""
        headers = [
            [name, value.decode("utf-8", "replace")] for name, value in request.headers().entries()
        ]
        body = read_body(request).decode("utf-8", "replace")

        payload = json.dumps(
            {"method": method, "path": path, "headers": headers, "body": body},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")

        response = OutgoingResponse(Fields.from_list([("content-type", b"application/json")]))
        response.set_status_code(status_from(path))
        outgoing_body = response.body()
        # Hand the response head to the host first, then stream the body: a host may not read
        # the body until the response is set.
        ResponseOutparam.set(response_out, Ok(response))
        with outgoing_body.write() as out:
            for at in range(0, len(payload), MAX_WRITE):
                out.blocking_write_and_flush(payload[at:at + MAX_WRITE])
        OutgoingBody.finish(outgoing_body, None)
