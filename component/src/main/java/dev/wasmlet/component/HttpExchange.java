package dev.wasmlet.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the server hands it to a {@code wasi:http} guest, and the way back. The
 * server implements it; the request body is read as it arrives and the response body is written to
 * the client as the guest writes it.
 */
public interface HttpExchange {
  /** The method as the client sent it, upper case for the standard ones. */
  String method();

  /** The path and query, starting with {@code /}. */
  String pathWithQuery();

  /** {@code http} or {@code https}. */
  String scheme();

  /** The authority (host and port) the client addressed. */
  String authority();

  /** The request headers, names lower case, in order, repeated names repeated. */
  List<Map.Entry<String, byte[]>> headers();

  /** The request body (empty when there is none); capped by the server. */
  InputStream body();

  /**
   * Sends the status and headers; the body follows on the returned stream, which the executor
   * closes when the guest finishes it. Called at most once.
   */
  OutputStream respond(int status, List<Map.Entry<String, byte[]>> headers) throws IOException;
}
