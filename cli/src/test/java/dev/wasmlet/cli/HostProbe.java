package dev.wasmlet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 GET (or POST) with a chosen {@code Host} header, as a Service's virtual IP would
 * forward it (the JDK's HttpClient refuses to set {@code Host}). Answers the status, or -1 when the
 * connection fails.
 */
final class HostProbe {
  private HostProbe() {}

  /**
   * The status and body of {@code GET path} on {@code host:port} for virtual host {@code vhost}.
   */
  record Answer(int status, String body) {}

  static Answer get(String host, int port, String vhost, String path) {
    return send(host, port, vhost, "GET " + path, "");
  }

  /** As {@link #get}, a POST of {@code body}. */
  static Answer post(String host, int port, String vhost, String path, String body) {
    return send(host, port, vhost, "POST " + path, body);
  }

  private static Answer send(String host, int port, String vhost, String request, String payload) {
    try (Socket s = new Socket()) {
      // RFC 6761: every *.localhost name is loopback; this machine's resolver does not know them.
      String address = host.endsWith(".localhost") ? "127.0.0.1" : host;
      s.connect(new InetSocketAddress(address, port), 2_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (request
                  + " HTTP/1.1\r\nHost: "
                  + vhost
                  + "\r\nConnection: close\r\n"
                  + (payload.isEmpty() ? "" : "Content-Length: " + payload.length() + "\r\n")
                  + "\r\n"
                  + payload)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      // Read the head, then exactly the body: the server may keep the connection open.
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          return new Answer(-1, head.toString());
        }
        head.append((char) c);
      }
      String h = head.toString();
      int status = Integer.parseInt(h.substring(h.indexOf(' ') + 1, h.indexOf(' ') + 4));
      java.util.regex.Matcher length =
          java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(h);
      byte[] body;
      if (length.find()) {
        body = in.readNBytes(Integer.parseInt(length.group(1)));
      } else if (h.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (true) {
          StringBuilder size = new StringBuilder();
          int c;
          while ((c = in.read()) >= 0 && c != '\n') {
            size.append((char) c);
          }
          int n = Integer.parseInt(size.toString().trim().split(";")[0], 16);
          if (n == 0 || c < 0) {
            break;
          }
          b.write(in.readNBytes(n));
          in.readNBytes(2);
        }
        body = b.toByteArray();
      } else {
        body = in.readAllBytes();
      }
      return new Answer(status, new String(body, StandardCharsets.UTF_8));
    } catch (IOException | NumberFormatException e) {
      return new Answer(-1, e.toString());
    }
  }
}
