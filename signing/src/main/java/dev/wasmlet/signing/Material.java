package dev.wasmlet.signing;

/** A resolved dependency of a build: where it came from and its SHA-256 (hex, no prefix). */
public record Material(String uri, String sha256) {}
