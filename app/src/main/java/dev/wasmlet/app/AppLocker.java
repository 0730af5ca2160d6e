package dev.wasmlet.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates a read manifest as a whole and pins it into a {@link LockedApp}. */
final class AppLocker {
  static final Pattern APP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private AppLocker() {}

  /**
   * @param problems the problems found while reading, to which this adds its own
   * @throws ManifestInvalid with every problem, when there is any
   */
  static LockedApp lock(
      Manifest m, Map<String, String> given, Problems problems, boolean confined) {
    Path appDir = appDir(m.file());
    String name = m.application().name();
    if (!name.isEmpty() && !APP_NAME.matcher(name).matches()) {
      problems.add(
          m.lines().line("application", "name"),
          "[application]: name \""
              + name
              + "\" must be lowercase letters, digits, '-' and '_', starting with a letter or"
              + " digit, at most 63 characters");
    }
    Map<String, String> values = VariablesResolver.resolve(m, given, problems);
    ComponentLocker locker = new ComponentLocker(m, appDir, values, problems, confined);
    Map<String, LockedComponent> components = new LinkedHashMap<>();
    for (ComponentSpec c : m.components().values()) {
      locker.lock(c).ifPresent(locked -> components.put(c.id(), locked));
    }
    List<LockedRoute> routes = RouteLocker.lock(m, problems, components);
    problems.throwIfAny();
    LockedApp locked =
        new LockedApp(
            name,
            m.application().version().orElse(""),
            appDir,
            routes,
            components,
            VariablesResolver.visible(m, values),
            m.application().health());
    checkHealth(m, locked, problems);
    problems.throwIfAny();
    return locked;
  }

  private static void checkHealth(Manifest m, LockedApp app, Problems problems) {
    if (app.healthRoute().isEmpty()) {
      return;
    }
    String h = app.healthRoute().get();
    int line = m.lines().line("application", "health");
    if (!h.startsWith("/")
        || h.length() > 1024
        || h.contains("?")
        || h.contains("..")
        || !h.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      problems.add(
          line,
          "[application]: health \""
              + h
              + "\" must be a request path starting with '/', without a query or '..', e.g."
              + " \"/health\"");
    } else if (app.route(h).isEmpty()) {
      problems.add(
          line,
          "[application]: health \""
              + h
              + "\" is served by no public route; add a [[trigger.http]] route for it or fix"
              + " the path");
    }
  }

  private static Path appDir(Path file) {
    try {
      return file.toAbsolutePath().getParent().toRealPath();
    } catch (IOException e) {
      throw new AppException("cannot resolve the directory of " + file + ": " + e.getMessage(), e);
    }
  }
}
