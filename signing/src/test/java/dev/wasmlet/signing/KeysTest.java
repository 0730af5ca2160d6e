package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void unencryptedKeyPairRoundTripsThroughPemFilesWithPrivateKeyAt0600(KeyAlgorithm algorithm)
      throws Exception {
    KeyPair pair = Keys.generate(algorithm);
    Keys.writePrivateKey(dir.resolve("k.key"), pair.getPrivate());
    Keys.writePublicKey(dir.resolve("k.pub"), pair.getPublic());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("k.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(dir.resolve("k.pub"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
    PrivateKey priv = Keys.readPrivateKey(dir.resolve("k.key"));
    PublicKey pub = Keys.readPublicKey(dir.resolve("k.pub"));
    assertThat(priv.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(pub.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(KeyAlgorithm.of(pub)).isEqualTo(algorithm);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void encryptedPrivateKeyRoundTripsWithItsPassphrase(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = Keys.generate(algorithm);
    Path file = dir.resolve("k.key");
    Keys.writePrivateKey(file, pair.getPrivate(), "correct horse".toCharArray());

    assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Keys.readPrivateKey(file, "correct horse".toCharArray()).getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void wrongPassphraseIsAClearError() {
    Path file = dir.resolve("k.key");
    Keys.writePrivateKey(
        file, Keys.generate(KeyAlgorithm.ECDSA_P256).getPrivate(), "right".toCharArray());

    assertThatThrownBy(() -> Keys.readPrivateKey(file, "wrong".toCharArray()))
        .isInstanceOf(KeyUnreadable.class)
        .hasMessage(file + ": wrong passphrase for the encrypted private key");
    assertThatThrownBy(() -> Keys.readPrivateKey(file))
        .isInstanceOf(KeyUnreadable.class)
        .hasMessage(file + ": the private key is encrypted; give its passphrase");
  }

  @Test
  void encryptedKeyUsesPbes2WithAes256() throws Exception {
    String pem =
        Keys.privateKeyPem(Keys.generate(KeyAlgorithm.ECDSA_P256).getPrivate(), "p".toCharArray());
    byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    javax.crypto.EncryptedPrivateKeyInfo info = new javax.crypto.EncryptedPrivateKeyInfo(der);

    String hex = HexFormat.of().formatHex(der);
    assertThat(hex)
        .as("PBES2 OID 1.2.840.113549.1.5.13")
        .contains("06092a864886f70d01050d")
        .as("PBKDF2 OID 1.2.840.113549.1.5.12")
        .contains("06092a864886f70d01050c")
        .as("AES-256-CBC OID 2.16.840.1.101.3.4.1.42")
        .contains("060960864801650304012a");
    assertThat(info.getAlgParameters().toString()).isEqualTo("PBEWithHmacSHA256AndAES_256");
  }

  @Test
  void privateKeyFileIsNeverOverwritten() {
    Path file = dir.resolve("k.key");
    Keys.writePrivateKey(file, Keys.generate(KeyAlgorithm.ED25519).getPrivate());

    assertThatThrownBy(
            () -> Keys.writePrivateKey(file, Keys.generate(KeyAlgorithm.ED25519).getPrivate()))
        .isInstanceOf(SigningException.class)
        .hasMessage("private key " + file + " already exists; remove it or choose another path");
  }

  @Test
  void keyIdIsHexSha256OfSpkiDer() throws Exception {
    PublicKey pub = Keys.generate(KeyAlgorithm.ECDSA_P256).getPublic();

    assertThat(Keys.keyId(pub))
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pub.getEncoded())))
        .hasSize(64);
  }

  @Test
  void notAPemFileIsNamedInTheError() throws Exception {
    Path file = dir.resolve("junk.pub");
    Files.writeString(file, "hello");

    assertThatThrownBy(() -> Keys.readPublicKey(file))
        .isInstanceOf(KeyUnreadable.class)
        .hasMessage(file + ": not a PEM file (no -----BEGIN ...----- block)");
  }
}
