package dev.wasmlet.component;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;

/** A core function in a component's index space: its core type and how to call it. */
record CoreFunc(FunctionType type, WasmFunctionHandle handle) {
  long[] call(long... args) {
    return handle.apply(null, args);
  }
}
