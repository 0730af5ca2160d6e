package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentTest {
  private final Engine engine = Engine.builder().build();
  private final WagiExecutor wagi = new WagiExecutor();

  @AfterEach
  void close() {
    engine.close();
  }

  private Component component(String fixture, GuestLimits limits) {
    return Component.builder(engine, fixture, engine.load(fixture, Fixtures.wasm(fixture)))
        .withLimits(limits)
        .build();
  }

  private WagiResponse call(Component c) {
    return wagi.handle(c, Fixtures.get("/x"), new ByteArrayOutputStream());
  }

  @Test
  void everyRequestGetsAFreshInstance() {
    Component c = component("counter", GuestLimits.defaults());
    for (int i = 0; i < 5; i++) {
      assertThat(new String(call(c).body(), StandardCharsets.UTF_8)).isEqualTo("fresh\n");
    }
    assertThat(engine.stats().instances()).isEqualTo(5);
  }

  @Test
  void aGuestThatNeverReturnsIsStoppedAtItsTimeout() {
    Component c = component("loop", GuestLimits.defaults().withTimeout(Duration.ofMillis(100)));
    assertThatThrownBy(() -> call(c))
        .isInstanceOfSatisfying(
            GuestFailed.class, e -> assertThat(e.kind()).isEqualTo(GuestFailed.Kind.TIMEOUT))
        .hasMessageContaining("ran past its timeout of PT0.1S");
    // The worker thread is usable again: its interrupt flag was cleared.
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(call(component("hello", GuestLimits.defaults())).status()).isEqualTo(200);
  }

  @Test
  void aGuestThatGrowsPastItsMemoryLimitFailsAsMemory() {
    Component c = component("membomb", GuestLimits.defaults().withMaxMemoryBytes(4L << 20));
    assertThatThrownBy(() -> call(c))
        .isInstanceOfSatisfying(
            GuestFailed.class, e -> assertThat(e.kind()).isEqualTo(GuestFailed.Kind.MEMORY))
        .hasMessageContaining("exhausted its memory limit of 4194304 bytes");
  }

  @Test
  void aTrapFailsAsTrap() {
    assertThatThrownBy(() -> call(component("trap", GuestLimits.defaults())))
        .isInstanceOfSatisfying(
            GuestFailed.class, e -> assertThat(e.kind()).isEqualTo(GuestFailed.Kind.TRAP));
  }

  @Test
  void unboundedRecursionFailsAsTrap() {
    assertThatThrownBy(() -> call(component("recurse", GuestLimits.defaults())))
        .isInstanceOfSatisfying(
            GuestFailed.class, e -> assertThat(e.kind()).isEqualTo(GuestFailed.Kind.TRAP))
        .hasMessageContaining("call stack exhausted");
  }

  @Test
  void outputPastTheLimitFailsAsResponseTooLarge() {
    Component c = component("huge", GuestLimits.defaults().withMaxOutputBytes(1 << 20));
    assertThatThrownBy(() -> call(c))
        .isInstanceOfSatisfying(
            GuestFailed.class,
            e -> assertThat(e.kind()).isEqualTo(GuestFailed.Kind.RESPONSE_TOO_LARGE))
        .hasMessageContaining("wrote more than its max_response of 1048576 bytes");
  }

  @Test
  void outputThatIsNotCgiFailsAsMalformed() {
    assertThatThrownBy(() -> call(component("badcgi", GuestLimits.defaults())))
        .isInstanceOfSatisfying(
            GuestFailed.class,
            e -> assertThat(e.kind()).isEqualTo(GuestFailed.Kind.MALFORMED_RESPONSE))
        .hasMessage(
            "component \"badcgi\" wrote a malformed CGI response: no blank line ends the header"
                + " block");
  }

  @Test
  void mountedFilesAreReadOnly(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    Component c =
        Component.builder(engine, "w", engine.load("w", Fixtures.wasm("write-file")))
            .withMounts(List.of(new Mount(dir, "/")))
            .build();
    assertThat(new String(call(c).body(), StandardCharsets.UTF_8)).isEqualTo("rofs\n");
  }

  @Test
  void symlinksLeavingAMountAndDanglingOnesAreLeftOut(@TempDir Path dir) throws Exception {
    Path mount = Files.createDirectories(dir.resolve("public"));
    Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    Files.writeString(mount.resolve("ok.txt"), "ok");
    Files.createSymbolicLink(mount.resolve("out"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(mount.resolve("dangling"), dir.resolve("missing.txt"));
    try (GuestFiles files = GuestFiles.copyOf("c", List.of(new Mount(mount, "/public")))) {
      Path root = files.root();
      assertThat(Files.readString(root.resolve("public/ok.txt"))).isEqualTo("ok");
      assertThat(root.resolve("public/out")).doesNotExist();
      assertThat(root.resolve("public/dangling")).doesNotExist();
      assertThat(files.bytes()).isEqualTo(2);
    }
  }
}
