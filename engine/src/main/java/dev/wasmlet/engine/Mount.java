package dev.wasmlet.engine;

import java.nio.file.Path;

/**
 * A host file or directory that a guest may read at {@code guestPath}. Mounts are copied into a
 * private in-memory file system when the component is prepared, so the guest can never reach the
 * host file system, follow a symlink out, or see a later change to the host files.
 */
public record Mount(Path hostPath, String guestPath) {
  public Mount {
    if (!guestPath.startsWith("/")) {
      throw new IllegalArgumentException("guest path must be absolute: " + guestPath);
    }
  }
}
