package dev.wasmlet.client;

import java.nio.file.Path;

/**
 * One file of a packed app.
 *
 * @param path relative to the app directory, '/'-separated: its name in the deployment
 * @param source where its bytes are read from
 * @param digest {@code sha256:<hex>} of its bytes
 */
public record PackedFile(String path, Path source, String digest, long size) {}
