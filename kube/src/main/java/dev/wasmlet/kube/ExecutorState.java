package dev.wasmlet.kube;

/**
 * Where one executor stands with one app.
 *
 * @param executor the executor's name
 * @param phase ready (serving the desired revision, healthy), progressing, or failed
 * @param message what the executor said, for the WasmApp's conditions
 */
record ExecutorState(String executor, Phase phase, String message) {
  enum Phase {
    READY,
    PROGRESSING,
    FAILED
  }
}
