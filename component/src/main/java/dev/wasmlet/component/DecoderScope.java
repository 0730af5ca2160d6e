package dev.wasmlet.component;

import java.util.ArrayList;
import java.util.List;

/**
 * A component's index spaces as far as decoding needs them (types, funcs, instances, components).
 */
final class DecoderScope {
  final DecoderScope parent;
  final List<CType> types = new ArrayList<>();
  final List<CType> funcs = new ArrayList<>();
  final List<CType> instances = new ArrayList<>();
  final List<byte[]> components = new ArrayList<>();

  DecoderScope(DecoderScope parent) {
    this.parent = parent;
  }
}
