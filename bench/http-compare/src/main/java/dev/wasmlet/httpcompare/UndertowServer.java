package dev.wasmlet.httpcompare;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/**
 * Undertow 2.3 with blocking handlers: both routes leave the XNIO I/O thread via
 * exchange.dispatch(...) and run on the worker pool (Undertow defaults: io threads = cores,
 * workers = 8 x io threads), as a blocking guest call must. Usage: UndertowServer PORT [WORK_ITERATIONS]
 */
public final class UndertowServer {
  private UndertowServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    long iterations = Work.iterations(args, 1);
    HttpHandler hello = blocking(ex -> reply(ex));
    HttpHandler work =
        blocking(
            ex -> {
              Work.run(iterations, System.nanoTime());
              reply(ex);
            });
    Undertow server =
        Undertow.builder()
            .addHttpListener(port, "127.0.0.1")
            .setHandler(new RoutingHandler().get("/hello", hello).get("/work", work))
            .build();
    server.start();
    System.out.println("undertow server on http://127.0.0.1:" + port);
  }

  /** Runs the handler on a worker thread (it may block), never on the I/O thread. */
  private static HttpHandler blocking(HttpHandler handler) {
    return ex -> {
      if (ex.isInIoThread()) {
        ex.dispatch(handler);
        return;
      }
      handler.handleRequest(ex);
    };
  }

  private static void reply(HttpServerExchange ex) {
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
    ex.setResponseContentLength(Work.BODY.length);
    ex.getResponseSender().send(ByteBuffer.wrap(Work.BODY));
  }
}
