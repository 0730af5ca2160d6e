package dev.wasmlet.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stores and databases stay inside the app's directory, and SQL cannot reach other files. */
class AppDataTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        "../escape",
        "/etc/passwd",
        "a/b",
        "%2e%2e",
        "UPPER",
        "with space",
        "x\u0000y",
        "-leading"
      })
  void hostileLabelsNameNoFile(String label) throws Exception {
    try (AppData data = AppData.at(tmp.resolve("app"))) {
      assertThatThrownBy(() -> data.keyValue(label)).isInstanceOf(SpinException.class);
      assertThatThrownBy(() -> data.sqlite(label)).isInstanceOf(SpinException.class);
    }
    try (var files = Files.walk(tmp)) {
      assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }

  @Test
  void eachLabelIsOneFileInTheAppsDirectory() {
    try (AppData data = AppData.at(tmp.resolve("app"))) {
      data.keyValue("default").set("k", new byte[] {1});
      data.sqlite("default").execute("CREATE TABLE t(x)", List.of(), 5);
      assertThat(data.keyValue("default")).isSameAs(data.keyValue("default"));
    }
    assertThat(tmp.resolve("app/key-value-default.db")).exists();
    assertThat(tmp.resolve("app/sqlite-default.db")).exists();
  }

  @Test
  void sqlCannotAttachOrVacuumIntoAnotherFile() {
    Path outside = tmp.resolve("outside.db");
    try (AppData data = AppData.at(tmp.resolve("app"))) {
      SqliteDatabase db = data.sqlite("default");
      assertThatThrownBy(
              () -> db.execute("ATTACH DATABASE '" + outside + "' AS other", List.of(), 5))
          .isInstanceOf(SqliteFailed.class);
      assertThatThrownBy(() -> db.execute("VACUUM INTO '" + outside + "'", List.of(), 5))
          .isInstanceOf(SqliteFailed.class);
      assertThatThrownBy(() -> db.execute("SELECT load_extension('/tmp/x.so')", List.of(), 5))
          .isInstanceOf(SqliteFailed.class);
    }
    assertThat(outside).doesNotExist();
  }

  @Test
  void sqliteValuesRoundTripWithParameters() {
    try (AppData data = AppData.at(tmp.resolve("app"))) {
      SqliteDatabase db = data.sqlite("default");
      db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n)", List.of(), 5);
      java.util.ArrayList<Object> params = new java.util.ArrayList<>();
      params.add(42L);
      params.add(1.5);
      params.add("h\u00e9");
      params.add(new byte[] {0, 1});
      params.add(null);
      SqliteDatabase.Result insert = db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", params, 5);
      assertThat(insert.changes()).isEqualTo(1);
      assertThat(insert.lastInsertRowid()).isEqualTo(1);
      SqliteDatabase.Result r = db.execute("SELECT * FROM t", List.of(), 5);
      assertThat(r.columns()).containsExactly("i", "r", "s", "b", "n");
      assertThat(r.rows()).hasSize(1);
      List<Object> row = r.rows().get(0);
      assertThat(row.get(0)).isEqualTo(42L);
      assertThat(row.get(1)).isEqualTo(1.5);
      assertThat(row.get(2)).isEqualTo("h\u00e9");
      assertThat((byte[]) row.get(3)).containsExactly(0, 1);
      assertThat(row.get(4)).isNull();
      assertThatThrownBy(() -> db.execute("SELEKT 1", List.of(), 5))
          .isInstanceOf(SqliteFailed.class)
          .hasMessageContaining("syntax error");
    }
  }

  @Test
  void aClosedAppRefusesMore() {
    AppData data = AppData.at(tmp.resolve("app"));
    data.close();
    assertThatThrownBy(() -> data.keyValue("default")).hasMessageContaining("closed");
  }
}
