/** JMH benchmarks for the engine and the HTTP edge; see BENCHMARKS.md for how to run them. */
package dev.wasmlet.bench;
