/**
 * The application manifest ({@code wasmlet.toml}, or a Spin {@code spin.toml}) as the user wrote
 * it, its validation, and the immutable, digest-pinned locked revision that Wasmlet actually runs.
 */
package dev.wasmlet.app;
