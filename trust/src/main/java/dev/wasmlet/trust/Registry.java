package dev.wasmlet.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import land.oras.ContainerRef;
import land.oras.Index;
import land.oras.Manifest;
import land.oras.Referrers;
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

  /**
   * Puts a manifest by its digest, untagged (how attachments are stored).
   *
   * @return whether the registry said it indexed the manifest's {@code subject} (the {@code
   *     OCI-Subject} header of OCI 1.1); false for a manifest without one
   */
  public boolean pushManifestByDigest(String repository, byte[] json) {
    String digest = Sha256.of(json);
    Manifest m = Manifest.fromJson(new String(json, StandardCharsets.UTF_8));
    try {
      orasPush.pushManifest(ref(repository).withDigest(digest), m);
      return m.getSubject() != null;
    } catch (OrasException e) {
      if (String.valueOf(e.getMessage()).startsWith(ORAS_NO_SUBJECT_HEADER)) {
        // oras-java 0.7.0 throws after a successful PUT when the registry does not answer
        // OCI-Subject (no referrers API); the caller lists the manifest in the fallback index
        return false;
      }
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
   * The OCI 1.1 referrers of a digest as an image index (the registry lists the manifests whose
   * {@code subject} names it), or empty when the registry has no referrers API (it answers 404 or
   * another client error there, as distribution 2.8 does).
   */
  public Optional<byte[]> referrers(String repository, String digest) {
    try {
      Referrers r = oras.getReferrers(ref(repository).withDigest(digest), null);
      return Optional.of(r.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (OrasException e) {
      Integer status = e.getStatusCode();
      if (status != null && status >= 400 && status < 500 && status != 401 && status != 403) {
        return Optional.empty();
      }
      throw translate(e, "listing the referrers of " + repository + "@" + digest);
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

  private static final String ORAS_NO_SUBJECT_HEADER =
      "Subject was set on manifest but not OCI subject header was returned";

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
      if (t instanceof javax.net.ssl.SSLException ssl
          && RegistrySpeaksPlainHttp.shownBy(host, ssl)) {
        return new RegistrySpeaksPlainHttp(host, doing, e);
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
}
