package dev.wasmlet.trust;

/** A manifest's bytes as the registry sent them, checked against {@code digest}. */
public record FetchedManifest(String digest, byte[] json) {}
