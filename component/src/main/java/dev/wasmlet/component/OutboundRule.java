package dev.wasmlet.component;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of Spin's {@code allowed_outbound_hosts}: {@code scheme://host[:port]}, where the
 * scheme may be {@code *}, the host {@code *} or {@code *.suffix} (subdomains only, not the suffix
 * itself) or a bracketed IPv6 address, and the port {@code *}, a number or a range {@code
 * low..high}; with no port, the scheme's default (80 for http, 443 for https). Hosts compare
 * case-insensitively.
 *
 * <p>The host {@code self} (or {@code self.alt}), written exactly so, allows requests to the app's
 * own routes ({@code toSelf}): a guest's request without an authority, or to host {@code self.alt}.
 * As in Spin ({@code crates/outbound-networking-config/src/allowed_hosts.rs}, {@code
 * HostConfig::ToSelf}), such a rule allows no named host, and a self request is allowed by any rule
 * whose scheme admits http or https and whose host is {@code self} or {@code *}, whatever its port.
 */
record OutboundRule(String scheme, String host, int portLow, int portHigh, boolean toSelf) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "(\\*|[a-z][a-z0-9+.-]*)://(\\*|(?:\\*\\.)?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])"
              + "(?::(\\*|[0-9]{1,5}(?:\\.\\.[0-9]{1,5})?))?/?");

  /**
   * Parses an entry.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static OutboundRule parse(String entry) {
    Matcher m = SHAPE.matcher(entry);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "allowed_outbound_hosts entry \""
              + entry
              + "\" is not scheme://host[:port]; write e.g. \"https://example.com\"");
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    boolean toSelf = m.group(2).equals("self") || m.group(2).equals("self.alt");
    String host = m.group(2).toLowerCase(Locale.ROOT);
    String port = m.group(3);
    int low;
    int high;
    if (port == null) {
      low = high = defaultPort(scheme);
      if (low < 0) {
        throw new IllegalArgumentException(
            "allowed_outbound_hosts entry \""
                + entry
                + "\" needs a port: its scheme has no default");
      }
    } else if (port.equals("*")) {
      low = 0;
      high = 65535;
    } else if (port.contains("..")) {
      low = Integer.parseInt(port.substring(0, port.indexOf("..")));
      high = Integer.parseInt(port.substring(port.indexOf("..") + 2));
    } else {
      low = high = Integer.parseInt(port);
    }
    if (low > high || high > 65535) {
      throw new IllegalArgumentException(
          "allowed_outbound_hosts entry \"" + entry + "\" has an empty or invalid port range");
    }
    return new OutboundRule(scheme, host, low, high, toSelf);
  }

  /** 80 for http, 443 for https, -1 for other schemes. */
  static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  /** Whether a request to {@code scheme://host:port} is allowed by this rule. */
  boolean allows(String requestScheme, String requestHost, int port) {
    if (toSelf) {
      return false; // self is no host name: only self requests, see allowsSelf
    }
    if (!scheme.equals("*") && !scheme.equals(requestScheme)) {
      return false;
    }
    if (port < portLow || port > portHigh) {
      return false;
    }
    String h = requestHost.toLowerCase(Locale.ROOT);
    if (host.equals("*")) {
      return true;
    }
    if (host.startsWith("*.")) {
      return h.endsWith(host.substring(1)) && h.length() > host.length() - 1;
    }
    return host.equals(h);
  }

  /**
   * Whether this rule allows a request to the app itself: its host is {@code self} or {@code *} and
   * its scheme admits http or https; the port does not matter (Spin's {@code allows_relative}).
   */
  boolean allowsSelf() {
    boolean web = scheme.equals("*") || scheme.equals("http") || scheme.equals("https");
    return web && (toSelf || host.equals("*"));
  }
}
