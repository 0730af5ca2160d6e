package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping the server lets in-flight requests finish. */
class ShutdownIT {
  @Test
  void sigtermDrainsInFlightRequestsBeforeExiting() throws Exception {
    ServerProcess server = ServerProcess.up("cli/src/test/apps/slow");
    HttpClient http = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(server.url("/slow")))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // The guest logs "slow started" to stderr, then sleeps 1.5 s: stop the server in that window.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.stderr().stream().anyMatch(l -> l.contains("slow started")));
    // SIGTERM through the handle: Process.destroy() would also close our end of its stdout.
    server.process().toHandle().destroy();
    HttpResponse<String> r = inFlight.get();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("slow done\n");
    assertThat(server.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
        .as("the server exits once drained")
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(server.stdout()).anySatisfy(l -> assertThat(l).isEqualTo("stopped")));
  }
}
