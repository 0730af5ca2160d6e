package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our key files are standard: OpenSSL reads the encrypted PKCS#8 key and we read OpenSSL's. */
class OpensslKeysIT {
  @TempDir Path dir;

  @Test
  void opensslDecryptsOurPbes2Aes256PrivateKey() throws Exception {
    KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    Keys.writePrivateKey(dir.resolve("k.key"), pair.getPrivate(), "s3cret".toCharArray());

    ExternalProcess p =
        ExternalProcess.run(
            dir, "openssl", "pkey", "-in", "k.key", "-passin", "pass:s3cret", "-pubout");

    assertThat(p.exitCode()).as(p.stderr()).isZero();
    assertThat(p.stdout()).isEqualTo(Keys.publicKeyPem(pair.getPublic()));
  }

  @Test
  void weReadAnOpensslEncryptedEd25519Key() throws Exception {
    ExternalProcess gen =
        ExternalProcess.run(
            dir,
            "openssl",
            "genpkey",
            "-algorithm",
            "ed25519",
            "-aes-256-cbc",
            "-pass",
            "pass:pw",
            "-out",
            "o.key");
    assertThat(gen.exitCode()).as(gen.stderr()).isZero();
    ExternalProcess pub =
        ExternalProcess.run(
            dir, "openssl", "pkey", "-in", "o.key", "-passin", "pass:pw", "-pubout");
    Files.writeString(dir.resolve("o.pub"), pub.stdout());

    java.security.PrivateKey priv = Keys.readPrivateKey(dir.resolve("o.key"), "pw".toCharArray());
    java.security.PublicKey pubKey = Keys.readPublicKey(dir.resolve("o.pub"));
    DsseEnvelope env = Dsse.sign(Dsse.IN_TOTO, new byte[] {1, 2, 3}, priv, pubKey);

    assertThat(KeyAlgorithm.of(priv)).isEqualTo(KeyAlgorithm.ED25519);
    assertThat(Dsse.verify(env, pubKey)).isTrue();
  }
}
