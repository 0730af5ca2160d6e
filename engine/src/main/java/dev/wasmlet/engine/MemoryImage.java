package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import java.util.Arrays;

/**
 * A module's linear memory as instantiation leaves it: zeroed, with its active data segments
 * applied. Made once per module (by {@link ResettableMemory} while the first instance initialises)
 * and shared, read-only, by every memory restored from it. Kept in the 4 KiB blocks that {@link
 * ResettableMemory} stores; all-zero blocks share one array, so a 640-page memory with 2 KiB of
 * data holds one block.
 */
final class MemoryImage {
  static final int BLOCK = ResettableMemory.BLOCK;
  private static final int BLOCKS_PER_PAGE = Memory.PAGE_SIZE / BLOCK;

  /** The content of every all-zero block; never written. */
  private static final byte[] ZERO_BLOCK = new byte[BLOCK];

  private final byte[][] blocks;
  private final DataSegment[] segments;
  private final int dataBlocks;

  private MemoryImage(byte[][] blocks, DataSegment[] segments) {
    this.blocks = blocks;
    this.segments = segments;
    int n = 0;
    for (byte[] b : blocks) {
      if (b != ZERO_BLOCK) {
        n++;
      }
    }
    this.dataBlocks = n;
  }

  /** The image of a memory of {@code initialPages} with no data: all zero. */
  static MemoryImage blank(int initialPages) {
    byte[][] blocks = new byte[initialPages * BLOCKS_PER_PAGE][];
    Arrays.fill(blocks, ZERO_BLOCK);
    return new MemoryImage(blocks, new DataSegment[0]);
  }

  /**
   * Copies the blocks of the first {@code initialPages} of {@code current} (a memory just
   * initialised with {@code segments}) into an image.
   */
  static MemoryImage copyOf(byte[][] current, int initialPages, DataSegment[] segments) {
    byte[][] blocks = new byte[initialPages * BLOCKS_PER_PAGE][];
    for (int i = 0; i < blocks.length; i++) {
      byte[] block = current[i];
      blocks[i] = isZero(block) ? ZERO_BLOCK : block.clone();
    }
    return new MemoryImage(blocks, segments.clone());
  }

  int initialPages() {
    return blocks.length / BLOCKS_PER_PAGE;
  }

  /** How many 4 KiB blocks the initial memory has. */
  int blocks() {
    return blocks.length;
  }

  /** The image's block {@code index}; callers never write it. */
  byte[] block(int index) {
    return blocks[index];
  }

  /** How many blocks hold data (the rest share the zero block). */
  int dataBlocks() {
    return dataBlocks;
  }

  /**
   * Whether initialising with {@code candidate} would produce this image: the same segment objects
   * of the same module, in the same order (a new instance gets a fresh array of the module's
   * segments, so identity is the exact test).
   */
  @SuppressWarnings("ReferenceEquality") // identity is the test: see above
  boolean madeFrom(DataSegment[] candidate) {
    if (candidate == null || candidate.length != segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      if (candidate[i] != segments[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(byte[] block) {
    return block == ZERO_BLOCK || Arrays.mismatch(block, ZERO_BLOCK) < 0;
  }
}
