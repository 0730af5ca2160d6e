package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A linear memory that goes back to its module's {@link MemoryImage} at a cost proportional to what
 * was written since, not to its size: the per-request memory of a fresh instance.
 *
 * <p>The memory is stored in 4 KiB blocks. A block starts as the image's own (shared, read-only)
 * array and is copied on its first write (copy-on-write), which also marks it; {@link #reset}
 * copies exactly the marked blocks back from the image (or zeroes them, past the initial size) and
 * drops the blocks of the pages the guest grew. A block not marked was not written, so after a
 * reset no byte of the last request is left, and a pooled memory holds only the blocks its requests
 * wrote (a few for a small handler), not whole 64 KiB pages. Bounds follow Chicory's {@code
 * ByteArrayMemory}: an access outside the current size is a {@link WasmRuntimeException} ("out of
 * bounds memory access"), a trap for the guest.
 *
 * <p>Instantiation: Chicory calls {@link #zero()} and then {@link #initialize} on a new instance's
 * memory. On a memory equal to its image, {@code zero()} is deferred and {@code initialize} with
 * the image's own data segments has nothing left to do; any other write in between, or other
 * segments, first really zeroes the memory. Only Chicory's instantiation calls {@code zero()}, and
 * it reads nothing in between. Instances that import the memory (a component's other core modules)
 * then call {@code initialize} with their own segments: those are written over it, and neither
 * recorded in nor compared with the image.
 *
 * <p>Not for shared (threads) memories; one instance uses it at a time. This file implements
 * Chicory's {@link Memory} interface method by method, which is why it is long.
 */
final class ResettableMemory implements Memory {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int PAGE_SHIFT = 16;

  /** The unit of storage, copy-on-write and reset. */
  static final int BLOCK_SHIFT = 12;

  static final int BLOCK = 1 << BLOCK_SHIFT;
  private static final int BLOCK_MASK = BLOCK - 1;
  private static final int BLOCKS_PER_PAGE_SHIFT = PAGE_SHIFT - BLOCK_SHIFT;

  /**
   * Blocks of grown pages kept zeroed for the next request's growth (1 MiB); beyond this they go to
   * the GC, so a pooled memory holds at most its written blocks plus this, whatever a request grew.
   */
  static final int MAX_SPARE_BLOCKS = 256;

  private final MemoryImage image;
  private final MemoryLimits limits;
  private final boolean capture;
  private MemoryImage captured;

  /** The current blocks: the image's arrays until written, then this memory's own. */
  private byte[][] blocks;

  /** Whether {@code blocks[i]} is this memory's own array (always, for grown pages). */
  private boolean[] owned;

  /** One flag per block: written since the last reset. */
  private byte[] dirty;

  private int[] dirtyList = new int[64];
  private int dirtyCount;
  private int nPages;
  private boolean zeroPending;

  /**
   * Set by {@link #zero()}: the next {@link #initialize} is the defining instance's. Instances that
   * import this memory call {@code initialize} too (Chicory does, with their own segments, after
   * the definer), and must neither record the image nor be compared with it.
   */
  private boolean definerNext;

  private DataSegment[] segments = new DataSegment[0];
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();

  /** A memory equal to {@code image}, capped at {@code limits.maximumPages()}. */
  ResettableMemory(MemoryImage image, MemoryLimits limits) {
    this(image, limits, false);
  }

  private ResettableMemory(MemoryImage image, MemoryLimits limits, boolean capture) {
    if (limits.shared() || limits.initialPages() != image.initialPages()) {
      throw new IllegalArgumentException(
          "a resettable memory needs an unshared memory of the image's size, got " + limits);
    }
    this.image = image;
    this.limits = limits;
    this.capture = capture;
    this.nPages = image.initialPages();
    int capacity = Math.max(nPages, 1) << BLOCKS_PER_PAGE_SHIFT;
    this.blocks = new byte[capacity][];
    this.owned = new boolean[capacity];
    this.dirty = new byte[capacity];
    for (int i = 0; i < image.blocks(); i++) {
      blocks[i] = image.block(i);
    }
  }

  /**
   * A memory that records its image when an instance initialises it: the first instance of a
   * component is built on one, and {@link #captured()} is then the component's image.
   */
  static ResettableMemory capturing(MemoryLimits limits) {
    return new ResettableMemory(MemoryImage.blank(limits.initialPages()), limits, true);
  }

  /** Whether this memory records its image (see {@link #capturing}); such a memory is not reset. */
  boolean capturing() {
    return capture;
  }

  /** Whether an initialisation recorded an image (see {@link #captured}). */
  boolean hasCaptured() {
    return captured != null;
  }

  MemoryLimits limits() {
    return limits;
  }

  /** The image recorded by a {@link #capturing} memory's initialisation. */
  MemoryImage captured() {
    if (captured == null) {
      throw new IllegalStateException("no instance has initialised this memory");
    }
    return captured;
  }

  /** Whether the memory is exactly its image (as made, or right after {@link #reset}). */
  boolean pristine() {
    return dirtyCount == 0 && nPages == image.initialPages() && !zeroPending;
  }

  /** Bytes written since the last reset, rounded to whole 4 KiB blocks. */
  long dirtyBytes() {
    return (long) dirtyCount * BLOCK;
  }

  /**
   * Restores the image: every chunk written since the last reset is copied back (zeroed past the
   * initial size) and grown pages are dropped. Costs what was written, not what the memory weighs.
   */
  void reset() {
    int initial = image.blocks();
    for (int i = 0; i < dirtyCount; i++) {
      int b = dirtyList[i];
      if (b < initial) {
        System.arraycopy(image.block(b), 0, blocks[b], 0, BLOCK);
      } else {
        Arrays.fill(blocks[b], (byte) 0);
      }
      dirty[b] = 0;
    }
    dirtyCount = 0;
    int grown = nPages << BLOCKS_PER_PAGE_SHIFT;
    for (int b = initial; b < grown; b++) {
      if (spare.size() < MAX_SPARE_BLOCKS) {
        spare.push(blocks[b]);
      }
      blocks[b] = null;
      owned[b] = false;
    }
    nPages = image.initialPages();
    zeroPending = false;
    segments = new DataSegment[0];
  }

  // ---- size --------------------------------------------------------------------------------

  @Override
  public int pages() {
    return nPages;
  }

  @Override
  public int grow(int size) {
    int previous = nPages;
    long next = (long) previous + size;
    if (size < 0 || next > maximumPages()) {
      return -1;
    }
    ensureCapacity((int) next);
    for (int b = previous << BLOCKS_PER_PAGE_SHIFT; b < (int) next << BLOCKS_PER_PAGE_SHIFT; b++) {
      byte[] fresh = spare.poll();
      blocks[b] = fresh != null ? fresh : new byte[BLOCK];
      owned[b] = true;
    }
    nPages = (int) next;
    return previous;
  }

  @Override
  public int initialPages() {
    return limits.initialPages();
  }

  @Override
  public int maximumPages() {
    return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
  }

  @Override
  public boolean shared() {
    return false;
  }

  private long sizeInBytes() {
    return (long) nPages * PAGE_SIZE;
  }

  /** Makes room for {@code needed} pages. */
  private void ensureCapacity(int needed) {
    int have = blocks.length >> BLOCKS_PER_PAGE_SHIFT;
    if (needed <= have) {
      return;
    }
    int pages = (int) Math.min(Math.max(needed, 2L * have), maximumPages());
    int capacity = pages << BLOCKS_PER_PAGE_SHIFT;
    blocks = Arrays.copyOf(blocks, capacity);
    owned = Arrays.copyOf(owned, capacity);
    dirty = Arrays.copyOf(dirty, capacity);
  }

  // ---- instantiation -----------------------------------------------------------------------

  @Override
  public void zero() {
    definerNext = true;
    if (pristine()) {
      zeroPending = image.dataBlocks() > 0;
    } else {
      fill((byte) 0, 0, (int) sizeInBytes());
    }
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    initialize(instance, dataSegments, 0);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
    DataSegment[] given = dataSegments == null ? new DataSegment[0] : dataSegments;
    boolean definer = definerNext;
    definerNext = false;
    if (definer && zeroPending && memoryIndex == 0 && image.madeFrom(given)) {
      zeroPending = false; // already zero plus exactly these segments
      segments = given;
      return;
    }
    if (zeroPending) {
      materializeZero();
    }
    segments = given;
    for (DataSegment s : given) {
      if (s instanceof ActiveDataSegment segment && segment.index() == memoryIndex) {
        int offset =
            (int)
                ConstantEvaluators.computeConstantValue(instance, segment.offsetInstructions())[0];
        byte[] data = segment.data();
        if (offset < 0 || (long) offset + data.length > sizeInBytes()) {
          throw new UninstantiableException(
              "out of bounds memory access: data segment of "
                  + data.length
                  + " bytes at "
                  + Integer.toUnsignedString(offset)
                  + " does not fit a memory of "
                  + sizeInBytes()
                  + " bytes");
        }
        write(offset, data, 0, data.length);
      }
    }
    if (capture && definer && memoryIndex == 0) {
      captured = MemoryImage.copyOf(blocks, image.initialPages(), given);
    }
  }

  private void materializeZero() {
    zeroPending = false;
    fill((byte) 0, 0, (int) sizeInBytes());
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    write(dest, segments[segmentId].data(), offset, size);
  }

  @Override
  public void drop(int segment) {
    segments[segment] = PassiveDataSegment.EMPTY;
  }

  // ---- write tracking ----------------------------------------------------------------------

  /** Marks the block of {@code [addr, addr + size)} (inside one block) unless already marked. */
  private void touch(int addr, int size) {
    if (dirty[addr >>> BLOCK_SHIFT] == 0) {
      claim(addr, size);
    }
  }

  /**
   * Bounds-checks a write of {@code size} bytes at {@code addr}, makes its pages this memory's own
   * and marks its chunks.
   */
  private void claim(int addr, int size) {
    if (zeroPending) {
      materializeZero();
    }
    checkBounds(addr, size);
    if (size == 0) {
      return;
    }
    int last = (int) (((long) addr + size - 1) >>> BLOCK_SHIFT);
    for (int b = addr >>> BLOCK_SHIFT; b <= last; b++) {
      if (dirty[b] != 0) {
        continue;
      }
      if (!owned[b]) {
        blocks[b] = image.block(b).clone();
        owned[b] = true;
      }
      if (dirtyCount == dirtyList.length) {
        dirtyList = Arrays.copyOf(dirtyList, dirtyCount * 2);
      }
      dirtyList[dirtyCount++] = b; // listed before flagged: a flag is never left unlisted
      dirty[b] = 1;
    }
  }

  private void checkBounds(int addr, int size) {
    if (addr < 0 || size < 0 || (long) addr + size > sizeInBytes()) {
      throw outOfBounds(addr, size);
    }
  }

  private WasmRuntimeException outOfBounds(int addr, int size) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: "
            + addr
            + " but limit is: "
            + sizeInBytes()
            + " and size: "
            + size);
  }

  // ---- bulk access -------------------------------------------------------------------------

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (offset < 0 || size < 0 || (long) offset + size > data.length) {
      throw new WasmRuntimeException(
          "out of bounds memory access: source range "
              + offset
              + "+"
              + size
              + " of "
              + data.length);
    }
    claim(addr, size);
    while (size > 0) {
      int at = addr & BLOCK_MASK;
      int n = Math.min(size, BLOCK - at);
      System.arraycopy(data, offset, blocks[addr >>> BLOCK_SHIFT], at, n);
      addr += n;
      offset += n;
      size -= n;
    }
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    checkBounds(addr, len);
    byte[] out = new byte[len];
    int done = 0;
    while (done < len) {
      int at = (addr + done) & BLOCK_MASK;
      int n = Math.min(len - done, BLOCK - at);
      System.arraycopy(blocks[(addr + done) >>> BLOCK_SHIFT], at, out, done, n);
      done += n;
    }
    return out;
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    int size = toIndex - fromIndex;
    claim(fromIndex, size);
    int addr = fromIndex;
    while (size > 0) {
      int at = addr & BLOCK_MASK;
      int n = Math.min(size, BLOCK - at);
      Arrays.fill(blocks[addr >>> BLOCK_SHIFT], at, at + n, value);
      addr += n;
      size -= n;
    }
  }

  @Override
  public void copy(int dest, int src, int size) {
    checkBounds(src, size);
    claim(dest, size);
    if (dest <= src) {
      int done = 0;
      while (done < size) {
        int n = span(dest + done, src + done, size - done);
        System.arraycopy(
            blocks[(src + done) >>> BLOCK_SHIFT],
            (src + done) & BLOCK_MASK,
            blocks[(dest + done) >>> BLOCK_SHIFT],
            (dest + done) & BLOCK_MASK,
            n);
        done += n;
      }
    } else {
      int left = size; // copy from the end: the source's tail is read before it is overwritten
      while (left > 0) {
        int srcEnd = src + left;
        int destEnd = dest + left;
        int n = Math.min(left, Math.min(tailRoom(srcEnd), tailRoom(destEnd)));
        System.arraycopy(
            blocks[(srcEnd - n) >>> BLOCK_SHIFT],
            (srcEnd - n) & BLOCK_MASK,
            blocks[(destEnd - n) >>> BLOCK_SHIFT],
            (destEnd - n) & BLOCK_MASK,
            n);
        left -= n;
      }
    }
  }

  /** Bytes from both addresses to the end of their blocks, at most {@code max}. */
  private static int span(int a, int b, int max) {
    return Math.min(max, Math.min(BLOCK - (a & BLOCK_MASK), BLOCK - (b & BLOCK_MASK)));
  }

  /** Bytes before {@code end} within its block (a whole block when {@code end} is aligned). */
  private static int tailRoom(int end) {
    int r = end & BLOCK_MASK;
    return r == 0 ? BLOCK : r;
  }

  // ---- scalar access: in-block fast paths, block-crossing slow paths --------------------------

  @Override
  public byte read(int addr) {
    try {
      return blocks[addr >>> BLOCK_SHIFT][addr & BLOCK_MASK];
    } catch (IndexOutOfBoundsException | NullPointerException e) {
      throw outOfBounds(addr, 1);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      if (dirty[addr >>> BLOCK_SHIFT] == 0) {
        claim(addr, 1);
      }
      blocks[addr >>> BLOCK_SHIFT][addr & BLOCK_MASK] = data;
    } catch (IndexOutOfBoundsException | NullPointerException e) {
      throw outOfBounds(addr, 1);
    }
  }

  @Override
  public short readShort(int addr) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 2) {
      try {
        return (short) SHORT.get(blocks[addr >>> BLOCK_SHIFT], at);
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 2);
      }
    }
    return (short) littleEndian(addr, 2);
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public void writeShort(int addr, short data) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 2) {
      try {
        touch(addr, 2);
        SHORT.set(blocks[addr >>> BLOCK_SHIFT], at, data);
        return;
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 2);
      }
    }
    writeLittleEndian(addr, data, 2);
  }

  @Override
  public int readInt(int addr) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 4) {
      try {
        return (int) INT.get(blocks[addr >>> BLOCK_SHIFT], at);
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 4);
      }
    }
    return (int) littleEndian(addr, 4);
  }

  @Override
  public void writeI32(int addr, int data) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 4) {
      try {
        touch(addr, 4);
        INT.set(blocks[addr >>> BLOCK_SHIFT], at, data);
        return;
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 4);
      }
    }
    writeLittleEndian(addr, data, 4);
  }

  @Override
  public long readLong(int addr) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 8) {
      try {
        return (long) LONG.get(blocks[addr >>> BLOCK_SHIFT], at);
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 8);
      }
    }
    return littleEndian(addr, 8);
  }

  @Override
  public void writeLong(int addr, long data) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 8) {
      try {
        touch(addr, 8);
        LONG.set(blocks[addr >>> BLOCK_SHIFT], at, data);
        return;
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 8);
      }
    }
    writeLittleEndian(addr, data, 8);
  }

  @Override
  public float readFloat(int addr) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 4) {
      try {
        return (float) FLOAT.get(blocks[addr >>> BLOCK_SHIFT], at);
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 4);
      }
    }
    return Float.intBitsToFloat(readInt(addr));
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 4) {
      try {
        touch(addr, 4);
        FLOAT.set(blocks[addr >>> BLOCK_SHIFT], at, data);
        return;
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 4);
      }
    }
    writeLittleEndian(addr, Float.floatToRawIntBits(data), 4);
  }

  @Override
  public double readDouble(int addr) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 8) {
      try {
        return (double) DOUBLE.get(blocks[addr >>> BLOCK_SHIFT], at);
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 8);
      }
    }
    return Double.longBitsToDouble(readLong(addr));
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    int at = addr & BLOCK_MASK;
    if (at <= BLOCK - 8) {
      try {
        touch(addr, 8);
        DOUBLE.set(blocks[addr >>> BLOCK_SHIFT], at, data);
        return;
      } catch (IndexOutOfBoundsException | NullPointerException e) {
        throw outOfBounds(addr, 8);
      }
    }
    writeLittleEndian(addr, Double.doubleToRawLongBits(data), 8);
  }

  /** A little-endian value of {@code size} bytes that crosses a block boundary. */
  private long littleEndian(int addr, int size) {
    byte[] b = readBytes(addr, size);
    long v = 0;
    for (int i = size - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  private void writeLittleEndian(int addr, long value, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    write(addr, b, 0, size);
  }

  // ---- threads: not supported on an unshared memory (as Chicory's own memories) -------------

  @Override
  @SuppressWarnings("removal")
  public Object lock(int address) {
    return this;
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, int expected, long timeout) {
    throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, long expected, long timeout) {
    throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  @SuppressWarnings("removal")
  public int notify(int address, int maxThreads) {
    return 0;
  }
}
