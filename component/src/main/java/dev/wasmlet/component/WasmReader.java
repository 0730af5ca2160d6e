package dev.wasmlet.component;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the binary format's primitives (bytes, LEB128 integers, names) from a window of a file,
 * keeping absolute offsets so every error says where it happened.
 */
final class WasmReader {
  private final byte[] bytes;
  private final int end;
  private int pos;

  WasmReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  private WasmReader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  /** A reader from {@code pos} to the end of {@code bytes}. */
  static WasmReader at(byte[] bytes, int pos) {
    return new WasmReader(bytes, pos, bytes.length);
  }

  int offset() {
    return pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  int remaining() {
    return end - pos;
  }

  int u8(String what) {
    if (pos >= end) {
      throw fail("unexpected end of data while reading " + what, pos);
    }
    return bytes[pos++] & 0xff;
  }

  int peek(String what) {
    if (pos >= end) {
      throw fail("unexpected end of data while reading " + what, pos);
    }
    return bytes[pos] & 0xff;
  }

  /** An unsigned 32-bit LEB128 integer. */
  long u32(String what) {
    int start = pos;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw fail(what + ": LEB128 integer longer than 5 bytes", start);
      }
      int b = u8(what);
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (result > 0xffff_ffffL) {
      throw fail(what + ": integer " + result + " does not fit in 32 bits", start);
    }
    return result;
  }

  /** A u32 used as a count or index, bounded so that a hostile count cannot exhaust memory. */
  int count(String what) {
    int start = pos;
    long n = u32(what);
    if (n > remaining()) {
      throw fail(what + ": count " + n + " exceeds the " + remaining() + " bytes left", start);
    }
    return (int) n;
  }

  int index(String what) {
    return (int) Math.min(u32(what), Integer.MAX_VALUE);
  }

  /** A signed 33-bit LEB128 integer (value types: negative means a primitive). */
  long s33(String what) {
    int start = pos;
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (shift > 35) {
        throw fail(what + ": LEB128 integer longer than 5 bytes", start);
      }
      b = u8(what);
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  /** Skips a LEB128 integer of any width (memory64 limits are 64-bit). */
  void skipLeb(String what) {
    int start = pos;
    while ((u8(what) & 0x80) != 0) {
      if (pos - start >= 10) {
        throw fail(what + ": LEB128 integer longer than 10 bytes", start);
      }
    }
  }

  /** A length-prefixed UTF-8 name. */
  String name(String what) {
    int start = pos;
    int len = count(what + " length");
    ByteBuffer slice = ByteBuffer.wrap(bytes, pos, len);
    pos += len;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw fail(what + " is not valid UTF-8", start);
    }
  }

  /** The next {@code len} bytes as a reader of their own; this one skips past them. */
  WasmReader window(int len, String what) {
    if (len > remaining()) {
      throw fail(what + " is " + len + " bytes long but only " + remaining() + " remain", pos);
    }
    WasmReader w = new WasmReader(bytes, pos, pos + len);
    pos += len;
    return w;
  }

  byte[] slice(int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  ComponentMalformed fail(String message, int at) {
    return new ComponentMalformed(message + " (at byte offset " + at + ")", at);
  }

  ComponentMalformed badByte(int b, String what, int at) {
    return fail(String.format("unknown %s 0x%02x", what, b), at);
  }
}
