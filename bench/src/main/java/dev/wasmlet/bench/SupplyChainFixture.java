package dev.wasmlet.bench;

import dev.wasmlet.signing.Dsse;
import dev.wasmlet.signing.GitSource;
import dev.wasmlet.signing.KeyAlgorithm;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.Provenance;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.signing.Statement;
import dev.wasmlet.signing.Statements;
import dev.wasmlet.signing.Subject;
import dev.wasmlet.signing.TrustedKey;
import dev.wasmlet.trust.AppArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Random;

/**
 * The app of the supply-chain benchmarks (the json-api module, 74 KB, and 16 × 64 KiB of files),
 * packed as {@code wasmlet push} packs it, with a signature and a provenance bundle by one key and
 * a policy that requires both.
 */
final class SupplyChainFixture {
  static final String BUILDER = "https://ci.acme.example/runner";
  static final String REFERENCE = "127.0.0.1:5000/bench/app:1";

  final Path dir;
  final AppArtifact artifact;
  final byte[] signature;
  final byte[] provenance;
  final Policy policy;
  private final KeyPair key;
  private final Provenance provenanceFacts;

  /**
   * A signature and a provenance bundle signed anew (ECDSA signatures are randomized, so each pair
   * differs): a new artifact as far as the server's checks can tell.
   */
  byte[][] freshBundles() {
    String digest = artifact.digest();
    return new byte[][] {
      sign(Statements.signature("bench/app", digest), key),
      sign(
          Statements.provenance(List.of(Subject.ofDigest("bench/app", digest)), provenanceFacts),
          key)
    };
  }

  SupplyChainFixture(Path root, Path work) throws IOException {
    dir = work.resolve("app");
    Files.createDirectories(dir.resolve("public"));
    Files.copy(root.resolve("examples/json-api-rust/json-api.wasm"), dir.resolve("app.wasm"));
    Random random = new Random(42);
    for (int i = 1; i <= 16; i++) {
      byte[] b = new byte[64 * 1024];
      random.nextBytes(b);
      Files.write(dir.resolve("public/f" + i + ".bin"), b);
    }
    Files.writeString(
        dir.resolve("wasmlet.toml"),
        """
        wasmlet_manifest_version = 1
        [application]
        name = "bench"
        [[trigger.http]]
        route = "/api/..."
        component = "api"
        executor = { type = "wagi" }
        [component.api]
        source = "app.wasm"
        files = [{ source = "public", destination = "/public" }]
        """);
    artifact = AppArtifact.pack(dir);
    key = Keys.generate(KeyAlgorithm.ECDSA_P256);
    String digest = artifact.digest();
    signature = sign(Statements.signature("bench/app", digest), key);
    provenanceFacts =
        Provenance.builder()
            .withBuilderId(BUILDER)
            .withSource(
                new GitSource(
                    "https://git.example/acme/bench.git",
                    "0123456789abcdef0123456789abcdef01234567"))
            .withBuildCommand("wasmlet push app " + REFERENCE + " --key ci.key")
            .build();
    provenance =
        sign(
            Statements.provenance(List.of(Subject.ofDigest("bench/app", digest)), provenanceFacts),
            key);
    policy =
        new Policy(
            List.of(TrustedKey.of(key.getPublic(), "ci.pub")),
            true,
            List.of(BUILDER),
            List.of("https://git.example/acme/*"),
            List.of("127.0.0.1:*"),
            false);
  }

  private static byte[] sign(Statement s, KeyPair key) {
    return SigstoreBundle.sign(Dsse.IN_TOTO, s.toJson(), key.getPrivate(), key.getPublic())
        .toJson();
  }
}
