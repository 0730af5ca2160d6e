package dev.wasmlet.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker token server (the "token authentication specification" of distribution) on 127.0.0.1 and
 * a free port, for {@link LocalRegistry#startWithTokenAuth}. {@code GET /token?service=&scope=}
 * checks HTTP basic credentials against its users and answers an ES256 JWT whose {@code x5c} header
 * holds a self-signed certificate for the signing key (both made by the {@code openssl} CLI),
 * granting each requested repository action only if the user may do it. No credentials get a token
 * that grants nothing (as public token servers do); wrong ones get 401. Every token issued is
 * recorded in {@link #grants()}.
 */
public final class TokenServer implements AutoCloseable {
  /** What one token granted: the user ({@code ""} when anonymous), the scopes asked, the access. */
  public record Grant(String subject, List<String> requested, List<Access> access) {}

  /** One entry of a token's {@code access} claim. */
  public record Access(String type, String name, List<String> actions) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LIFETIME_SECONDS = 300;

  private final HttpServer http;
  private final String service;
  private final String issuer;
  private final Path rootCertBundle;
  private final PrivateKey key;
  private final String x5c;
  private final Map<String, User> users;
  private final List<Grant> grants = new CopyOnWriteArrayList<>();

  private record User(String password, Set<String> actions) {}

  private TokenServer(
      HttpServer http,
      String service,
      String issuer,
      Path rootCertBundle,
      PrivateKey key,
      String x5c,
      Map<String, User> users) {
    this.http = http;
    this.service = service;
    this.issuer = issuer;
    this.rootCertBundle = rootCertBundle;
    this.key = key;
    this.x5c = x5c;
    this.users = users;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures the users of a {@link TokenServer}. */
  public static final class Builder {
    private final Map<String, User> users = new LinkedHashMap<>();
    private String service = "wasmlet-test-registry";
    private String issuer = "wasmlet-test-token-issuer";

    private Builder() {}

    /** A user who may do {@code actions} ("pull", "push", "delete") on every repository. */
    public Builder withUser(String name, String password, String... actions) {
      users.put(name, new User(password, Set.of(actions)));
      return this;
    }

    public Builder withService(String service) {
      this.service = service;
      return this;
    }

    public Builder withIssuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Makes the signing key and certificate under {@code dir} and starts serving. */
    public TokenServer start(Path dir) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Path keyFile = dir.resolve("token-signing-key.pem");
      Path certFile = dir.resolve("token-signing-cert.pem");
      Tools.run(
          dir,
          "openssl",
          "genpkey",
          "-algorithm",
          "EC",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-out",
          keyFile.toString());
      Tools.run(
          dir,
          "openssl",
          "req",
          "-new",
          "-x509",
          "-key",
          keyFile.toString(),
          "-out",
          certFile.toString(),
          "-days",
          "1",
          "-subj",
          "/CN=wasmlet test token signer");
      PrivateKey key;
      X509Certificate cert;
      try (InputStream in = Files.newInputStream(certFile)) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        key =
            KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyFile, "PRIVATE KEY")));
      } catch (GeneralSecurityException e) {
        throw new IOException("openssl made a key or certificate Java cannot read", e);
      }
      String x5c;
      try {
        x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IOException(e);
      }
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TokenServer server =
          new TokenServer(http, service, issuer, certFile, key, x5c, Map.copyOf(users));
      http.createContext("/token", server::handle);
      http.start();
      return server;
    }
  }

  private static byte[] pemBody(Path file, String type) throws IOException {
    String pem = Files.readString(file);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + " holds no " + type + " PEM block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }

  /** The URL to put in the registry's {@code auth.token.realm}. */
  public String realm() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
  }

  public String service() {
    return service;
  }

  public String issuer() {
    return issuer;
  }

  /** The PEM certificate of the signing key, for the registry's {@code rootcertbundle}. */
  public Path rootCertBundle() {
    return rootCertBundle;
  }

  /** The tokens issued so far, oldest first. */
  public List<Grant> grants() {
    return List.copyOf(grants);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, error("UNSUPPORTED", "the token endpoint answers GET only"));
        return;
      }
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      List<String> services = query.getOrDefault("service", List.of());
      if (!services.equals(List.of(service))) {
        reply(exchange, 400, error("INVALID_REQUEST", "service must be " + service));
        return;
      }
      String subject;
      User user;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null) {
        subject = "";
        user = new User("", Set.of());
      } else {
        String[] basic = basic(authorization);
        user = basic == null ? null : users.get(basic[0]);
        if (user == null || !user.password().equals(basic[1])) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"wasmlet-test\"");
          reply(
              exchange,
              401,
              error(
                  "UNAUTHORIZED",
                  basic == null
                      ? "the token endpoint takes HTTP basic credentials only"
                      : "wrong user name or password"));
          return;
        }
        subject = basic[0];
      }
      List<String> requested = new ArrayList<>();
      for (String scopes : query.getOrDefault("scope", List.of())) {
        requested.addAll(List.of(scopes.trim().split(" +")));
      }
      List<Access> access = new ArrayList<>();
      for (String scope : requested) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last == first || !"repository".equals(scope.substring(0, first))) {
          continue;
        }
        List<String> actions =
            List.of(scope.substring(last + 1).split(",")).stream()
                .filter(user.actions()::contains)
                .toList();
        if (!actions.isEmpty()) {
          access.add(new Access("repository", scope.substring(first + 1, last), actions));
        }
      }
      grants.add(new Grant(subject, List.copyOf(requested), List.copyOf(access)));
      Instant now = Instant.now();
      String jwt = sign(subject, access, now);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("token", jwt);
      body.put("access_token", jwt);
      body.put("expires_in", LIFETIME_SECONDS);
      body.put("issued_at", now.toString());
      reply(exchange, 200, JSON.writeValueAsBytes(body));
    } catch (RuntimeException | GeneralSecurityException e) {
      reply(exchange, 500, error("UNKNOWN", e.toString()));
    }
  }

  private String sign(String subject, List<Access> access, Instant now)
      throws IOException, GeneralSecurityException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "ES256");
    header.put("x5c", List.of(x5c));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", service);
    claims.put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
    claims.put("nbf", now.getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("access", access);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(JSON.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(JSON.writeValueAsBytes(claims));
    // JWS ES256 wants the raw 64-byte r||s (IEEE P1363), not the DER the plain algorithm emits.
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initSign(key);
    es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(es256.sign());
  }

  private static String[] basic(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? null
        : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static byte[] error(String code, String message) throws IOException {
    return JSON.writeValueAsBytes(
        Map.of("errors", List.of(Map.of("code", code, "message", message))));
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
