package dev.wasmlet.cli;

import dev.wasmlet.client.AppSummary;
import dev.wasmlet.client.Rollout;
import dev.wasmlet.client.Routing;
import java.util.stream.Collectors;

/** Short texts for table cells, shared by the commands that show apps. */
final class Describe {
  private Describe() {}

  /** {@code /shop} or {@code api.example.com,www.example.com/}. */
  static String route(Routing r) {
    return r.hosts().isEmpty() ? r.prefix() : String.join(",", r.hosts()) + r.prefix();
  }

  /** {@code 3:90% 4:10%}, or {@code -} when nothing serves. */
  static String traffic(AppSummary a) {
    if (a.traffic().isEmpty()) {
      return "-";
    }
    return a.traffic().stream()
        .map(t -> t.revision() + ":" + t.percent() + "%")
        .collect(Collectors.joining(" "));
  }

  /** {@code #7 succeeded}, {@code #8 progressing 10%}. */
  static String rollout(Rollout r) {
    return "#" + r.id() + " " + r.state() + (r.finished() ? "" : " " + r.percent() + "%");
  }

  /** {@code sha256:0123456789ab}: enough to tell revisions apart. */
  static String digest(String d) {
    return d.length() > 19 ? d.substring(0, 19) : d;
  }

  /**
   * A revision's supply-chain status: {@code verified (key ID)} with the key id's first 12 hex
   * digits, {@code unsigned-local} or {@code unchecked}.
   */
  static String verification(dev.wasmlet.client.Verification v) {
    String prefix = "PASS key-trusted: signed by trusted key ";
    return v.checks().stream()
        .filter(c -> c.startsWith(prefix))
        .findFirst()
        .map(c -> c.substring(prefix.length()).split(" ")[0])
        .map(id -> id.length() > 12 ? id.substring(0, 12) : id)
        .map(key -> v.status() + " (key " + key + ")")
        .orElse(v.status());
  }

  /** A refusal in one line: what, which check, why. */
  static String rejection(dev.wasmlet.client.Rejection r) {
    return r.revision().map(n -> "revision " + n).orElse("deploy")
        + " of "
        + r.subject()
        + ", "
        + Times.ago(r.at())
        + ": "
        + r.check()
        + ": "
        + r.message();
  }
}
