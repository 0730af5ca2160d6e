package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import java.util.Arrays;

/**
 * A module's linear memory as instantiation leaves it: zeroed, with its active data segments
 * applied. Made once per component (by {@link ResettableMemory} while the first instance
 * initialises) and shared, read-only, by every memory restored from it. Pages that are all zero
 * share one array, so a 640-page memory with 2 pages of data holds 2 pages.
 */
final class MemoryImage {
  static final int PAGE = Memory.PAGE_SIZE;

  /** The content of every all-zero page; never written. */
  private static final byte[] ZERO_PAGE = new byte[PAGE];

  private final byte[][] pages;
  private final DataSegment[] segments;
  private final int dataPages;

  private MemoryImage(byte[][] pages, DataSegment[] segments) {
    this.pages = pages;
    this.segments = segments;
    int n = 0;
    for (byte[] p : pages) {
      if (p != ZERO_PAGE) {
        n++;
      }
    }
    this.dataPages = n;
  }

  /** The image of a memory of {@code initialPages} with no data: all zero. */
  static MemoryImage blank(int initialPages) {
    byte[][] pages = new byte[initialPages][];
    Arrays.fill(pages, ZERO_PAGE);
    return new MemoryImage(pages, new DataSegment[0]);
  }

  /**
   * Copies the first {@code initialPages} of {@code current} (a memory just initialised with {@code
   * segments}) into an image.
   */
  static MemoryImage copyOf(byte[][] current, int initialPages, DataSegment[] segments) {
    byte[][] pages = new byte[initialPages][];
    for (int i = 0; i < initialPages; i++) {
      byte[] page = current[i];
      pages[i] = isZero(page) ? ZERO_PAGE : page.clone();
    }
    return new MemoryImage(pages, segments.clone());
  }

  int initialPages() {
    return pages.length;
  }

  /** The image's page {@code index}; callers never write it. */
  byte[] page(int index) {
    return pages[index];
  }

  /** How many pages hold data (the rest share the zero page). */
  int dataPages() {
    return dataPages;
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

  private static boolean isZero(byte[] page) {
    return page == ZERO_PAGE || Arrays.mismatch(page, ZERO_PAGE) < 0;
  }
}
