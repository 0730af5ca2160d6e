package dev.wasmlet.component;

/**
 * A core instance's linear memory as the canonical ABI sees it, with the instance's {@code realloc}
 * (the canon option) for values the host writes into the guest.
 */
public interface GuestMemory {
  /** The memory's current size in bytes. */
  long size();

  void read(int address, byte[] into, int offset, int length);

  void write(int address, byte[] from, int offset, int length);

  /**
   * Calls the guest's {@code realloc(old, oldSize, align, newSize)}.
   *
   * @throws ComponentTrap when the component has no realloc option but needs one
   */
  int realloc(int oldPointer, int oldSize, int alignment, int newSize);
}
