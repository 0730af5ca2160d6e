package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import land.oras.ContainerRef;
import land.oras.auth.AuthProvider;
import land.oras.auth.AuthScheme;
import land.oras.exception.OrasException;

/**
 * Authenticates the SDK's requests as {@code docker login} does. It asks {@code /v2/} once how the
 * registry wants to be addressed: a {@code Basic} challenge gets the credentials as basic auth; a
 * {@code Bearer} challenge gets, per repository and set of actions, a token from the challenge's
 * realm (the token specification of distribution), asked for with the credentials (or without,
 * anonymously) and kept until shortly before it expires.
 *
 * <p>Why not the SDK's own token flow: in oras-java 0.7.0 (oras-project/oras-java#846) a token
 * refresh sends the bearer token it cached to the token service instead of the credentials, so the
 * second write of a push fails; and its token cache is one per process, keyed by registry and scope
 * but not by credentials, so a token fetched for one user answers another user's (or an anonymous)
 * request. Here tokens live in one {@link Registry} and its credentials. The SDK still answers a
 * 401 on its own by refreshing, with this token; a token service that wants basic credentials
 * refuses that, so the request fails as the registry said (one that granted it would put the token
 * in the SDK's process-wide cache again).
 */
final class Authenticator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final String ping;
  private final Optional<Credentials> credentials;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(30))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Map<String, Token> tokens = new HashMap<>();
  private Optional<Map<String, String>> bearer = Optional.empty();
  private boolean pinged;

  private record Token(String value, Instant renewAt) {}

  Authenticator(String ping, Optional<Credentials> credentials) {
    this.ping = ping;
    this.credentials = credentials;
  }

  AuthProvider forActions(String actions) {
    return new AuthProvider() {
      @Override
      public String getAuthHeader(ContainerRef ref) {
        return header(ref.getFullRepository(), actions);
      }

      @Override
      public AuthScheme getAuthScheme() {
        return AuthScheme.BEARER;
      }
    };
  }

  private synchronized String header(String repository, String actions) {
    if (!pinged) {
      bearer = challenge();
      pinged = true;
    }
    if (bearer.isEmpty()) {
      return credentials.map(Authenticator::basic).orElse(null);
    }
    String scope = "repository:" + repository + ":" + actions;
    Token token = tokens.get(scope);
    if (token == null || Instant.now().isAfter(token.renewAt())) {
      token = fetch(bearer.get(), scope);
      tokens.put(scope, token);
    }
    return "Bearer " + token.value();
  }

  /** {@code GET /v2/} authenticated; fails unless the registry answers 200. */
  synchronized void checkLogin() {
    bearer = challenge();
    pinged = true;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ping)).GET();
    Optional<String> header =
        bearer.isEmpty()
            ? credentials.map(Authenticator::basic)
            : Optional.of("Bearer " + fetch(bearer.get(), "").value());
    header.ifPresent(h -> request.header("Authorization", h));
    int status = send(request.build(), HttpResponse.BodyHandlers.discarding(), ping).statusCode();
    if (status != 200) {
      throw new OrasException(status, "/v2/ answered HTTP " + status);
    }
  }

  /** The parameters of the registry's {@code Bearer} challenge, if it makes one. */
  private Optional<Map<String, String>> challenge() {
    HttpResponse<Void> r =
        send(
            HttpRequest.newBuilder(URI.create(ping)).GET().build(),
            HttpResponse.BodyHandlers.discarding(),
            ping);
    String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
    if (r.statusCode() != 401 || !challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    Matcher m = PARAM.matcher(challenge.substring(7));
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    if (!params.containsKey("realm")) {
      throw new TokenRefused(401, "its bearer challenge names no token service (realm)");
    }
    return Optional.of(params);
  }

  private Token fetch(Map<String, String> challenge, String scope) {
    String realm = challenge.get("realm");
    URI uri;
    try {
      uri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new TokenRefused(401, "its token service \"" + realm + "\" is not a URL");
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
      throw new TokenRefused(
          401,
          "its token service "
              + realm
              + " is not HTTPS; credentials go over plain HTTP only to this machine");
    }
    StringBuilder query = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    if (challenge.containsKey("service")) {
      query
          .append("service=")
          .append(URLEncoder.encode(challenge.get("service"), StandardCharsets.UTF_8));
      query.append('&');
    }
    if (scope.isEmpty()) {
      query.setLength(query.length() - 1);
    } else {
      query.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(query.toString())).GET();
    credentials.ifPresent(c -> request.header("Authorization", basic(c)));
    HttpResponse<String> r = send(request.build(), HttpResponse.BodyHandlers.ofString(), realm);
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new TokenRefused(
          r.statusCode(),
          "its token service "
              + realm
              + " refused a token"
              + (scope.isEmpty() ? "" : " for " + scope)
              + " to "
              + credentials.map(c -> "user " + c.username()).orElse("an anonymous client")
              + " (HTTP "
              + r.statusCode()
              + "); "
              + (credentials.isPresent()
                  ? "check --username and --password-stdin"
                  : "give credentials with --username and --password-stdin"));
    }
    if (r.statusCode() != 200) {
      throw new OrasException(
          r.statusCode(), "its token service " + realm + " answered HTTP " + r.statusCode());
    }
    try {
      JsonNode body = JSON.readTree(r.body());
      String value = body.path("access_token").asText(body.path("token").asText(""));
      if (value.isEmpty()) {
        throw new OrasException("its token service " + realm + " answered no token");
      }
      long lifetime = Math.max(body.path("expires_in").asLong(60), 1);
      return new Token(value, Instant.now().plusSeconds(lifetime - Math.min(10, lifetime / 2)));
    } catch (IOException e) {
      throw new OrasException("its token service " + realm + " answered no JSON", e);
    }
  }

  private <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> body, String to) {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new OrasException("reaching " + to + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrasException("interrupted while reaching " + to, e);
    }
  }

  private static String basic(Credentials c) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }
}
