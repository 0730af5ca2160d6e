package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DsseTest {
  private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void paeFollowsTheDsseSpecExample() {
    // The DSSE protocol.md test vector: type "http://example.com/HelloWorld", body "hello world".
    assertThat(
            new String(
                Dsse.pae(
                    "http://example.com/HelloWorld",
                    "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsBytesNotCharacters() {
    assertThat(
            new String(Dsse.pae("t", "é".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 1 t 2 é");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void signedEnvelopeVerifiesWithItsKeyAndSurvivesJson(KeyAlgorithm algorithm) {
    KeyPair pair = Keys.generate(algorithm);
    DsseEnvelope env = Dsse.sign(Dsse.IN_TOTO, BODY, pair.getPrivate(), pair.getPublic());
    DsseEnvelope back = DsseEnvelope.fromJson(env.toJson());

    assertThat(Dsse.verify(back, pair.getPublic())).isTrue();
    assertThat(back.signatures().get(0).keyid()).isEqualTo(Keys.keyId(pair.getPublic()));
    assertThat(back).isEqualTo(env);
  }

  @Test
  void ecdsaSignatureIsAsn1Der() {
    KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    byte[] sig =
        Dsse.sign(Dsse.IN_TOTO, BODY, pair.getPrivate(), pair.getPublic())
            .signatures()
            .get(0)
            .sig();

    assertThat(sig[0]).isEqualTo((byte) 0x30); // DER SEQUENCE
    assertThat(sig[1] & 0xff).isEqualTo(sig.length - 2);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void tamperedPayloadDoesNotVerify(KeyAlgorithm algorithm) {
    KeyPair pair = Keys.generate(algorithm);
    DsseEnvelope env = Dsse.sign(Dsse.IN_TOTO, BODY, pair.getPrivate(), pair.getPublic());
    byte[] tampered = env.payload();
    tampered[2] ^= 1;

    assertThat(
            Dsse.verify(
                new DsseEnvelope(tampered, env.payloadType(), env.signatures()), pair.getPublic()))
        .isFalse();
    assertThat(
            Dsse.verify(
                new DsseEnvelope(env.payload(), "text/plain", env.signatures()), pair.getPublic()))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void signatureDoesNotVerifyWithAnotherKey(KeyAlgorithm algorithm) {
    KeyPair pair = Keys.generate(algorithm);
    DsseEnvelope env = Dsse.sign(Dsse.IN_TOTO, BODY, pair.getPrivate(), pair.getPublic());

    assertThat(Dsse.verify(env, Keys.generate(algorithm).getPublic())).isFalse();
  }

  @Test
  void garbageSignatureBytesDoNotVerify() {
    KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    DsseEnvelope env =
        new DsseEnvelope(
            BODY, Dsse.IN_TOTO, List.of(new DsseEnvelope.Signature("", new byte[] {1, 2, 3})));

    assertThat(Dsse.verify(env, pair.getPublic())).isFalse();
  }
}
