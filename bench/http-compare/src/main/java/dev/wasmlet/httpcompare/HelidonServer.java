package dev.wasmlet.httpcompare;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

/**
 * Helidon SE 4 WebServer (Níma): every request runs on its own virtual thread, so the blocking
 * guest call simply runs in the handler. Usage: HelidonServer PORT [WORK_ITERATIONS] [yield]
 *
 * <p>With "yield", /work calls Thread.yield() after the guest call: Helidon serves a keep-alive
 * connection on one virtual thread that loops reading the next request, so CPU-bound handlers on a
 * pipelined/busy connection never give the carrier up and other connections starve (tail latency).
 */
public final class HelidonServer {
  private HelidonServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    long iterations = Work.iterations(args, 1);
    boolean yield = args.length > 2 && args[2].equals("yield");
    WebServer server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(port)
            .routing(
                HttpRouting.builder()
                    .get("/hello", (req, res) -> reply(res))
                    .get(
                        "/work",
                        (req, res) -> {
                          Work.run(iterations, System.nanoTime());
                          if (yield) {
                            Thread.yield(); // let other connections' virtual threads run
                          }
                          reply(res);
                        }))
            .build()
            .start();
    System.out.println("helidon server on http://127.0.0.1:" + server.port());
  }

  private static void reply(ServerResponse res) {
    res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
    res.send(Work.BODY);
  }
}
