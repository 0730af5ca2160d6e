package dev.wasmlet.engine;

/**
 * A deadline armed for the current thread by {@link Engine#arm}: when it passes, the thread is
 * interrupted, which stops a guest running on it (Chicory's compiled code checks for interruption
 * at loop back-edges and on memory growth). Close it when the guest is done.
 */
public interface GuestDeadline extends AutoCloseable {
  /** Whether the deadline passed and the thread was interrupted. */
  boolean fired();

  @Override
  void close();
}
