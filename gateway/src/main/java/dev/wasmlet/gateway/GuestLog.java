package dev.wasmlet.gateway;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A guest's stderr: each line goes to the app log with the app, component and request id. Bounded
 * so that a guest cannot fill the log: past {@link #MAX_BYTES} the rest is counted, not kept.
 */
final class GuestLog extends OutputStream {
  static final int MAX_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.guest");

  private final String app;
  private final int revision;
  private final String component;
  private final String requestId;
  private final GatewayEvents events;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
  private long total;

  GuestLog(String app, int revision, String component, String requestId, GatewayEvents events) {
    this.app = app;
    this.revision = revision;
    this.component = component;
    this.requestId = requestId;
    this.events = events;
  }

  @Override
  public void write(int b) {
    total++;
    if (total > MAX_BYTES) {
      return;
    }
    if (b == '\n') {
      flushLine();
    } else {
      line.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      write(b[off + i]);
    }
  }

  @Override
  public void close() {
    flushLine();
    if (total > MAX_BYTES) {
      emit("[stderr truncated: " + (total - MAX_BYTES) + " more bytes dropped]");
    }
  }

  private void flushLine() {
    if (line.size() > 0) {
      emit(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }

  private void emit(String text) {
    events.guestLine(app, revision, requestId, text);
    if (!LOG.isInfoEnabled()) {
      return;
    }
    MDC.put("app", app);
    MDC.put("component", component);
    MDC.put("requestId", requestId);
    try {
      LOG.info(text);
    } finally {
      MDC.remove("app");
      MDC.remove("component");
      MDC.remove("requestId");
    }
  }
}
