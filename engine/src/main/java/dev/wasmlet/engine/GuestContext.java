package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request's WASI context: Chicory's {@link WasiPreview1} for streams, files, clocks and
 * randomness, and the request's command line and environment, which this class serves itself
 * ({@code args_*}, {@code environ_*}) so that they are encoded only if the guest asks for them (a
 * CGI environment has some 40 variables; many guests read a few, some none).
 *
 * <p>The environment is the component's static variables overridden by the request's, in that
 * order, as WASI's {@code environ_get} lists them.
 */
final class GuestContext implements AutoCloseable {
  static final int ERRNO_SUCCESS = 0;

  private final WasiPreview1 wasi;
  private final List<String> args;
  private final Map<String, String> staticEnv;
  private final Map<String, String> requestEnv;
  private byte[][] argBytes;
  private byte[][] envBytes;

  GuestContext(
      WasiPreview1 wasi,
      List<String> args,
      Map<String, String> staticEnv,
      Map<String, String> requestEnv) {
    this.wasi = wasi;
    this.args = args;
    this.staticEnv = staticEnv;
    this.requestEnv = requestEnv;
  }

  WasiPreview1 wasi() {
    return wasi;
  }

  /** {@code args_sizes_get}: the count and the bytes of all arguments, NUL terminators included. */
  int argsSizesGet(Memory memory, int countPtr, int bufSizePtr) {
    return sizes(memory, arguments(), countPtr, bufSizePtr);
  }

  /** {@code args_get}: a pointer per argument at {@code argv}, the strings at {@code buf}. */
  int argsGet(Memory memory, int argv, int buf) {
    return strings(memory, arguments(), argv, buf);
  }

  int environSizesGet(Memory memory, int countPtr, int bufSizePtr) {
    return sizes(memory, environment(), countPtr, bufSizePtr);
  }

  int environGet(Memory memory, int environ, int buf) {
    return strings(memory, environment(), environ, buf);
  }

  private byte[][] arguments() {
    if (argBytes == null) {
      argBytes = new byte[args.size()][];
      for (int i = 0; i < argBytes.length; i++) {
        argBytes[i] = args.get(i).getBytes(StandardCharsets.UTF_8);
      }
    }
    return argBytes;
  }

  private byte[][] environment() {
    if (envBytes == null) {
      List<byte[]> out = new ArrayList<>(staticEnv.size() + requestEnv.size());
      staticEnv.forEach(
          (k, v) -> {
            if (!requestEnv.containsKey(k)) {
              out.add((k + "=" + v).getBytes(StandardCharsets.UTF_8));
            }
          });
      requestEnv.forEach((k, v) -> out.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
      envBytes = out.toArray(new byte[0][]);
    }
    return envBytes;
  }

  private static int sizes(Memory memory, byte[][] strings, int countPtr, int bufSizePtr) {
    int total = 0;
    for (byte[] s : strings) {
      total += s.length + 1;
    }
    memory.writeI32(countPtr, strings.length);
    memory.writeI32(bufSizePtr, total);
    return ERRNO_SUCCESS;
  }

  private static int strings(Memory memory, byte[][] strings, int pointers, int buf) {
    int at = buf;
    for (int i = 0; i < strings.length; i++) {
      memory.writeI32(pointers + 4 * i, at);
      memory.write(at, strings[i]);
      memory.writeByte(at + strings[i].length, (byte) 0);
      at += strings[i].length + 1;
    }
    return ERRNO_SUCCESS;
  }

  @Override
  public void close() {
    wasi.close();
  }
}
