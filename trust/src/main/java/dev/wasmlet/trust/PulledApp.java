package dev.wasmlet.trust;

import java.nio.file.Path;

/**
 * A pulled artifact laid out as an app directory that {@code Manifests.lock} and {@code wasmlet up}
 * run.
 *
 * @param reference what was pulled, pinned by its manifest digest
 * @param directory the app directory, holding its manifest file
 * @param plainModule whether the artifact was a single Wasm module for which a manifest was written
 */
public record PulledApp(Reference reference, String digest, Path directory, boolean plainModule) {}
