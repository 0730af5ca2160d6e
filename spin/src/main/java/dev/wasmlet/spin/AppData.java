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
 * are checked against {@link #LABEL} before they name a file, so none can leave the directory. A
 * runtime config ({@link RuntimeConfig}) may place a label elsewhere, chosen by the operator; no
 * two labels ever share a file.
 */
public final class AppData implements AutoCloseable {
  /** A store or database label: lowercase letters, digits, '-' and '_', at most 64. */
  public static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Path dir;
  private final Map<String, StorePlacement> keyValuePlaced;
  private final Map<String, StorePlacement> sqlitePlaced;
  private final Map<String, KeyValueStore> stores = new HashMap<>();
  private final Map<String, SqliteDatabase> databases = new HashMap<>();
  private final Map<Path, String> openFiles = new HashMap<>();
  private boolean closed;

  private AppData(
      Path dir, Map<String, StorePlacement> keyValue, Map<String, StorePlacement> sqlite) {
    this.dir = dir;
    this.keyValuePlaced = Map.copyOf(keyValue);
    this.sqlitePlaced = Map.copyOf(sqlite);
  }

  /** The data in {@code dir}, made (owner-only) when the first store or database opens. */
  public static AppData at(Path dir) {
    return new AppData(dir, Map.of(), Map.of());
  }

  /**
   * The data in {@code dir}, except the labels {@code config} places (its {@code key_value_store}
   * and {@code sqlite_database} tables).
   */
  public static AppData at(Path dir, RuntimeConfig config) {
    return new AppData(dir, config.keyValueStores(), config.sqliteDatabases());
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

  /** Where key-value store {@code label} keeps its data (a checked label). */
  public StorePlacement keyValuePlacement(String label) {
    checkLabel(label);
    return keyValuePlaced.getOrDefault(
        label, StorePlacement.file(dir.resolve("key-value-" + label + ".db")));
  }

  /** Where SQLite database {@code label} keeps its data (a checked label). */
  public StorePlacement sqlitePlacement(String label) {
    checkLabel(label);
    return sqlitePlaced.getOrDefault(
        label, StorePlacement.file(dir.resolve("sqlite-" + label + ".db")));
  }

  public synchronized KeyValueStore keyValue(String label) {
    KeyValueStore open = stores.get(label);
    if (open != null) {
      return open;
    }
    StorePlacement at = prepare(keyValuePlacement(label), "key-value store \"" + label + "\"");
    KeyValueStore s =
        switch (at) {
          case StorePlacement.OnDisk d -> KeyValueStore.open(label, d.file());
          case StorePlacement.InMemory m -> KeyValueStore.openInMemory(label);
        };
    stores.put(label, s);
    return s;
  }

  public synchronized SqliteDatabase sqlite(String label) {
    SqliteDatabase open = databases.get(label);
    if (open != null) {
      return open;
    }
    StorePlacement at = prepare(sqlitePlacement(label), "SQLite database \"" + label + "\"");
    SqliteDatabase db =
        switch (at) {
          case StorePlacement.OnDisk d -> SqliteDatabase.open(label, d.file());
          case StorePlacement.InMemory m -> SqliteDatabase.openInMemory(label);
        };
    databases.put(label, db);
    return db;
  }

  private static void checkLabel(String label) {
    if (!LABEL.matcher(label).matches()) {
      throw new SpinException(
          "\"" + label + "\" is not a store label (lowercase letters, digits, - and _)", null);
    }
  }

  /** Checks the placement's file again (it may have changed since the config was read). */
  private StorePlacement prepare(StorePlacement at, String what) {
    if (closed) {
      throw new SpinException("the data of this app is closed (the app was removed)", null);
    }
    if (at instanceof StorePlacement.OnDisk d) {
      d.unusable()
          .ifPresent(
              why -> {
                throw new SpinException(what + ": " + d.file() + " " + why, null);
              });
      String other = openFiles.putIfAbsent(d.file(), what);
      if (other != null && !other.equals(what)) {
        throw new SpinException(what + ": " + d.file() + " is already the file of " + other, null);
      }
      if (d.file().getParent().equals(dir.toAbsolutePath().normalize())) {
        ensureDirectory();
      } else {
        ensureParent(d.file().getParent(), what);
      }
    }
    return at;
  }

  private static void ensureParent(Path parent, String what) {
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new SpinException(what + ": cannot make the directory " + parent + ": " + e, e);
    }
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
