/**
 * WebAssembly components (component model binary version 0x0d, layer 1): the binary format, parsed
 * section by section with byte offsets in every error, and the imports and exports of a module or
 * component as WIT-like text ({@code wasmlet inspect}).
 */
package dev.wasmlet.component;
