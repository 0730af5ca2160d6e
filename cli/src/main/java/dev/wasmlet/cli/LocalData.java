package dev.wasmlet.cli;

import dev.wasmlet.app.AppException;
import dev.wasmlet.spin.AppData;
import dev.wasmlet.spin.KeyValueStore;
import dev.wasmlet.spin.RuntimeConfig;
import dev.wasmlet.spin.SpinException;
import dev.wasmlet.spin.SqliteDatabase;
import dev.wasmlet.spin.SqliteFailed;
import dev.wasmlet.spin.StorePlacement;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Local mode of {@code wasmlet kv} and {@code wasmlet sqlite}: the stores of {@code wasmlet up} on
 * this machine, opened directly through the spin module instead of a server's admin API. A store
 * that has no file yet is refused, never made by looking at it; labels are checked as the server
 * checks them.
 */
final class LocalData {
  /** The longest a statement run by an operator may take (as on a server). */
  static final int STATEMENT_SECONDS = 30;

  @Option(
      names = "--local",
      description =
          "Open the data of `wasmlet up` on this machine directly instead of asking a server;"
              + " APP is then the app directory or manifest, as for `wasmlet up` (implied by"
              + " --data-dir and --runtime-config-file).")
  boolean local;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Local mode: the directory `wasmlet up --data-dir` used (default: .wasmlet/data beside"
              + " APP's manifest).")
  Optional<Path> dataDir;

  @Option(
      names = "--runtime-config-file",
      paramLabel = "FILE",
      description =
          "Local mode: the runtime config `wasmlet up --runtime-config-file` used, for the stores"
              + " it placed elsewhere (run from the same directory: relative SQLite paths resolve"
              + " against it).")
  Optional<Path> runtimeConfig;

  /** Whether local mode is on; refuses it together with a server's options. */
  boolean enabled(ClientOptions server) {
    boolean on = local || dataDir.isPresent() || runtimeConfig.isPresent();
    if (on
        && (server.server.isPresent() || server.token.isPresent() || server.context.isPresent())) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "local mode (--local, --data-dir, --runtime-config-file) opens files on this machine;"
              + " it takes no --server, --token or --context",
          null);
    }
    return on;
  }

  /** Runs {@code op} on key-value store {@code label} of the local app {@code app}. */
  <T> T keyValue(String app, String label, Function<KeyValueStore, T> op) {
    return with(app, label, "key-value store", AppData::keyValuePlacement, AppData::keyValue, op);
  }

  /** Runs {@code op} on SQLite database {@code label} of the local app {@code app}. */
  <T> T sqlite(String app, String label, Function<SqliteDatabase, T> op) {
    return with(app, label, "SQLite database", AppData::sqlitePlacement, AppData::sqlite, op);
  }

  private interface Placement {
    StorePlacement of(AppData data, String label);
  }

  private interface Opener<S> {
    S open(AppData data, String label);
  }

  private <S, T> T with(
      String app,
      String label,
      String what,
      Placement placement,
      Opener<S> opener,
      Function<S, T> op) {
    if (!AppData.LABEL.matcher(label).matches()) {
      throw new CliFailure(
          ExitCodes.REFUSED,
          "\""
              + quote(label)
              + "\" is not a store or database label (lowercase letters, digits, '-' and '_')",
          null);
    }
    Optional<RuntimeConfig> rc = runtimeConfig.map(RuntimeConfigs::read);
    Path dir = dataDir.orElseGet(() -> defaultDir(app));
    try (AppData data = rc.map(c -> AppData.at(dir, c)).orElseGet(() -> AppData.at(dir))) {
      String named = what + " \"" + label + "\"";
      switch (placement.of(data, label)) {
        case StorePlacement.InMemory m ->
            throw new CliFailure(
                ExitCodes.REFUSED,
                named
                    + " is in memory only (no path in "
                    + rc.map(RuntimeConfig::file).map(Path::toString).orElse("the runtime config")
                    + "); only the running app sees it",
                null);
        case StorePlacement.OnDisk d -> {
          if (!Files.exists(d.file(), LinkOption.NOFOLLOW_LINKS)) {
            throw new CliFailure(
                ExitCodes.REFUSED,
                "no "
                    + named
                    + " at "
                    + d.file()
                    + ": the app has not opened it yet, or `wasmlet up` used another data"
                    + " directory or runtime config (--data-dir, --runtime-config-file)",
                null);
          }
        }
      }
      return op.apply(opener.open(data, label));
    } catch (SqliteFailed e) {
      throw new CliFailure(ExitCodes.REFUSED, "the statement failed: " + e.getMessage(), e);
    } catch (SpinException e) {
      throw new CliFailure(ExitCodes.REFUSED, e.getMessage(), e);
    }
  }

  private static Path defaultDir(String app) {
    try {
      return UpCommand.localDataDir(Path.of(app));
    } catch (AppException | java.nio.file.InvalidPathException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          e.getMessage()
              + "; in local mode APP is the app directory or manifest (or give --data-dir DIR)",
          e);
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 80 ? b + "..." : b.toString();
  }
}
