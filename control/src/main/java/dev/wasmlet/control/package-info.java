/**
 * The {@code wasmlet server} control plane: the embedded store, blobs, revisions, rollouts, health
 * probes, secrets, metrics and the admin REST API.
 */
package dev.wasmlet.control;
