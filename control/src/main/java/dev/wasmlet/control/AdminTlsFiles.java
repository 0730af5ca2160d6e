package dev.wasmlet.control;

import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.SigningException;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the admin API's TLS files (a PEM certificate chain, leaf first, and its PKCS#8 PEM private
 * key) into Helidon's {@link Tls}; each unusable file is named with what to give instead.
 */
final class AdminTlsFiles {
  private AdminTlsFiles() {}

  static Tls load(ServerConfig.AdminTls files) {
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(files.certificateChain())) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) c);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new ControlException(
          "cannot use "
              + files.certificateChain()
              + " as the admin API's certificate chain ("
              + e.getMessage()
              + "); give PEM certificates, the server's first",
          e);
    }
    if (chain.isEmpty()) {
      throw new ControlException(
          files.certificateChain()
              + " holds no certificate; give PEM certificates, the server's first");
    }
    PrivateKey key;
    try {
      key = Keys.readPrivateKey(files.privateKey());
    } catch (SigningException e) {
      throw new ControlException(
          "cannot use " + files.privateKey() + " as the admin API's private key: " + e.getMessage(),
          e);
    }
    return Tls.builder().privateKey(key).privateKeyCertChain(chain).build();
  }
}
