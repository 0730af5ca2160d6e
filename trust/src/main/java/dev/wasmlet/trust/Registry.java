package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import land.oras.ContainerRef;
import land.oras.Index;
import land.oras.Manifest;
import land.oras.auth.AuthProvider;
import land.oras.auth.AuthScheme;
import land.oras.exception.OrasException;

/**
 * One OCI registry, reached through the ORAS Java SDK. HTTPS by default; plain HTTP only when asked
 * for and only for a registry on this machine. Credentials go as basic auth, or are exchanged for a
 * bearer token when the registry's challenge names a token service; that exchange is done here (see
 * {@link Authenticator}), not by the SDK. Every failure becomes a {@link TrustException} naming the
 * registry and what to do.
 */
public final class Registry {
  private final String host;
  private final boolean insecure;
  private final land.oras.Registry oras;
  private final land.oras.Registry orasPush;
  private final Authenticator auth;

  private Registry(
      String host,
      boolean insecure,
      land.oras.Registry oras,
      land.oras.Registry orasPush,
      Authenticator auth) {
    this.host = host;
    this.insecure = insecure;
    this.oras = oras;
    this.orasPush = orasPush;
    this.auth = auth;
  }

  /** A registry for the host of {@code ref}, anonymous and over HTTPS until told otherwise. */
  public static Builder builder(Reference ref) {
    return new Builder(ref);
  }

  /** Configures a {@link Registry}. */
  public static final class Builder {
    private final Reference ref;
    private Optional<Credentials> credentials = Optional.empty();
    private boolean insecure;

    private Builder(Reference ref) {
      this.ref = ref;
    }

    public Builder withCredentials(Credentials c) {
      this.credentials = Optional.of(c);
      return this;
    }

    /** Plain HTTP; refused by {@link #build} unless the registry is on this machine. */
    public Builder withInsecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /**
     * @throws InsecureRefused when plain HTTP is asked for (here or in registries.conf) for a
     *     registry that is not on this machine
     */
    public Registry build() {
      if (insecure && !ref.isLoopback()) {
        throw new InsecureRefused(
            "registry "
                + ref.registry()
                + ": plain HTTP (--insecure) is allowed only for a registry on this machine"
                + " (localhost, 127.0.0.1, ::1); serve it over HTTPS",
            null);
      }
      ContainerRef probe = ContainerRef.parse(ref.registry() + "/" + ref.repository() + ":x");
      land.oras.Registry plain =
          land.oras.Registry.builder().withRegistry(ref.registry()).withInsecure(insecure).build();
      boolean insecureByConf = probe.isInsecure(plain);
      if (!insecure && !ref.isLoopback() && insecureByConf) {
        throw new InsecureRefused(
            "registry "
                + ref.registry()
                + " is marked insecure in containers' registries.conf, but Wasmlet allows plain"
                + " HTTP only for a registry on this machine; remove insecure = true for it",
            null);
      }
      String scheme = insecure || insecureByConf ? "http" : "https";
      Authenticator auth =
          new Authenticator(scheme + "://" + probe.getApiRegistry(plain) + "/v2/", credentials);
      land.oras.Registry oras =
          land.oras.Registry.builder()
              .withRegistry(ref.registry())
              .withInsecure(insecure)
              .withAuthProvider(auth.forActions("pull"))
              .build();
      land.oras.Registry orasPush =
          land.oras.Registry.builder()
              .withRegistry(ref.registry())
              .withInsecure(insecure)
              .withAuthProvider(auth.forActions("pull,push"))
              .build();
      return new Registry(ref.registry(), insecure, oras, orasPush, auth);
    }
  }

  /**
   * Checks the credentials as {@code docker login} does: {@code GET /v2/} with them as basic auth,
   * or with a token the registry's token service grants them (for no repository).
   *
   * @throws RegistryAuthFailed when the registry or its token service refuses them
   */
  public void checkLogin() {
    try {
      auth.checkLogin();
    } catch (OrasException e) {
      throw translate(e, "the login");
    }
  }

  /** Whether the registry has a blob in a repository. */
  public boolean hasBlob(String repository, String digest) {
    try {
      oras.fetchBlobDescriptor(ref(repository).withDigest(digest));
      return true;
    } catch (OrasException e) {
      if (Integer.valueOf(404).equals(e.getStatusCode())) {
        return false;
      }
      throw translate(e, "checking blob " + digest + " in " + repository);
    }
  }

  /** Uploads a blob (the caller has checked it is missing). */
  public void pushBlob(String repository, Blob blob, Supplier<InputStream> content) {
    try {
      orasPush.pushBlob(ref(repository).withDigest(blob.digest()), blob.size(), content, Map.of());
    } catch (OrasException e) {
      throw translate(e, "pushing blob " + blob.digest() + " to " + repository);
    }
  }

  /** Puts a manifest under a tag; returns its digest. */
  public String pushManifest(String repository, String tag, byte[] json) {
    try {
      orasPush.pushManifest(
          ref(repository).withTag(tag),
          Manifest.fromJson(new String(json, StandardCharsets.UTF_8)));
      return Sha256.of(json);
    } catch (OrasException e) {
      throw translate(e, "pushing the manifest of " + repository + ":" + tag);
    }
  }

