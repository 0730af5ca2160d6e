package dev.wasmlet.control;

import dev.wasmlet.gateway.ServedRevision;

/** A stored revision and its loaded, servable form. */
record LoadedRevision(Revision record, ServedRevision served) {
  int number() {
    return record.number();
  }
}
