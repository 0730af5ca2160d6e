package dev.wasmlet.gateway;

import dev.wasmlet.app.Executor;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.component.LocalGet;
import dev.wasmlet.engine.EngineException;
import dev.wasmlet.engine.WagiExecutor;
import dev.wasmlet.engine.WagiRequest;
import dev.wasmlet.engine.WagiResponse;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks a revision, in process, for one path with a GET and no body, as a request from the server
 * itself. Used for readiness before a revision gets traffic and for periodic health checks.
 */
public final class HealthProbe {
  private final WagiExecutor executor = new WagiExecutor();

  /** What a probe saw: the status, or why there was none. */
  public record Result(int status, String detail) {
    public boolean healthy() {
      return status >= 200 && status < 300;
    }
  }

  public Result get(ServedRevision revision, String path) {
    Optional<RouteMatch> match = revision.served().route(path);
    if (match.isEmpty()) {
      return new Result(404, "no route serves " + path);
    }
    LockedRoute route = match.get().route();
    if (route.executor() == Executor.WASI_HTTP) {
      return component(revision, match.get(), path);
    }
    String scriptName = route.pattern().prefix();
    WagiRequest req =
        new WagiRequest(
            "GET",
            path,
            "",
            route.route(),
            scriptName,
            match.get().pathInfo(),
            List.of(Map.entry("User-Agent", "wasmlet-health-probe")),
            new byte[0],
            "127.0.0.1",
            "localhost",
            0,
            "http",
            "HTTP/1.1",
            route.wagi().argv(path, ""),
            SpinVariables.of(match.get(), "", new InetSocketAddress("127.0.0.1", 0)));
    try {
      WagiResponse res =
          executor.handle(revision.served().component(route), req, OutputStream.nullOutputStream());
      return new Result(res.status(), "answered " + res.status());
    } catch (EngineException e) {
      return new Result(500, e.getMessage());
    }
  }

  /**
   * A probe of a wasi:http route: the guest's status, its body discarded; a body the guest did not
   * finish (a trap, the timeout) is a failed probe whatever the status said.
   */
  private static Result component(ServedRevision revision, RouteMatch match, String path) {
    LocalGet exchange = LocalGet.of(path, "wasmlet-health-probe");
    try {
      ComponentRun.Answer out =
          ComponentRun.serve(
              revision.served(),
              match.route(),
              revision.served().locked(match.route().componentId()),
              exchange,
              OutputStream.nullOutputStream(),
              SelfDispatch.of(
                  revision, AppRouting.everything(), exchange, GatewayEvents.NONE, "health-probe"));
      return out.cutShort()
          .map(why -> new Result(500, "answered " + out.status() + ", then failed: " + why))
          .orElseGet(() -> new Result(out.status(), "answered " + out.status()));
    } catch (EngineException e) {
      return new Result(500, e.getMessage());
    }
  }
}
