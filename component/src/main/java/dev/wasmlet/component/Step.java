package dev.wasmlet.component;

import dev.wasmlet.component.CanonicalAbi.StringEncoding;
import java.util.List;

/**
 * One definition of a component, in section order, that adds a run-time item to an index space.
 * Instantiation replays the steps; type definitions are resolved at load and make no step.
 */
sealed interface Step {
  /** Core sort bytes as the binary format numbers them. */
  int CORE_FUNC = 0x00;

  int CORE_TABLE = 0x01;
  int CORE_MEMORY = 0x02;
  int CORE_GLOBAL = 0x03;
  int CORE_MODULE = 0x11;
  int CORE_INSTANCE = 0x12;

  /** Component sort bytes. */
  int FUNC = 0x01;

  int TYPE = 0x03;
  int COMPONENT = 0x04;
  int INSTANCE = 0x05;

  record Arg(String name, int coreInstance) {}

  record CoreInstantiate(int module, List<Arg> args) implements Step {}

  record CoreItem(String name, int sort, int index) {}

  record CoreExports(List<CoreItem> items) implements Step {}

  record CoreAlias(int coreInstance, String name, int sort) implements Step {}

  record Alias(int instance, String name, int sort) implements Step {}

  /** Canon options; -1 where absent. Indices are core function and core memory indices. */
  record Options(int memory, int realloc, int postReturn, StringEncoding encoding) {}

  record Lift(int coreFunc, Options options, CType.Func type) implements Step {}

  record Lower(int func, Options options, CType.Func type) implements Step {}

  /** {@code canon resource.new} (0x02), {@code .drop} (0x03) or {@code .rep} (0x04). */
  record ResourceOp(int op, String key) implements Step {}

  record Import(String name, int sort, CType type) implements Step {}

  record Item(String name, int sort, int index) {}

  record InlineInstance(List<Item> items) implements Step {}

  record Export(String name, int sort, int index) implements Step {}

  /** A nested component's instantiation, its plan decoded with the types the arguments supply. */
  record Instantiate(ComponentPlan plan, List<Item> args) implements Step {}
}
