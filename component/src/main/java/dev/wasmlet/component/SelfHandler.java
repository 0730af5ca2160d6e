package dev.wasmlet.component;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Serves a guest's request to its own app in process, without a socket: what a {@code self} entry
 * in {@code allowed_outbound_hosts} lets a guest reach through {@code wasi:http/outgoing-handler}
 * (a request with no authority, or to host {@code self.alt}, as Spin has it). The server attaches
 * one to each request's {@link Store}; it knows the app, its routes and how deep the current chain
 * of self requests already is. Called on a thread of its own, never the guest's.
 */
@FunctionalInterface
public interface SelfHandler {
  /**
   * Serves one request through the app's own routes, with the limits and error answers of a request
   * from a client; a failure of the called guest is an answer (a 5xx), not an exception.
   *
   * @throws SelfLoopDetected when the chain of self requests is already as deep as the server
   *     allows
   */
  Response handle(Request request);

  /**
   * A guest's request to its own app.
   *
   * @param method the method, upper case for the standard ones
   * @param scheme {@code http} or {@code https}, as the guest wrote it
   * @param pathWithQuery the path and query, starting with {@code /}
   * @param headers the guest's headers, names lower case, in order
   * @param body the whole body the guest wrote
   */
  // The body is passed, not copied: the handler must not mutate it.
  @SuppressWarnings("ArrayRecordComponent")
  record Request(
      String method,
      String scheme,
      String pathWithQuery,
      List<Map.Entry<String, byte[]>> headers,
      byte[] body) {
    public Request {
      headers = List.copyOf(headers);
    }
  }

  /**
   * The app's answer.
   *
   * @param status the status
   * @param headers the response headers, names lower case
   * @param body the body; a read past what the called guest wrote fails when it did not finish it
   */
  record Response(int status, List<Map.Entry<String, byte[]>> headers, InputStream body) {
    public Response {
      headers = List.copyOf(headers);
    }
  }
}
