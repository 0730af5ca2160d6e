package dev.wasmlet.trust;

import java.nio.file.Path;

/** A registry's credentials are kept by a credential helper, which Wasmlet does not run. */
public final class CredentialsKeptByHelper extends TrustException {
  private static final long serialVersionUID = 1L;

  CredentialsKeptByHelper(String registry, String helper, Path file) {
    super(
        "credentials for "
            + registry
            + " are kept by docker-credential-"
            + helper
            + " ("
            + file
            + "), which Wasmlet does not run; pass --username and --password-stdin",
        null);
  }
}