  /** Puts a manifest by its digest, untagged (how attachments are stored). */
  public void pushManifestByDigest(String repository, byte[] json) {
    String digest = Sha256.of(json);
    try {
      orasPush.pushManifest(
          ref(repository).withDigest(digest),
          Manifest.fromJson(new String(json, StandardCharsets.UTF_8)));
    } catch (OrasException e) {
      throw translate(e, "pushing manifest " + digest + " to " + repository);
    }
  }

  /** The registry's host (and port). */
  public String host() {
    return host;
  }

  /** Puts an image index under a tag (the referrers tag-fallback scheme). */
  public void pushIndex(String repository, String tag, byte[] json) {
    try {
      orasPush.pushIndex(
          ref(repository).withTag(tag), Index.fromJson(new String(json, StandardCharsets.UTF_8)));
    } catch (OrasException e) {
      throw translate(e, "pushing the index " + repository + ":" + tag);
    }
  }

  /** The image index under a tag, if there is one. */
  public java.util.Optional<byte[]> fetchIndex(String repository, String tag) {
    try {
      Index i = oras.getIndex(ref(repository).withTag(tag));
      return java.util.Optional.of(i.getJson().getBytes(StandardCharsets.UTF_8));
    } catch (OrasException e) {
      if (Integer.valueOf(404).equals(e.getStatusCode())) {
        return java.util.Optional.empty();
      }
      throw translate(e, "fetching the index " + repository + ":" + tag);
    }
  }

  /**
   * Fetches a manifest and checks its bytes against the digest the registry (or the reference)
   * names.
   *
   * @throws DigestMismatch when they differ
   */
  public FetchedManifest fetchManifest(Reference r) {
    Manifest m;
    try {
      ContainerRef base = ref(r.repository());
      m =
          oras.getManifest(
              r.digest().isPresent()
                  ? base.withDigest(r.digest().get())
                  : base.withTag(r.tag().orElseThrow()));
    } catch (OrasException e) {
      throw translate(e, "fetching the manifest of " + r);
    }
    byte[] json = m.getJson().getBytes(StandardCharsets.UTF_8);
    String actual = Sha256.of(json);
    String named = r.digest().orElse(m.getDescriptor().getDigest());
    if (named != null && !named.equals(actual)) {
      throw new DigestMismatch(
          "the manifest of " + r, named, actual, "the registry sent another manifest than asked");
    }
    return new FetchedManifest(actual, json);
  }

  /** Streams a blob; the caller checks its digest. */
  public InputStream fetchBlob(String repository, String digest) {
    try {
      return oras.fetchBlob(ref(repository).withDigest(digest));
    } catch (OrasException e) {
      throw translate(e, "fetching blob " + digest + " from " + repository);
    }
  }

  private ContainerRef ref(String repository) {
    return ContainerRef.parse(host + "/" + repository);
  }

  private TrustException translate(OrasException e, String doing) {
    Integer status = e.getStatusCode();
    String where = "registry " + host + (insecure ? " (plain HTTP)" : "");
    if (e instanceof TokenRefused t) {
      return new RegistryAuthFailed(where + " refused " + doing + ": " + t.getMessage(), e);
    }
    if (Integer.valueOf(401).equals(status) || Integer.valueOf(403).equals(status)) {
      return new RegistryAuthFailed(
          where
              + " refused "
              + doing
              + " (HTTP "
              + status
              + "); give credentials with --username and --password-stdin, or check them",
          e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return new RegistryUnreachable(
            where + " did not answer while " + doing + "; check the address and that it is running",
            e);
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return new RegistryUnreachable(
            where
                + ": TLS failed while "
                + doing
                + " ("
                + t.getMessage()
                + "); for a plain-HTTP registry on this machine add --insecure",
            e);
      }
      if (t instanceof IOException && t != e) {
        return new RegistryUnreachable(where + " failed while " + doing + ": " + t.getMessage(), e);
      }
    }
    return new RegistryFailed(
        where
            + " failed "
            + doing
            + (status == null || status < 0 ? "" : " (HTTP " + status + ")")
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * Authenticates the SDK's requests as {@code docker login} does. It asks {@code /v2/} once how
   * the registry wants to be addressed: a {@code Basic} challenge gets the credentials as basic
   * auth; a {@code Bearer} challenge gets, per repository and set of actions, a token from the
   * challenge's realm (the token specification of distribution), asked for with the credentials (or
   * without, anonymously) and kept until shortly before it expires.
   *
   * <p>Why not the SDK's own token flow: in oras-java 0.7.0 (oras-project/oras-java#846) a token
   * refresh sends the bearer token it cached to the token service instead of the credentials, so
   * the second write of a push fails; and its token cache is one per process, keyed by registry and
   * scope but not by credentials, so a token fetched for one user answers another user's (or an
   * anonymous) request. Here tokens live in one {@link Registry} and its credentials. The SDK still
   * answers a 401 on its own by refreshing, with this token; a token service that wants basic
   * credentials refuses that, so the request fails as the registry said (one that granted it would
   * put the token in the SDK's process-wide cache again).
   */
  private static final class Authenticator {
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
      boolean loopback =
          host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
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

  /** A token service refused; the message says which, whom and what to do. */
  private static final class TokenRefused extends OrasException {
    private static final long serialVersionUID = 1L;

    TokenRefused(int status, String message) {
      super(status, message);
    }
  }
}
