package dev.wasmlet.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust for an admin API with a private certificate: the PEM certificates of a file (a
 * private CA, or the server's own self-signed certificate), and nothing else. Host names are still
 * checked against the certificate.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  static SSLContext context(Path pem) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigInvalid(
          "WASMLET_CACERT " + pem + " cannot be read as PEM certificates: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new ConfigInvalid("WASMLET_CACERT " + pem + " holds no certificate");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        trusted.setCertificateEntry("wasmlet-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JDK's TLS cannot trust " + pem, e);
    }
  }
}
