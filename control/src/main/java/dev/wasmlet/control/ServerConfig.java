package dev.wasmlet.control;

import dev.wasmlet.gateway.GatewayConfig;
import dev.wasmlet.signing.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a {@code wasmlet server} runs.
 *
 * @param dataDir where the state database, blobs, revisions, keys and the compile cache live
 * @param gateway the app listener and its client limits
 * @param adminHost address of the admin API listener (loopback by default)
 * @param adminPort its port; 0 picks a free one
 * @param maxUpload the largest blob one upload may carry
 * @param history revisions kept per app (those serving traffic are always kept)
 * @param probeInterval how often each active revision's health route is probed
 * @param probeFailures failed probes in a row that make a revision unhealthy
 * @param drainGrace how long a released revision's in-flight requests may take
 * @param secretKey the secrets key in base64, when given in the environment
 * @param policy the supply-chain policy every revision must pass before it is stored or served;
 *     empty checks nothing (local development)
 * @param adminTls the admin API's certificate chain and private key (PEM); empty serves plain HTTP,
 *     for a loopback listener
 * @param clusterToken a bearer token the admin API accepts besides its own tokens, read anew at
 *     every request: on Kubernetes, the executors' shared Secret, which the operator presents
 *     (never stored in the data directory, so rotating the Secret revokes the old value)
 */
public record ServerConfig(
    Path dataDir,
    GatewayConfig gateway,
    String adminHost,
    int adminPort,
    long maxUpload,
    int history,
    Duration probeInterval,
    int probeFailures,
    Duration drainGrace,
    Optional<String> secretKey,
    Optional<Policy> policy,
    Optional<AdminTls> adminTls,
    Supplier<Optional<String>> clusterToken) {

  /** PEM files for the admin API's TLS: a certificate chain and its PKCS#8 private key. */
  public record AdminTls(Path certificateChain, Path privateKey) {}

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults, changed one {@code withX} at a time. */
  public static final class Builder {
    private Path dataDir = Path.of("wasmlet-data");
    private GatewayConfig gateway = GatewayConfig.defaults().withListen("127.0.0.1", 8080);
    private String adminHost = "127.0.0.1";
    private int adminPort = 7070;
    private long maxUpload = 64L * 1024 * 1024;
    private int history = 10;
    private Duration probeInterval = Duration.ofSeconds(10);
    private int probeFailures = 3;
    private Duration drainGrace = Duration.ofSeconds(30);
    private Optional<String> secretKey = Optional.empty();
    private Optional<Policy> policy = Optional.empty();
    private Optional<AdminTls> adminTls = Optional.empty();
    private Supplier<Optional<String>> clusterToken = Optional::empty;

    private Builder() {}

    public Builder withDataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    public Builder withGateway(GatewayConfig config) {
      this.gateway = config;
      return this;
    }

    public Builder withListen(String host, int port) {
      this.gateway = gateway.withListen(host, port);
      return this;
    }

    public Builder withAdminListen(String host, int port) {
      this.adminHost = host;
      this.adminPort = port;
      return this;
    }

    public Builder withMaxUpload(long bytes) {
      this.maxUpload = bytes;
      return this;
    }

    public Builder withHistory(int revisions) {
      if (revisions < 1) {
        throw new IllegalArgumentException("history must keep at least 1 revision");
      }
      this.history = revisions;
      return this;
    }

    public Builder withProbeInterval(Duration interval) {
      this.probeInterval = interval;
      return this;
    }

    public Builder withProbeFailures(int failures) {
      this.probeFailures = failures;
      return this;
    }

    public Builder withDrainGrace(Duration grace) {
      this.drainGrace = grace;
      return this;
    }

    public Builder withSecretKey(Optional<String> base64) {
      this.secretKey = base64;
      return this;
    }

    public Builder withPolicy(Optional<Policy> p) {
      this.policy = p;
      return this;
    }

    public Builder withAdminTls(Optional<AdminTls> tls) {
      this.adminTls = tls;
      return this;
    }

    public Builder withClusterToken(Supplier<Optional<String>> token) {
      this.clusterToken = token;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          dataDir,
          gateway,
          adminHost,
          adminPort,
          maxUpload,
          history,
          probeInterval,
          probeFailures,
          drainGrace,
          secretKey,
          policy,
          adminTls,
          clusterToken);
    }
  }
}
