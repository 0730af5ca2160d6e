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
    // The guest sleeps 1.5 s; give the request 300 ms to reach it before stopping the server.
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
    server.process().destroy(); // SIGTERM
    HttpResponse<String> r = inFlight.get();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("slow done\n");
    assertThat(server.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
        .as("the server exits once drained")
        .isTrue();
    assertThat(server.stdout()).anySatisfy(l -> assertThat(l).contains("stopped"));
  }
}
