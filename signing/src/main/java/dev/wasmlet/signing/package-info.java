/**
 * The cryptographic core of Wasmlet's supply-chain checks: {@link Keys}, DSSE envelopes ({@link
 * Dsse}), key-based Sigstore bundles ({@link SigstoreBundle}), in-toto statements and SLSA
 * provenance ({@link Statements}), and the fail-closed {@link Verifier} driven by a {@link Policy}.
 */
package dev.wasmlet.signing;
