package dev.wasmlet.spin;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data of every app of a server: one {@link AppData} per app name under one root, shared by the
 * app's revisions (a redeploy keeps its key-value stores and databases) and closed with the server.
 * An app's data outlives its deletion on disk; deploying the name again finds it.
 */
public final class AppDataRoot implements AutoCloseable {
  private static final Pattern APP_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

  private final Path root;
  private final Map<String, AppData> apps = new HashMap<>();

  public AppDataRoot(Path root) {
    this.root = root;
  }

  /** The data of app {@code name} (a checked name: it becomes a directory). */
  public synchronized AppData forApp(String name) {
    if (!APP_NAME.matcher(name).matches() || name.contains("..")) {
      throw new SpinException("\"" + name + "\" cannot name an app data directory", null);
    }
    return apps.computeIfAbsent(name, n -> AppData.at(root.resolve(n)));
  }

  @Override
  public synchronized void close() {
    apps.values().forEach(AppData::close);
    apps.clear();
  }
}
