package dev.wasmlet.trust;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * A registry reached over HTTPS answered in plain HTTP: the TLS handshake got a record that is not
 * TLS, and a plain {@code GET /v2/} to the same address gets an HTTP reply. On this machine the fix
 * is {@code --insecure}; elsewhere, serving the registry over HTTPS.
 */
public final class RegistrySpeaksPlainHttp extends TrustException {
  private static final long serialVersionUID = 1L;

  private final String registry;
  private final boolean onThisMachine;

  RegistrySpeaksPlainHttp(String registry, String doing, Throwable cause) {
    super(message(registry, doing, loopback(registry)), cause);
    this.registry = registry;
    this.onThisMachine = loopback(registry);
  }

  /** The registry, {@code host[:port]}. */
  public String registry() {
    return registry;
  }

  /** Whether it is on this machine, where {@code --insecure} is allowed. */
  public boolean onThisMachine() {
    return onThisMachine;
  }

  /**
   * Whether a failed handshake with the registry is a plain-HTTP reply: the JDK found no TLS record
   * ("Unsupported or unrecognized SSL message"), and a plain-HTTP probe of {@code /v2/}, which
   * sends no credentials, gets an answer.
   */
  static boolean shownBy(String registry, SSLException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (!m.contains("unrecognized ssl message") && !m.contains("plaintext connection")) {
      return false;
    }
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      http.send(
          HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/"))
              .timeout(Duration.ofSeconds(3))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException | IllegalArgumentException x) {
      return false;
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean loopback(String registry) {
    try {
      return Reference.parse(registry + "/probe:x").isLoopback();
    } catch (ReferenceInvalid e) {
      return false;
    }
  }

  private static String message(String registry, String doing, boolean onThisMachine) {
    String what =
        "registry "
            + registry
            + " speaks plain HTTP, not HTTPS, so TLS failed while "
            + doing
            + "; ";
    return onThisMachine
        ? what + "it is on this machine: add --insecure to talk plain HTTP to it"
        : what
            + "Wasmlet talks plain HTTP only to a registry on this machine (localhost, 127.0.0.1,"
            + " ::1): serve this one over HTTPS";
  }
}
