package dev.wasmlet.signing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the golden fixtures under {@code src/test/resources}: test keys, a good signature and
 * provenance, and one directory per bad case. Run from {@code signing/} when the format changes:
 * {@code java -cp target/classes:target/test-classes:$(deps) dev.wasmlet.signing.BadFixtures};
 * {@link GoldenFixturesTest} then fixes each case's exact message in its {@code expected.err}.
 */
public final class BadFixtures {
  /** The artifact every fixture is about. */
  public static final String ARTIFACT = "sha256:" + "1a".repeat(32);

  public static final String OTHER = "sha256:" + "2b".repeat(32);
  public static final String NAME = "127.0.0.1:5000/acme/app";
  public static final String BUILDER = "https://ci.wasmlet.dev/runner/v1";
  public static final String SOURCE = "https://git.example/acme/app.git";

  private BadFixtures() {}

  public static void main(String[] args) throws Exception {
    Path res = Path.of("src/test/resources");
    Path keys = res.resolve("keys");
    Files.createDirectories(keys);
    KeyPair trusted = keyPair(keys, "trusted");
    KeyPair other = keyPair(keys, "other");
    PrivateKey tk = trusted.getPrivate();
    PublicKey tp = trusted.getPublic();

    Path good = res.resolve("good");
    write(good, "signature.json", signature(ARTIFACT, tk, tp));
    write(good, "provenance.json", provenance(ARTIFACT, BUILDER, SOURCE, tk, tp));

    Path bad = res.resolve("bad");
    byte[] goodSig = signature(ARTIFACT, tk, tp);
    byte[] goodProv = provenance(ARTIFACT, BUILDER, SOURCE, tk, tp);

    SigstoreBundle sig = SigstoreBundle.parse(goodSig);
    byte[] tampered =
        new String(sig.envelope().payload(), StandardCharsets.UTF_8)
            .replace("1a1a1a", "1a1a1b")
            .getBytes(StandardCharsets.UTF_8);
    write(
        bad.resolve("tampered-payload"),
        "signature.json",
        new SigstoreBundle(
                sig.keyHint(),
                new DsseEnvelope(
                    tampered, sig.envelope().payloadType(), sig.envelope().signatures()))
            .toJson());
    write(
        bad.resolve("wrong-key"),
        "signature.json",
        signature(ARTIFACT, other.getPrivate(), other.getPublic()));
    write(bad.resolve("signature-over-another-digest"), "signature.json", signature(OTHER, tk, tp));
    write(bad.resolve("provenance-for-another-subject"), "signature.json", goodSig);
    write(
        bad.resolve("provenance-for-another-subject"),
        "provenance.json",
        provenance(OTHER, BUILDER, SOURCE, tk, tp));
    write(bad.resolve("untrusted-builder"), "signature.json", goodSig);
    write(
        bad.resolve("untrusted-builder"),
        "provenance.json",
        provenance(ARTIFACT, "https://laptop.example/builder", SOURCE, tk, tp));
    write(bad.resolve("untrusted-source"), "signature.json", goodSig);
    write(
        bad.resolve("untrusted-source"),
        "provenance.json",
        provenance(ARTIFACT, BUILDER, "https://git.example/mallory/app.git", tk, tp));
    write(
        bad.resolve("truncated-bundle"),
        "signature.json",
        Arrays.copyOf(goodSig, goodSig.length / 2));
    write(
        bad.resolve("unknown-media-type"),
        "signature.json",
        new String(goodSig, StandardCharsets.UTF_8)
            .replace("bundle.v0.3+json", "bundle.v0.9+json")
            .getBytes(StandardCharsets.UTF_8));
    write(bad.resolve("provenance-missing"), "signature.json", goodSig);
    write(bad.resolve("signature-missing"), "provenance.json", goodProv);
  }

  static byte[] signature(String digest, PrivateKey key, PublicKey pub) {
    return SigstoreBundle.sign(Dsse.IN_TOTO, Statements.signature(NAME, digest).toJson(), key, pub)
        .toJson();
  }

  static byte[] provenance(
      String digest, String builder, String source, PrivateKey key, PublicKey pub) {
    Provenance p =
        Provenance.builder()
            .withBuilderId(builder)
            .withSource(new GitSource(source, "0f".repeat(20)))
            .withBuildCommand("wasmlet push . " + NAME + ":1")
            .withMaterial("file:app.wasm", "3c".repeat(32))
            .withInvocationId("fixture")
            .withStartedOn(Instant.parse("2026-01-01T00:00:00Z"))
            .withFinishedOn(Instant.parse("2026-01-01T00:00:01Z"))
            .build();
    return SigstoreBundle.sign(
            Dsse.IN_TOTO,
            Statements.provenance(List.of(Subject.ofDigest(NAME, digest)), p).toJson(),
            key,
            pub)
        .toJson();
  }

  private static KeyPair keyPair(Path dir, String name) {
    Path priv = dir.resolve(name + ".key");
    Path pub = dir.resolve(name + ".pub");
    if (!Files.exists(priv)) {
      KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
      Keys.writePrivateKey(priv, pair.getPrivate());
      Keys.writePublicKey(pub, pair.getPublic());
    }
    return new KeyPair(Keys.readPublicKey(pub), Keys.readPrivateKey(priv));
  }

  private static void write(Path dir, String file, byte[] bytes) throws Exception {
    Files.createDirectories(dir);
    Files.write(dir.resolve(file), bytes);
  }
}
