package dev.wasmlet.component;

import dev.wasmlet.component.HttpResources.OutgoingResponse;
import java.io.IOException;
import java.io.OutputStream;

/** One request's {@code wasi:http} state: the exchange and what the guest did with its outparam. */
public final class HttpState {
  final HttpExchange exchange;
  final long maxResponseBytes;
  OutgoingResponse response;
  Object errorCode;
  boolean outparamSet;
  boolean committed;
  OutputStream clientBody;

  public HttpState(HttpExchange exchange, long maxResponseBytes) {
    this.exchange = exchange;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Sends the response head; the body's pending bytes follow. */
  void commit(OutgoingResponse r) throws IOException {
    response = r;
    r.headers.immutable = true;
    clientBody = exchange.respond(r.status, r.headers.entries);
    committed = true;
    if (r.body == null) {
      // the guest never asked for a body: the response has an empty, complete one
      r.body = new HttpResources.OutgoingBody();
      r.body.finished = true;
    }
    r.body.attach(clientBody);
  }
}
