package dev.wasmlet.httpcompare;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * Floor: the JDK's built-in com.sun.net.httpserver, one virtual thread per exchange.
 * Usage: JdkServer PORT [WORK_ITERATIONS]
 */
public final class JdkServer {
  private JdkServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    long iterations = Work.iterations(args, 1);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/hello", ex -> reply(ex));
    server.createContext(
        "/work",
        ex -> {
          Work.run(iterations, System.nanoTime());
          reply(ex);
        });
    server.start();
    System.out.println("jdk server on http://127.0.0.1:" + port);
  }

  private static void reply(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(200, Work.BODY.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(Work.BODY);
    }
  }
}
