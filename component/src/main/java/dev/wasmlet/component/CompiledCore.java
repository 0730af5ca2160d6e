package dev.wasmlet.component;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmlet.engine.ImagedMemories;
import java.util.function.Function;

/**
 * A component's core module, parsed and compiled once, instantiated per request; its defined memory
 * is restored from an image ({@link ImagedMemories}) after the first instance.
 */
record CompiledCore(
    WasmModule module, Function<Instance, Machine> machine, ImagedMemories memories) {}
