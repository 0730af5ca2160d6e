package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted server serves from its compiled-code cache without compiling anything. */
class CacheIT {
  @TempDir Path cache;

  private static String banner(ServerProcess s) {
    return s.stdout().stream()
        .filter(l -> l.contains("modules compiled"))
        .findFirst()
        .orElseThrow();
  }

  private static int hello(ServerProcess s) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(s.url("/hello"))).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(p -> p.toString().endsWith(".code")).toList();
    }
  }

  @Test
  void aRestartWithAWarmCacheCompilesNothing() throws Exception {
    try (ServerProcess cold =
        ServerProcess.up("examples/hello-c", "--cache-dir", cache.toString())) {
      assertThat(banner(cold)).contains("(1 modules compiled, 0 from cache)");
      assertThat(hello(cold)).isEqualTo(200);
    }
    try (ServerProcess warm =
        ServerProcess.up("examples/hello-c", "--cache-dir", cache.toString())) {
      assertThat(banner(warm)).contains("(0 modules compiled, 1 from cache)");
      assertThat(hello(warm)).isEqualTo(200);
    }
  }

  @Test
  void aCorruptedCacheEntryIsRecompiledNotTrusted() throws Exception {
    try (ServerProcess cold =
        ServerProcess.up("examples/hello-c", "--cache-dir", cache.toString())) {
      assertThat(hello(cold)).isEqualTo(200);
    }
    Path entry = entries().get(0);
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.seek(f.length() - 10);
      f.write(new byte[] {1, 2, 3, 4, 5});
    }
    try (ServerProcess again =
        ServerProcess.up("examples/hello-c", "--cache-dir", cache.toString())) {
      assertThat(banner(again)).contains("(1 modules compiled, 0 from cache)");
      assertThat(hello(again)).isEqualTo(200);
      assertThat(again.stderr()).anySatisfy(l -> assertThat(l).contains("is corrupt"));
    }
  }
}
