package dev.wasmlet.component;

/**
 * A variant or result value: the case index (for results 0 is ok, 1 is error) and its payload, null
 * when the case has none.
 */
public record WitVariant(int caseIndex, Object payload) {
  public static WitVariant ok(Object value) {
    return new WitVariant(0, value);
  }

  public static WitVariant err(Object value) {
    return new WitVariant(1, value);
  }
}
