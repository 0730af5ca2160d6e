/**
 * Spin's platform interfaces on Wasmlet's component host: variables, key-value and SQLite over
 * embedded SQLite databases, one per app and label, and the outbound database, messaging and LLM
 * interfaces linked with the errors Spin gives when they are not allowed or not configured.
 */
package dev.wasmlet.spin;
