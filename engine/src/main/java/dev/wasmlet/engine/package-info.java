/**
 * The Wasmlet engine: loads, validates, compiles and caches Wasm modules, and runs each request in
 * a fresh instance under per-component limits. The WAGI executor lives here.
 */
package dev.wasmlet.engine;
