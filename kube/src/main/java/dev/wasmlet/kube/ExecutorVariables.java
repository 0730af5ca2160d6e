package dev.wasmlet.kube;

import dev.wasmlet.client.AdminClient;
import dev.wasmlet.client.AppDetail;
import dev.wasmlet.client.SecretInfo;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What must change on an executor for an app's variables and secrets to be a WasmApp's. Variables
 * are compared by value (the admin API lists them); secrets cannot be read back, so this remembers
 * each secret it set by the executor's version number and a keyed hash of the value (the key is
 * random per process: a new leader sets every secret once more, which the executor takes as no
 * change when the value is the one it holds).
 */
final class ExecutorVariables {
  /**
   * One change, named without its value; {@code apply} says whether the executor changed anything
   * (setting a secret it already holds makes no version and no revision).
   */
  record Change(String what, BooleanSupplier apply) {}

  private record Pushed(int version, String mac) {}

  private final byte[] key = new byte[32];
  private final Map<String, Pushed> pushed = new ConcurrentHashMap<>();

  ExecutorVariables() {
    new SecureRandom().nextBytes(key);
  }

  /**
   * The changes that bring {@code app} on executor {@code executor} (reached through {@code c}) to
   * {@code want}, in a stable order; {@code detail} is the app as the executor has it, or empty.
   */
  List<Change> changes(
      String executor, AdminClient c, String app, Optional<AppDetail> detail, AppVariables want) {
    List<Change> out = new ArrayList<>();
    List<String> haveNames = detail.map(AppDetail::vars).orElse(List.of());
    Map<String, String> have =
        haveNames.isEmpty() && want.vars().isEmpty() ? Map.of() : vars(c, app, detail);
    want.vars().keySet().stream()
        .sorted()
        .filter(n -> !want.vars().get(n).equals(have.get(n)))
        .forEach(
            n ->
                out.add(
                    new Change(
                        "variable " + n,
                        () -> {
                          c.setVar(app, n, want.vars().get(n));
                          return true;
                        })));
    have.keySet().stream()
        .sorted()
        .filter(n -> !want.vars().containsKey(n))
        .forEach(
            n ->
                out.add(
                    new Change(
                        "variable " + n + " removed",
                        () -> {
                          c.removeVar(app, n);
                          return true;
                        })));

    List<SecretInfo> secrets = detail.map(AppDetail::secrets).orElse(List.of());
    for (String n : want.secrets().keySet().stream().sorted().toList()) {
      String mac = mac(want.secrets().get(n));
      String where = executor + "\n" + app + "\n" + n;
      Optional<SecretInfo> now = secrets.stream().filter(s -> s.name().equals(n)).findFirst();
      Pushed p = pushed.get(where);
      if (now.isEmpty()
          || p == null
          || p.version() != now.get().version()
          || !p.mac().equals(mac)) {
        out.add(
            new Change(
                "secret " + n,
                () -> {
                  boolean changed = c.setSecret(app, n, want.secrets().get(n)).changed();
                  c.secrets(app).stream()
                      .filter(s -> s.name().equals(n))
                      .findFirst()
                      .ifPresent(s -> pushed.put(where, new Pushed(s.version(), mac)));
                  return changed;
                }));
      }
    }
    secrets.stream()
        .map(SecretInfo::name)
        .filter(n -> !want.secrets().containsKey(n))
        .sorted()
        .forEach(
            n ->
                out.add(
                    new Change(
                        "secret " + n + " removed",
                        () -> {
                          c.removeSecret(app, n);
                          pushed.remove(executor + "\n" + app + "\n" + n);
                          return true;
                        })));
    return out;
  }

  /** Forgets what was set for {@code app} on {@code executor} (the app left it). */
  void forget(String executor, String app) {
    pushed.keySet().removeIf(k -> k.startsWith(executor + "\n" + app + "\n"));
  }

  private static Map<String, String> vars(AdminClient c, String app, Optional<AppDetail> detail) {
    return detail.isEmpty() ? Map.of() : c.vars(app);
  }

  private String mac(String value) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(m.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
