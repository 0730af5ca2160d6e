package dev.wasmlet.app;

import java.nio.file.Path;

/**
 * A host file or directory the guest sees, read-only, at {@code guestPath}.
 *
 * @param hostPath absolute, normalized, symlinks resolved, inside the app directory
 * @param guestPath absolute path in the guest, e.g. {@code /public}
 */
public record FileMount(Path hostPath, String guestPath, boolean isDirectory) {}
