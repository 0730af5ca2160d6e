package dev.wasmlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.control.SqliteResultJson;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wasmlet sqlite APP STATEMENT}: runs one SQL statement on an app's SQLite database on a
 * server (as {@code spin cloud sqlite execute} does), e.g. a migration; prints the rows. In local
 * mode ({@code --local}, {@code --data-dir}, {@code --runtime-config-file}) it opens the database
 * file of {@code wasmlet up} on this machine directly, with the same output.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "sqlite",
    description =
        "Run one SQL statement on an app's SQLite database (Spin's sqlite_databases) on a server"
            + " (or with --local / --data-dir, of `wasmlet up` on this machine) and print the"
            + " result as a table.")
final class SqliteCommand extends ClientCommand {
  @Parameters(
      index = "0",
      paramLabel = "APP",
      description = "The app's name; in local mode its directory or manifest, as for `wasmlet up`.")
  String app;

  @Parameters(index = "1", paramLabel = "STATEMENT", description = "The SQL statement.")
  String statement;

  @Option(
      names = "--database",
      paramLabel = "LABEL",
      defaultValue = "default",
      description = "The database's label (default: ${DEFAULT-VALUE}).")
  String database;

  @Mixin LocalData local;

  @Override
  int run() {
    JsonNode r =
        local.enabled(options)
            ? local.sqlite(
                app,
                database,
                db ->
                    SqliteResultJson.of(
                        db.execute(statement, List.of(), LocalData.STATEMENT_SECONDS)))
            : client().sql(app, database, statement);
    if (json()) {
      printJson(r);
      return ExitCodes.OK;
    }
    JsonNode columns = r.path("columns");
    if (columns.isEmpty()) {
      out().println(r.path("changes").asLong() + " rows changed");
      return ExitCodes.OK;
    }
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = columns.get(i).asText();
    }
    Table t = new Table(names);
    for (JsonNode row : r.path("rows")) {
      String[] cells = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        JsonNode v = row.get(i);
        cells[i] =
            v == null || v.isNull()
                ? "NULL"
                : v.has("base64") ? "x'" + v.get("base64").asText() + "' (base64)" : v.asText();
      }
      t.row((Object[]) cells);
    }
    t.print(out());
    return ExitCodes.OK;
  }
}
