/**
 * Test fixtures shared by several modules' tests: a real OCI registry and token server, an admin
 * API client, the test apps built from the examples, the SLSA provenance schema, and the external
 * tools they need.
 */
package dev.wasmlet.testing;
