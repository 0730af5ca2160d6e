package dev.wasmlet.gateway;

import dev.wasmlet.engine.GuestFailed;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place failures become HTTP responses. The client gets a status, a generic reason and the
 * request id; the log gets the detail (trap text, paths, stack traces never reach a client).
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.gateway");

  private ErrorResponses() {}

  /** A failure as the client sees it: a status and a generic reason, never the detail. */
  record Generic(int status, String reason) {
    /** The text/plain body: the status, the reason and the request id. */
    byte[] body(String requestId) {
      return (status + " " + reason + "\nrequest id: " + requestId + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Maps a failure to its status, logs it once, and sends the generic body. */
  static int send(ServerResponse res, Throwable failure, String app, String requestId) {
    Generic g = of(failure, app, requestId);
    sendGeneric(res, g.status(), g.reason(), requestId);
    return g.status();
  }

  /** Maps a failure to its status and generic reason, and logs it once. */
  static Generic of(Throwable failure, String app, String requestId) {
    if (failure instanceof RequestRejected r) {
      log(app, requestId, () -> LOG.debug("request rejected: {} {}", r.status(), r.getMessage()));
      return new Generic(r.status(), r.getMessage());
    }
    if (failure instanceof GuestFailed g) {
      int status =
          switch (g.kind()) {
            case TIMEOUT -> 504;
            default -> 500;
          };
      log(app, requestId, () -> LOG.warn("guest failed ({}): {}", g.kind(), g.getMessage()));
      return new Generic(status, status == 504 ? "Gateway Timeout" : "Internal Server Error");
    }
    log(app, requestId, () -> LOG.error("unexpected failure serving request", failure));
    return new Generic(500, "Internal Server Error");
  }

  static void sendGeneric(ServerResponse res, int status, String reason, String requestId) {
    res.status(status);
    res.header("Content-Type", "text/plain; charset=utf-8");
    if (status == 503) {
      res.header("Retry-After", "1");
    }
    res.send(new Generic(status, reason).body(requestId));
  }

  private static void log(String app, String requestId, Runnable line) {
    MDC.put("app", app);
    MDC.put("requestId", requestId);
    try {
      line.run();
    } finally {
      MDC.remove("app");
      MDC.remove("requestId");
    }
  }
}
