package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ResettableMemory} against a plain byte array doing the same operations: contents always
 * equal, and after a reset exactly the image again, whatever was written and grown.
 */
class ResettableMemoryTest {
  private static final int PAGE = 65536;

  private static final int BLOCK = ResettableMemory.BLOCK;

  /** An image of {@code pages} pages whose even pages hold random bytes and odd ones zeros. */
  private static MemoryImage image(int pages, long seed) {
    int perPage = PAGE / BLOCK;
    byte[][] content = new byte[pages * perPage][BLOCK];
    Random random = new Random(seed);
    for (int p = 0; p < pages; p += 2) {
      for (int b = 0; b < perPage; b++) {
        random.nextBytes(content[p * perPage + b]);
      }
    }
    return MemoryImage.copyOf(content, pages, new DataSegment[0]);
  }

  private static byte[] imageBytes(MemoryImage image) {
    byte[] all = new byte[image.initialPages() * PAGE];
    for (int b = 0; b < image.blocks(); b++) {
      System.arraycopy(image.block(b), 0, all, b * BLOCK, BLOCK);
    }
    return all;
  }

  @Test
  void resetAfterWritingEveryPageAndGrowingRestoresTheImageExactly() {
    MemoryImage image = image(4, 1);
    ResettableMemory m = new ResettableMemory(image, new MemoryLimits(4, 16));
    for (int round = 0; round < 3; round++) {
      for (int addr = 0; addr < 4 * PAGE; addr += 8) {
        m.writeLong(addr, 0x0123456789abcdefL ^ addr ^ round);
      }
      assertThat(m.grow(3)).isEqualTo(4);
      m.fill((byte) 0x5A, 4 * PAGE, 7 * PAGE);
      m.reset();
      assertThat(m.pristine()).isTrue();
      assertThat(m.pages()).isEqualTo(4);
      assertThat(m.readBytes(0, 4 * PAGE)).isEqualTo(imageBytes(image));
      assertThatThrownBy(() -> m.read(4 * PAGE)).isInstanceOf(WasmRuntimeException.class);
      // Pages grown after a reset are zero, although their arrays are recycled.
      assertThat(m.grow(3)).isEqualTo(4);
      assertThat(m.readBytes(4 * PAGE, 3 * PAGE)).isEqualTo(new byte[3 * PAGE]);
      m.reset();
    }
  }

  @Test
  void randomOperationsMatchAPlainByteArrayBeforeAndAfterReset() {
    MemoryImage image = image(3, 7);
    ResettableMemory m = new ResettableMemory(image, new MemoryLimits(3, 8));
    Random random = new Random(42);
    for (int request = 0; request < 40; request++) {
      byte[] model = imageBytes(image);
      for (int op = 0; op < 300; op++) {
        int size = model.length;
        int kind = random.nextInt(10);
        // Addresses near chunk and page boundaries are the interesting ones.
        int addr =
            random.nextBoolean()
                ? random.nextInt(size)
                : Math.max(0, Math.min(size - 1, (random.nextInt(size / 4096) * 4096) - 3));
        switch (kind) {
          case 0 -> {
            if (addr + 8 <= size) {
              long v = random.nextLong();
              m.writeLong(addr, v);
              for (int i = 0; i < 8; i++) {
                model[addr + i] = (byte) (v >>> (8 * i));
              }
            }
          }
          case 1 -> {
            if (addr + 4 <= size) {
              int v = random.nextInt();
              m.writeI32(addr, v);
              for (int i = 0; i < 4; i++) {
                model[addr + i] = (byte) (v >>> (8 * i));
              }
            }
          }
          case 2 -> {
            if (addr + 2 <= size) {
              short v = (short) random.nextInt();
              m.writeShort(addr, v);
              model[addr] = (byte) v;
              model[addr + 1] = (byte) (v >>> 8);
            }
          }
          case 3 -> {
            byte v = (byte) random.nextInt();
            m.writeByte(addr, v);
            model[addr] = v;
          }
          case 4 -> {
            int len = Math.min(size - addr, random.nextInt(3 * 4096));
            byte v = (byte) random.nextInt();
            m.fill(v, addr, addr + len);
            Arrays.fill(model, addr, addr + len, v);
          }
          case 5 -> {
            int len = random.nextInt(2 * PAGE);
            int dest = random.nextInt(size);
            len = Math.min(len, Math.min(size - addr, size - dest));
            m.copy(dest, addr, len);
            System.arraycopy(model, addr, model, dest, len);
          }
          case 6 -> {
            byte[] data = new byte[Math.min(size - addr, random.nextInt(5000))];
            random.nextBytes(data);
            m.write(addr, data);
            System.arraycopy(data, 0, model, addr, data.length);
          }
          case 7 -> {
            if (m.pages() < 8 && random.nextInt(8) == 0) {
              int before = m.pages();
              assertThat(m.grow(1)).isEqualTo(before);
              model = Arrays.copyOf(model, size + PAGE);
            }
          }
          case 8 -> {
            if (addr + 8 <= size) {
              double v = random.nextDouble();
              m.writeF64(addr, v);
              long bits = Double.doubleToRawLongBits(v);
              for (int i = 0; i < 8; i++) {
                model[addr + i] = (byte) (bits >>> (8 * i));
              }
            }
          }
          default -> {
            if (addr + 4 <= size) {
              float v = random.nextFloat();
              m.writeF32(addr, v);
              int bits = Float.floatToRawIntBits(v);
              for (int i = 0; i < 4; i++) {
                model[addr + i] = (byte) (bits >>> (8 * i));
              }
            }
          }
        }
      }
      assertThat(m.pages() * PAGE).isEqualTo(model.length);
      assertThat(m.readBytes(0, model.length)).isEqualTo(model);
      if (model.length >= 8) {
        int at = PAGE - 3; // a read across the first page boundary
        long expected = 0;
        for (int i = 7; i >= 0; i--) {
          expected = (expected << 8) | (model[at + i] & 0xFF);
        }
        assertThat(m.readLong(at)).isEqualTo(expected);
      }
      m.reset();
      assertThat(m.pages()).isEqualTo(3);
      assertThat(m.readBytes(0, 3 * PAGE)).isEqualTo(imageBytes(image));
    }
  }

