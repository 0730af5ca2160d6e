package dev.wasmlet.bench;

import dev.wasmlet.gateway.GatewayConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.nio.charset.StandardCharsets;

/**
 * The baseline for the HTTP benchmark: the same Helidon server, configured like the gateway,
 * answering every request with the bytes the hello guest returns, in plain Java.
 */
public final class PlainServer {
  private PlainServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3001;
    GatewayConfig config = GatewayConfig.defaults();
    byte[] body = "Hello from Wasmlet!\n".getBytes(StandardCharsets.UTF_8);
    WebServer server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(port)
            .idleConnectionTimeout(config.idleTimeout())
            .connectionOptions(o -> o.readTimeout(config.readTimeout()))
            .addProtocol(Http1Config.builder().maxHeadersSize(config.maxHeaderBytes()).build())
            .routing(
                HttpRouting.builder()
                    .any(
                        (req, res) -> {
                          res.header("X-Request-Id", "plain");
                          res.header("Content-Type", "text/plain");
                          res.send(body);
                        }))
            .build()
            .start();
    System.out.println("plain server on http://127.0.0.1:" + server.port());
    Thread.currentThread().join();
  }
}
