package dev.wasmlet.trust;

import java.nio.file.Path;

/**
 * One file of an app as a layer: its path in the app directory, where it is on disk, and its blob.
 *
 * @param path relative to the app directory, with {@code /} separators
 */
public record ArtifactFile(String path, Path source, Blob blob) {}
