package dev.wasmlet.component;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * What one component may reach through {@code wasi:http/outgoing-handler}, shared by its requests:
 * its {@code allowed_outbound_hosts} rules ({@link OutboundRule}), a cap on requests in flight at
 * once across all its instances, and the JDK {@link HttpClient} that sends them. The client never
 * follows redirects (a guest sees the 3xx and decides, so a redirect can never lead to a host the
 * rules do not allow). Attached to a request's {@link Store}; without one, everything is denied.
 */
public final class OutboundHttp {
  /** Requests one component may have in flight at once, by default. */
  public static final int DEFAULT_MAX_CONCURRENT = 32;

  /** How long a connection attempt or the wait for a response head may take, by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(DEFAULT_TIMEOUT)
          .build();

  private final List<OutboundRule> rules;
  private final Semaphore inFlight;
  private final int maxConcurrent;

  private OutboundHttp(List<OutboundRule> rules, int maxConcurrent) {
    this.rules = List.copyOf(rules);
    this.maxConcurrent = maxConcurrent;
    this.inFlight = new Semaphore(maxConcurrent);
  }

  /**
   * The rules of a component's {@code allowed_outbound_hosts}.
   *
   * @throws IllegalArgumentException naming an entry that is not {@code scheme://host[:port]}
   */
  public static OutboundHttp of(List<String> allowedOutboundHosts, int maxConcurrent) {
    List<OutboundRule> rules = new ArrayList<>();
    for (String entry : allowedOutboundHosts) {
      rules.add(OutboundRule.parse(entry));
    }
    return new OutboundHttp(rules, maxConcurrent);
  }

  /** Whether any rule allows {@code scheme://host:port}. */
  public boolean allows(String scheme, String host, int port) {
    for (OutboundRule r : rules) {
      if (r.allows(scheme, host, port)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the rules allow a request to the app's own routes: an entry {@code http://self}, {@code
   * https://self} (or {@code self.alt}), or one whose host is {@code *} for http or https.
   */
  public boolean allowsSelf() {
    for (OutboundRule r : rules) {
      if (r.allowsSelf()) {
        return true;
      }
    }
    return false;
  }

  HttpClient client() {
    return CLIENT;
  }

  /** Takes a slot for one request; false when {@code maxConcurrent} are in flight. */
  boolean acquire() {
    return inFlight.tryAcquire();
  }

  void release() {
    inFlight.release();
  }

  int maxConcurrent() {
    return maxConcurrent;
  }
}
