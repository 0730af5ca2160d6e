package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What cosign v2.6.5 itself wrote for a key from openssl (see {@code cosign/README.md}): its legacy
 * simple-signing signature and its {@code --new-bundle-format} bundle both verify, with the key
 * found by cosign's base64 hint or by trying.
 */
class CosignFixturesTest {
  private static final Path DIR = Path.of("src/test/resources/cosign");
  private static final String IMAGE =
      "sha256:68398a15f5f5221eeea98e2969d6af9bf63f7d1f1b591b279c35a516a8b31bc0";

  private static Policy policy() {
    return new Policy(
        List.of(TrustedKey.of(Keys.readPublicKey(DIR.resolve("openssl.pub")), "openssl.pub")),
        false,
        List.of(),
        List.of(),
        List.of("127.0.0.1:*"),
        false);
  }

  @Test
  void cosignsLegacySignatureVerifies() throws Exception {
    CosignSignature sig =
        new CosignSignature(
            Files.readAllBytes(DIR.resolve("simplesigning-payload.json")),
            Base64.getDecoder().decode(Files.readString(DIR.resolve("simplesigning-payload.sig"))));

    Verdict v =
        new Verifier(policy())
            .verify(Evidence.of(IMAGE).withRegistry("127.0.0.1:5799").withCosignSignature(sig));

    assertThat(v.passed()).as(v.report()).isTrue();
    assertThat(v.report()).contains("PASS subject-matches: cosign signature covers the artifact");
  }

  @Test
  void cosignsSignV1BundleVerifiesWithItsBase64HintNamingTheKey() throws Exception {
    Verdict v =
        new Verifier(policy())
            .verify(
                Evidence.of(IMAGE)
                    .withRegistry("127.0.0.1:5799")
                    .withSignatureBundle(Files.readAllBytes(DIR.resolve("sign-v1-bundle.json"))));

    assertThat(v.passed()).as(v.report()).isTrue();
    assertThat(v.report()).contains("(openssl.pub)\n").doesNotContain("found by trying");
  }
}
