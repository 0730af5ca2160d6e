package dev.wasmlet.cli;

/**
 * Sizes the JVM's virtual-thread scheduler before any virtual thread exists. Requests run on
 * virtual threads, and a guest is CPU-bound and never yields, so a running guest holds its carrier
 * thread. The default of one carrier per core would let as many busy guests as cores stall every
 * other request of every app; with one carrier per guest slot plus one per core (guests are bounded
 * by the slots), routing, I/O and the other apps always find a free carrier, and the OS shares the
 * cores among the carriers preemptively.
 */
final class CarrierThreads {
  static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

  private CarrierThreads() {}

  static void configure() {
    if (System.getProperty(PARALLELISM) == null) {
      int cores = Runtime.getRuntime().availableProcessors();
      // guest slots default to one per core (GatewayConfig)
      System.setProperty(PARALLELISM, Integer.toString(carriersFor(cores, cores)));
    }
  }

  /**
   * A warning when more guest slots were asked for than the carriers can hold with one per core to
   * spare (the scheduler is sized at start, before the options are read).
   */
  static java.util.Optional<String> warning(int guestSlots) {
    int carriers = Integer.getInteger(PARALLELISM, 0);
    int cores = Runtime.getRuntime().availableProcessors();
    if (carriers > 0 && guestSlots + cores > carriers) {
      return java.util.Optional.of(
          "warning: "
              + guestSlots
              + " guest slots with "
              + carriers
              + " carrier threads: busy guests can delay other requests; start the JVM with -D"
              + PARALLELISM
              + "="
              + carriersFor(guestSlots, cores));
    }
    return java.util.Optional.empty();
  }

  /** Carriers needed so that {@code guestSlots} busy guests leave one carrier per core free. */
  static int carriersFor(int guestSlots, int cores) {
    return guestSlots + cores;
  }
}
