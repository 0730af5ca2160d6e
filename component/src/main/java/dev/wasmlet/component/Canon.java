package dev.wasmlet.component;

import com.dylibso.chicory.runtime.Memory;
import dev.wasmlet.component.CanonicalAbi.StringEncoding;

/**
 * Canon options resolved against one instance: the memory and realloc values cross through, and the
 * string encoding. A function that needs memory and has none traps when it tries.
 */
record Canon(Memory memory, CoreFunc realloc, StringEncoding encoding) implements GuestMemory {
  CanonicalAbi abi() {
    return new CanonicalAbi(this, encoding);
  }

  private Memory mem() {
    if (memory == null) {
      throw new ComponentTrap("the function has no memory option but passes values through memory");
    }
    return memory;
  }

  @Override
  public long size() {
    return (long) mem().pages() * Memory.PAGE_SIZE;
  }

  @Override
  public void read(int address, byte[] into, int offset, int length) {
    System.arraycopy(mem().readBytes(address, length), 0, into, offset, length);
  }

  @Override
  public void write(int address, byte[] from, int offset, int length) {
    mem().write(address, from, offset, length);
  }

  @Override
  public int realloc(int oldPointer, int oldSize, int alignment, int newSize) {
    if (realloc == null) {
      throw new ComponentTrap("the function has no realloc option but the host must allocate");
    }
    return (int) realloc.call(oldPointer, oldSize, alignment, newSize)[0];
  }
}
