package dev.wasmlet.component;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/** A component's core module, parsed and compiled once, instantiated per request. */
record CompiledCore(WasmModule module, Function<Instance, Machine> machine) {}
