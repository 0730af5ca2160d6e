package dev.wasmlet.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels a runtime config places live where it says; the others stay in the data directory. */
class AppDataPlacementTest {
  @TempDir Path tmp;

  private RuntimeConfig config(Map<String, StorePlacement> kv, Map<String, StorePlacement> sql) {
    return new RuntimeConfig(tmp.resolve("rc.toml"), List.of(), kv, sql);
  }

  @Test
  void aPlacedStoreIsOpenedAtItsPathWithItsParentsMade() throws Exception {
    Path file = tmp.resolve("elsewhere/deep/kv.db");
    try (AppData data =
        AppData.at(
            tmp.resolve("data"), config(Map.of("default", StorePlacement.file(file)), Map.of()))) {
      data.keyValue("default").set("k", "v".getBytes(StandardCharsets.UTF_8));
      data.keyValue("other").set("k", "w".getBytes(StandardCharsets.UTF_8));
      assertThat(data.keyValuePlacement("default")).isEqualTo(StorePlacement.file(file));
    }
    assertThat(file).isRegularFile();
    assertThat(tmp.resolve("data/key-value-default.db")).doesNotExist();
    assertThat(tmp.resolve("data/key-value-other.db")).isRegularFile();
    try (KeyValueStore again = KeyValueStore.open("default", file)) {
      assertThat(again.get("k")).hasValueSatisfying(v -> assertThat(v).asString().isEqualTo("v"));
    }
  }

  @Test
  void inMemoryStoresAndDatabasesWriteNoFile() throws Exception {
    try (AppData data =
        AppData.at(
            tmp.resolve("data"),
            config(
                Map.of("default", StorePlacement.inMemory()),
                Map.of("default", StorePlacement.inMemory())))) {
      data.keyValue("default").set("k", new byte[] {1});
      assertThat(data.keyValue("default").get("k")).isPresent();
      data.sqlite("default").execute("CREATE TABLE t(x)", List.of(), 5);
      assertThat(data.sqlite("default").execute("SELECT count(*) FROM t", List.of(), 5).rows())
          .hasSize(1);
    }
    assertThat(tmp.resolve("data")).doesNotExist();
  }

  @Test
  void aSymbolicLinkPutInPlaceAfterTheConfigWasReadIsRefusedAtOpen() throws Exception {
    Path target = Files.writeString(tmp.resolve("target.db"), "");
    Path link = tmp.resolve("link.db");
    try (AppData data =
        AppData.at(
            tmp.resolve("data"), config(Map.of(), Map.of("default", StorePlacement.file(link))))) {
      Files.createSymbolicLink(link, target);
      assertThatThrownBy(() -> data.sqlite("default"))
          .isInstanceOf(SpinException.class)
          .hasMessage(
              "SQLite database \"default\": "
                  + link
                  + " is a symbolic link; give the path of"
                  + " the file itself");
    }
    assertThat(Files.size(target)).isZero();
  }

  @Test
  void aStoreAndADatabaseNeverShareAFile() {
    Path file = tmp.resolve("data/sqlite-default.db");
    try (AppData data =
        AppData.at(
            tmp.resolve("data"), config(Map.of("cache", StorePlacement.file(file)), Map.of()))) {
      data.sqlite("default");
      assertThatThrownBy(() -> data.keyValue("cache"))
          .hasMessage(
              "key-value store \"cache\": "
                  + file
                  + " is already the file of SQLite database \"default\"");
    }
  }
}
