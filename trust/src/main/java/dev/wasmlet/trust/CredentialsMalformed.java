package dev.wasmlet.trust;

import java.nio.file.Path;

/**
 * A registry credentials file that cannot be used as written; the message never quotes a secret.
 */
public final class CredentialsMalformed extends TrustException {
  private static final long serialVersionUID = 1L;

  CredentialsMalformed(Path file, String what) {
    super(
        "registry credentials file "
            + file
            + ": "
            + what
            + "; fix it, or log in again (wasmlet login, docker login)",
        null);
  }
}
