package dev.wasmlet.gateway;

/**
 * @param maxConcurrency guests of one app that may run at once
 * @param maxQueue requests of one app that may wait for a slot; more get 503 at once
 */
public record AdmissionLimits(int maxConcurrency, int maxQueue) {
  public AdmissionLimits {
    if (maxConcurrency < 1 || maxConcurrency > 10_000) {
      throw new IllegalArgumentException(
          "maxConcurrency must be between 1 and 10000, got " + maxConcurrency);
    }
    if (maxQueue < 0 || maxQueue > 100_000) {
      throw new IllegalArgumentException("maxQueue must be between 0 and 100000, got " + maxQueue);
    }
  }

  /**
   * Half the guest slots per app (so two hot apps cannot shut out a third for longer than one guest
   * run) and a queue of 16 waiters per running guest.
   */
  public static AdmissionLimits defaultsFor(int guestSlots) {
    int concurrency = Math.max(1, guestSlots / 2);
    return new AdmissionLimits(concurrency, 16 * concurrency);
  }
}
