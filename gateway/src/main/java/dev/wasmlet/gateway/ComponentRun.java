package dev.wasmlet.gateway;

import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.component.HttpExchange;
import dev.wasmlet.component.LoadedComponent;
import dev.wasmlet.component.SelfHandler;
import dev.wasmlet.component.Store;
import dev.wasmlet.component.WasiHttp;
import dev.wasmlet.engine.GuestDeadline;
import dev.wasmlet.engine.GuestFailed;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one request through a route's {@code wasi:http} component with the component's limits: its
 * timeout (the engine's watchdog interrupts the guest), its memory cap over all core instances, its
 * response cap, its environment and its files (read-only, from the app's private copy); stdout and
 * stderr go to the guest log. The guest's requests to its own app go to the given {@link
 * SelfHandler}.
 */
final class ComponentRun {
  private ComponentRun() {}

  /**
   * A request the guest answered.
   *
   * @param status the status sent
   * @param cutShort why the body ended before the guest finished it, if it did (the caller logs it
   *     and must not end the body as complete)
   * @param late whether the guest ran past its timeout
   */
  record Answer(int status, Optional<String> cutShort, boolean late) {}

  /**
   * Serves {@code exchange}; a guest that answered nothing becomes a {@link GuestFailed} (the
   * caller's generic 500, or 504 past the timeout).
   */
  static Answer serve(
      ServedApp app,
      LockedRoute route,
      LockedComponent c,
      HttpExchange exchange,
      OutputStream log,
      SelfHandler self) {
    LoadedComponent loaded = app.wasiHttp(route);
    Store store = app.newStore(c, log, log).attach(SelfHandler.class, self);
    Duration timeout = c.limits().timeout();
    WasiHttp.Outcome outcome;
    boolean late;
    try (GuestDeadline deadline = app.engine().arm(timeout)) {
      outcome = WasiHttp.serve(loaded, store, exchange, pages(c), c.limits().maxResponseBytes());
      late = deadline.fired();
    }
    if (!outcome.responded()) {
      if (late) {
        throw new GuestFailed(
            GuestFailed.Kind.TIMEOUT,
            "component \"" + c.id() + "\" ran past its timeout of " + timeout.toMillis() + " ms");
      }
      throw new GuestFailed(
          GuestFailed.Kind.TRAP, "component \"" + c.id() + "\": " + outcome.failure());
    }
    Optional<String> cutShort = Optional.ofNullable(outcome.failure());
    if (late) {
      cutShort =
          cutShort.map(f -> "ran past its timeout of " + timeout.toMillis() + " ms (" + f + ")");
    }
    return new Answer(outcome.status(), cutShort, late);
  }

  /** The memory cap in 64 KiB pages, at least one. */
  static int pages(LockedComponent c) {
    return (int) Math.max(1, Math.min(65536, c.limits().maxMemoryBytes() / 65536));
  }

  /** Static environment plus component variables upper-cased, as WAGI guests get them. */
  static List<Map.Entry<String, String>> environment(LockedComponent c) {
    List<Map.Entry<String, String>> env = new ArrayList<>();
    c.variables().forEach((k, v) -> env.add(Map.entry(k.toUpperCase(Locale.ROOT), v)));
    env.addAll(c.environment().entrySet());
    return env;
  }
}