  @Test
  void aWriteAcrossAChunkOrPageBoundaryIsRestoredOnBothSides() {
    MemoryImage image = image(2, 9);
    int[] boundaries = {4096, 8192, PAGE};
    for (int boundary : boundaries) {
      for (int size : new int[] {2, 4, 8}) {
        for (int shift = 1; shift < size; shift++) {
          ResettableMemory m = new ResettableMemory(image, new MemoryLimits(2, 2));
          int addr = boundary - shift;
          m.writeByte(boundary - 100, (byte) 1); // the first chunk is already marked
          switch (size) {
            case 2 -> m.writeShort(addr, (short) -1);
            case 4 -> m.writeI32(addr, -1);
            default -> m.writeLong(addr, -1L);
          }
          m.reset();
          assertThat(m.readBytes(0, 2 * PAGE))
              .as("%d-byte write at %d", size, addr)
              .isEqualTo(imageBytes(image));
        }
      }
    }
  }

  @Test
  void anImportersInitialisationNeitherReplacesTheImageNorDefeatsIt() {
    MemoryLimits limits = new MemoryLimits(2, 4);
    byte[] data = {1, 2, 3, 4};
    DataSegment[] definers = {new ActiveDataSegment(0, List.of(offset(100)), data)};
    DataSegment[] importers = {new ActiveDataSegment(0, List.of(offset(70_000)), new byte[] {9})};
    // the first instance: the definer, then a module importing its memory (a component's shape)
    ResettableMemory first = ResettableMemory.capturing(limits);
    first.zero();
    first.initialize(null, definers, 0);
    first.initialize(null, new DataSegment[0], 0);
    first.initialize(null, importers, 0);
    MemoryImage image = first.captured();
    assertThat(image.madeFrom(definers)).isTrue();
    assertThat(imageBytes(image)[70_000]).as("the importer's byte is not in the image").isZero();
    // a later instance on a memory restored from that image: the definer's segments cost nothing,
    // the importer's are written (and reset afterwards)
    ResettableMemory later = new ResettableMemory(image, limits);
    later.zero();
    later.initialize(null, definers, 0);
    assertThat(later.dirtyBytes()).isZero();
    later.initialize(null, importers, 0);
    assertThat(later.dirtyBytes()).isEqualTo(BLOCK);
    assertThat(later.readBytes(100, 4)).isEqualTo(data);
    assertThat(later.read(70_000)).isEqualTo((byte) 9);
    later.reset();
    assertThat(later.read(70_000)).isZero();
    assertThat(later.readBytes(100, 4)).isEqualTo(data);
  }

  private static Instruction offset(int value) {
    return new Instruction(-1, OpCode.I32_CONST, new long[] {value});
  }

  @Test
  void resetCostsTheChunksWrittenNotTheMemorysSize() {
    ResettableMemory m = new ResettableMemory(image(640, 3), new MemoryLimits(640, 640));
    m.writeByte(10, (byte) 1);
    m.writeI32(5 * PAGE + 4094, 7); // two chunks
    m.writeLong(600 * PAGE, 9L);
    assertThat(m.dirtyBytes()).isEqualTo(4L * 4096);
    m.reset();
    assertThat(m.dirtyBytes()).isZero();
  }

  @Test
  void accessesOutsideTheMemoryTrapWithoutMarkingAnything() {
    ResettableMemory m = new ResettableMemory(image(2, 5), new MemoryLimits(2, 4));
    int end = 2 * PAGE;
    assertThatThrownBy(() -> m.writeI32(end - 2, 1))
        .isInstanceOf(WasmRuntimeException.class)
        .hasMessageContaining("out of bounds memory access");
    assertThatThrownBy(() -> m.writeByte(end, (byte) 1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.writeLong(-4, 1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.readInt(end)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.readInt(-1)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.fill((byte) 1, end - 1, end + 1))
        .isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.copy(0, end - 1, 2)).isInstanceOf(WasmRuntimeException.class);
    assertThatThrownBy(() -> m.write(end - 1, new byte[2]))
        .isInstanceOf(WasmRuntimeException.class);
    assertThat(m.grow(3)).isEqualTo(-1);
    assertThat(m.pages()).isEqualTo(2);
    assertThat(m.dirtyBytes()).isZero();
    m.fill((byte) 1, end, end); // an empty range at the end is allowed
    assertThat(m.pristine()).isTrue();
  }
}
