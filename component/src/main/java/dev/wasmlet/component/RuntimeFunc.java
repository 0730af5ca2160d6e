package dev.wasmlet.component;

/** A component-level function: imported from the host, or lifted from a guest core function. */
sealed interface RuntimeFunc {
  CType.Func type();

  /** A host function bound to an import, named for messages. */
  record Host(String name, CType.Func type, HostFunc func) implements RuntimeFunc {}

  /** {@code canon lift}: a core function with its options resolved to the instance's items. */
  record Lifted(CType.Func type, CoreFunc core, Canon canon, CoreFunc postReturn)
      implements RuntimeFunc {}
}
