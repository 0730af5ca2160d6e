package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.param;
import static dev.wasmlet.control.ApiExchange.wholeNumber;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's app logs, {@code /api/v1/apps/{app}/logs}: newline-delimited JSON from a sequence
 * number on, and with {@code follow} a stream that stays open (a blank line every 15 seconds keeps
 * it alive) until the client goes or the server stops.
 */
final class LogRoutes {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.admin");

  private final Control control;

  LogRoutes(Control control) {
    this.control = control;
  }

  void logs(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    long since = wholeNumber("since", req.query().first("since").orElse("0"));
    boolean follow = Boolean.parseBoolean(req.query().first("follow").orElse("false"));
    res.status(Status.OK_200);
    res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
    try (OutputStream out = res.outputStream()) {
      long seq = since;
      do {
        List<AppLogs.Line> lines = control.logs().after(app, seq, follow ? 15_000 : 0);
        for (AppLogs.Line l : lines) {
          ObjectNode o = Json.object();
          o.put("seq", l.seq());
          o.put("time", l.time().toString());
          o.put("level", l.level());
          if (l.revision() >= 0) {
            o.put("revision", l.revision());
          } else {
            o.putNull("revision");
          }
          ApiJson.putOptional(o, "requestId", Optional.ofNullable(l.requestId()));
          o.put("source", l.source());
          o.put("message", l.message());
          out.write((Json.write(o) + "\n").getBytes(StandardCharsets.UTF_8));
          seq = l.seq();
        }
        if (lines.isEmpty() && follow) {
          out.write('\n');
        }
        out.flush();
      } while (follow && !control.closing());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UncheckedIOException | IOException e) {
      LOG.debug("log follower of {} went away: {}", app, e.toString());
    }
  }
}
