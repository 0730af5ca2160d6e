package dev.wasmlet.spin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An app's durable data: its key-value stores and SQLite databases, one file per label under one
 * directory ({@code key-value-LABEL.db}, {@code sqlite-LABEL.db}), opened on first use and kept
 * open until {@link #close}. Shared by every revision and request of the app; thread-safe. Labels
 * are checked against {@link #LABEL} before they name a file, so none can leave the directory.
 */
public final class AppData implements AutoCloseable {
  /** A store or database label: lowercase letters, digits, '-' and '_', at most 64. */
  public static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Path dir;
  private final Map<String, KeyValueStore> stores = new HashMap<>();
  private final Map<String, SqliteDatabase> databases = new HashMap<>();
  private boolean closed;

  private AppData(Path dir) {
    this.dir = dir;
  }

  /** The data in {@code dir}, made (owner-only) when the first store or database opens. */
  public static AppData at(Path dir) {
    return new AppData(dir);
  }

  private void ensureDirectory() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: its own permissions apply
        }
      }
    } catch (IOException e) {
      throw new SpinException("cannot make the app data directory " + dir + ": " + e, e);
    }
  }

  public Path directory() {
    return dir;
  }

  public synchronized KeyValueStore keyValue(String label) {
    check(label);
    return stores.computeIfAbsent(
        label, l -> KeyValueStore.open(l, dir.resolve("key-value-" + l + ".db")));
  }

  public synchronized SqliteDatabase sqlite(String label) {
    check(label);
    return databases.computeIfAbsent(
        label, l -> SqliteDatabase.open(l, dir.resolve("sqlite-" + l + ".db")));
  }

  private void check(String label) {
    if (closed) {
      throw new SpinException("the data of this app is closed (the app was removed)", null);
    }
    if (!LABEL.matcher(label).matches()) {
      throw new SpinException(
          "\"" + label + "\" is not a store label (lowercase letters, digits, - and _)", null);
    }
    ensureDirectory();
  }

  @Override
  public synchronized void close() {
    closed = true;
    stores.values().forEach(KeyValueStore::close);
    databases.values().forEach(SqliteDatabase::close);
    stores.clear();
    databases.clear();
  }
}
