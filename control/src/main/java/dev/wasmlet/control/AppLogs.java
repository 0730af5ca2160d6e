package dev.wasmlet.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent log lines of each app (guest stderr, rollouts, health), kept in memory, the newest
 * {@link #KEPT} per app, for {@code wasmlet logs}. Followers wait on the app's buffer for new
 * lines. Lines never hold secret values: guests see their secrets, but the server never writes
 * them.
 */
final class AppLogs {
  static final int KEPT = 1000;

  /** One line. {@code revision} is -1 when it concerns no revision. */
  record Line(
      long seq,
      Instant time,
      String level,
      int revision,
      String requestId,
      String source,
      String message) {}

  private static final class Buffer {
    final ArrayDeque<Line> lines = new ArrayDeque<>();
    long next = 1;
  }

  private final Map<String, Buffer> buffers = new ConcurrentHashMap<>();

  void add(String app, String level, int revision, String requestId, String source, String msg) {
    Buffer b = buffers.computeIfAbsent(app, k -> new Buffer());
    synchronized (b) {
      b.lines.addLast(new Line(b.next++, Instant.now(), level, revision, requestId, source, msg));
      if (b.lines.size() > KEPT) {
        b.lines.removeFirst();
      }
      b.notifyAll();
    }
  }

  /** Lines after {@code since}, waiting up to {@code waitMillis} for one when there are none. */
  List<Line> after(String app, long since, long waitMillis) throws InterruptedException {
    Buffer b = buffers.computeIfAbsent(app, k -> new Buffer());
    synchronized (b) {
      long deadline = System.currentTimeMillis() + waitMillis;
      while (true) {
        List<Line> out = new ArrayList<>();
        for (Line l : b.lines) {
          if (l.seq() > since) {
            out.add(l);
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (!out.isEmpty() || left <= 0) {
          return out;
        }
        b.wait(left);
      }
    }
  }

  void forget(String app) {
    buffers.remove(app);
  }
}
