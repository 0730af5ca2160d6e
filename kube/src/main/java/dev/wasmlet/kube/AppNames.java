package dev.wasmlet.kube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Names derived from a WasmApp: its app name on the executors, unique across namespaces and within
 * the executors' {@code [a-z0-9][a-z0-9-]{0,62}}, and the host names its Service answers to.
 */
final class AppNames {
  private AppNames() {}

  /**
   * {@code NAME-HASH}: the WasmApp's name (dots as dashes, cut to 45 characters) and ten hex digits
   * of the SHA-256 of {@code NAMESPACE/NAME}, so {@code a-b/c} and {@code a/b-c} never meet.
   */
  static String onExecutor(String namespace, String name) {
    String readable = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (readable.length() > 45) {
      readable = readable.substring(0, 45);
    }
    readable = readable.replaceAll("-+$", "");
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
      return (readable.isEmpty() ? "app" : readable)
          + "-"
          + HexFormat.of().formatHex(h).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The app's own host names, then those of its Service within the cluster. */
  static List<String> hosts(String namespace, String name, List<String> specHosts) {
    List<String> hosts = new ArrayList<>(specHosts == null ? List.of() : specHosts);
    for (String h :
        List.of(
            name + "." + namespace + ".svc.cluster.local",
            name + "." + namespace + ".svc",
            name + "." + namespace)) {
      if (!hosts.contains(h)) {
        hosts.add(h);
      }
    }
    return List.copyOf(hosts);
  }
}
