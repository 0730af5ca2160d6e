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

  /** Maps a failure to its status, logs it once, and sends the generic body. */
  static int send(ServerResponse res, Throwable failure, String app, String requestId) {
    int status;
    String reason;
    if (failure instanceof RequestRejected r) {
      status = r.status();
      reason = r.getMessage();
      log(app, requestId, () -> LOG.debug("request rejected: {} {}", status, reason), null);
    } else if (failure instanceof GuestFailed g) {
      status =
          switch (g.kind()) {
            case TIMEOUT -> 504;
            default -> 500;
          };
      reason = status == 504 ? "Gateway Timeout" : "Internal Server Error";
      log(app, requestId, () -> LOG.warn("guest failed ({}): {}", g.kind(), g.getMessage()), null);
    } else {
      status = 500;
      reason = "Internal Server Error";
      log(app, requestId, () -> LOG.error("unexpected failure serving request", failure), failure);
    }
    sendGeneric(res, status, reason, requestId);
    return status;
  }

  static void sendGeneric(ServerResponse res, int status, String reason, String requestId) {
    res.status(status);
    res.header("Content-Type", "text/plain; charset=utf-8");
    if (status == 503) {
      res.header("Retry-After", "1");
    }
    byte[] body =
        (status + " " + reason + "\nrequest id: " + requestId + "\n")
            .getBytes(StandardCharsets.UTF_8);
    res.send(body);
  }

  private static void log(String app, String requestId, Runnable line, Throwable unused) {
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
