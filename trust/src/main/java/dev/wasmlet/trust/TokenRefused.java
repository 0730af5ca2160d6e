package dev.wasmlet.trust;

import land.oras.exception.OrasException;

/** A token service refused; the message says which, whom and what to do. */
final class TokenRefused extends OrasException {
  private static final long serialVersionUID = 1L;

  TokenRefused(int status, String message) {
    super(status, message);
  }
}
