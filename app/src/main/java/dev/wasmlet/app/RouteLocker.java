package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each trigger (route syntax and uniqueness, the reserved prefix, its component, its
 * executor) and turns it into a {@link LockedRoute} with the app's base applied.
 */
final class RouteLocker {
  static final String RESERVED = "/.well-known/wasmlet";

  private RouteLocker() {}

  static List<LockedRoute> lock(
      Manifest m, Problems problems, Map<String, LockedComponent> components) {
    Lines lines = m.lines();
    String base = base(m, problems);
    List<LockedRoute> out = new ArrayList<>();
    Map<String, TriggerSpec> seen = new HashMap<>();
    if (m.triggers().isEmpty()) {
      problems.add(1, "the app has no [[trigger.http]]; add one with a route and a component");
    }
    for (TriggerSpec t : m.triggers()) {
      int i = t.number() - 1;
      String what = "[[trigger.http]] #" + t.number();
      checkComponent(m, t, lines.line("trigger", "http", i, "component"), what, problems);
      int executorLine = lines.line("trigger", "http", i, "executor");
      LockedComponent target = components.get(t.component());
      Optional<Executor> executor = executor(m, t, target, executorLine, what, problems);
      Optional<WagiConfig> wagi =
          executor.orElse(Executor.WAGI) == Executor.WAGI
              ? wagi(t, executorLine, what, problems)
              : Optional.of(WagiConfig.defaults());
      int line = lines.line("trigger", "http", i, "route");
      if (t.isPrivate()) {
        out.add(
            new LockedRoute(
                "",
                new RoutePattern("", "", false),
                t.component(),
                true,
                wagi.orElse(WagiConfig.defaults()),
                executor.orElse(Executor.WAGI)));
        continue;
      }
      if (t.route().isEmpty()) {
        continue; // missing or not a string: reported while reading
      }
      Optional<String> syntax = RoutePattern.syntaxProblem(t.route());
      if (syntax.isPresent()) {
        problems.add(line, what + ": route \"" + t.route() + "\" " + syntax.get());
        continue;
      }
      String full = join(base, t.route());
      RoutePattern pattern = RoutePattern.parse(full);
      String literal = pattern.prefix();
      if (literal.equals(RESERVED) || literal.startsWith(RESERVED + "/")) {
        problems.add(
            line,
            what
                + ": route \""
                + full
                + "\" is under "
                + RESERVED
                + "/, reserved for the health endpoint; choose another route");
        continue;
      }
      TriggerSpec first = seen.putIfAbsent(full, t);
      if (first != null) {
        problems.add(
            line,
            what
                + ": route \""
                + full
                + "\" duplicates route \""
                + full
                + "\" of trigger #"
                + first.number()
                + " (component \""
                + first.component()
                + "\"); each route must be unique");
        continue;
      }
      out.add(
          new LockedRoute(
              full,
              pattern,
              t.component(),
              false,
              wagi.orElse(WagiConfig.defaults()),
              executor.orElse(Executor.WAGI)));
    }
    return out;
  }

  private static void checkComponent(
      Manifest m, TriggerSpec t, int line, String what, Problems problems) {
    if (t.component().isEmpty() || m.components().containsKey(t.component())) {
      return;
    }
    String hint = Suggestions.didYouMean(t.component(), m.components().keySet());
    problems.add(
        line,
        what
            + ": component \""
            + t.component()
            + "\" is not defined"
            + (hint.isEmpty() ? "; add a [component." + t.component() + "] table" : hint));
  }

  /**
   * The executor for a trigger, from its {@code executor} and its component's binary; empty (with a
   * problem) when they do not fit together. A component that failed to lock was reported there.
   */
  private static Optional<Executor> executor(
      Manifest m, TriggerSpec t, LockedComponent target, int line, String what, Problems problems) {
    String type = t.executor().map(ExecutorSpec::type).orElse(null);
    if (type != null && !type.equals("wagi") && !type.equals("spin")) {
      return Optional.empty(); // unknown or missing type: reported by wagi()
    }
    if (target == null) {
      return Optional.of("spin".equals(type) ? Executor.WASI_HTTP : Executor.WAGI);
    }
    String source = "component \"" + target.id() + "\" (" + target.source().getFileName() + ")";
    if (target.isComponent()) {
      if ("wagi".equals(type)) {
        problems.add(
            line,
            what
                + ": executor type \"wagi\" runs core modules, but "
                + source
                + " is a WebAssembly component; remove the executor to run it as wasi:http");
        return Optional.empty();
      }
      return Optional.of(Executor.WASI_HTTP);
    }
    if ("spin".equals(type)) {
      problems.add(
          line,
          what
              + ": executor type \"spin\" runs wasi:http components, but "
              + source
              + " is a core module; write executor = { type = \"wagi\" } for a WAGI module");
      return Optional.empty();
    }
    if (type == null && m.format() == ManifestFormat.SPIN) {
      problems.add(
          line,
          what
              + ": no executor means Spin's component executor, but "
              + source
              + " is a core module; for a WAGI module write executor = { type = \"wagi\" }");
      return Optional.empty();
    }
    return Optional.of(Executor.WAGI);
  }

  private static Optional<WagiConfig> wagi(
      TriggerSpec t, int line, String what, Problems problems) {
    if (t.executor().isEmpty()) {
      return Optional.of(WagiConfig.defaults());
    }
    ExecutorSpec e = t.executor().get();
    switch (e.type()) {
      case "wagi" -> {}
      case "" -> {
        return Optional.empty();
      }
      case "spin" -> {
        return Optional.of(WagiConfig.defaults()); // checked against the binary by executor()
      }
      default -> {
        problems.add(
            line,
            what
                + ": unknown executor type \""
                + e.type()
                + "\"; write executor = { type = \"wagi\" } for a WAGI module, or omit it for a"
                + " wasi:http component");
        return Optional.empty();
      }
    }
    String entrypoint = e.entrypoint().orElse(WagiConfig.DEFAULT_ENTRYPOINT);
    String argv = e.argv().orElse(WagiConfig.DEFAULT_ARGV);
    if (!entrypoint.matches("[A-Za-z_][A-Za-z0-9_.$-]*")) {
      problems.add(
          line,
          what
              + ": executor entrypoint \""
              + entrypoint
              + "\" is not a function name; omit it to call _start");
      return Optional.empty();
    }
    if (argv.isBlank()) {
      problems.add(
          line, what + ": executor argv is empty; omit it for \"" + WagiConfig.DEFAULT_ARGV + "\"");
      return Optional.empty();
    }
    return Optional.of(WagiConfig.of(entrypoint, argv));
  }

  private static String base(Manifest m, Problems problems) {
    String base = m.application().base().orElse("/");
    Optional<String> problem = RoutePattern.syntaxProblem(base);
    if (problem.isEmpty() && base.contains("...")) {
      problem = Optional.of("must not contain \"...\"");
    }
    if (problem.isPresent()) {
      problems.add(
          m.lines().line("application", "trigger", "http", "base"),
          "[application.trigger.http]: base \""
              + base
              + "\" "
              + problem.get().replace("route", "base"));
      return "/";
    }
    return base;
  }

  /**
   * {@code base} + {@code route}: {@code "/shop"} and {@code "/cart"} give {@code "/shop/cart"}.
   */
  static String join(String base, String route) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (b.isEmpty()) {
      return route;
    }
    return route.equals("/") ? b : b + route;
  }
}
