package dev.wasmlet.engine;

import java.util.List;
import java.util.Map;

/** A guest's CGI output, parsed: the status, the headers in the order written, and the body. */
// Bodies are passed, not copied, on the request path: callers must not mutate them.
@SuppressWarnings("ArrayRecordComponent")
public record WagiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {}
