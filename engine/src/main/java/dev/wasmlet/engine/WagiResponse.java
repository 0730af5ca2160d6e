package dev.wasmlet.engine;

import java.util.List;
import java.util.Map;

/** A guest's CGI output, parsed: the status, the headers in the order written, and the body. */
public record WagiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {}
