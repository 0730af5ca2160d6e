package dev.wasmlet.component;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a core instance can change outside its memories, as it was right after instantiation: its
 * mutable globals, its tables' entries and its element segments (which {@code elem.drop} clears).
 * {@link #restore} puts them back, so that an instance kept for reuse starts the next request as a
 * fresh one would. A table that grew cannot be shrunk: {@link #restorable} says so beforehand.
 */
final class CoreState {
  private record Global(GlobalInstance global, long low, long high, Instance instance) {}

  private record Table(TableInstance table, int[] refs, Instance[] instances) {}

  private final Instance core;
  private final List<Global> globals = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final Element[] elements;

  private CoreState(Instance core) {
    this.core = core;
    int imported = core.imports().globalCount();
    for (int i = imported; i < core.globalCount(); i++) {
      GlobalInstance g = core.global(i);
      if (g.getMutabilityType() == MutabilityType.Var) {
        globals.add(new Global(g, g.getValueLow(), g.getValueHigh(), g.getInstance()));
      }
    }
    for (int i = core.imports().tableCount(); i < core.tableCount(); i++) {
      TableInstance t = core.table(i);
      int[] refs = new int[t.size()];
      Instance[] instances = new Instance[t.size()];
      for (int j = 0; j < refs.length; j++) {
        refs[j] = t.ref(j);
        instances[j] = t.instance(j);
      }
      tables.add(new Table(t, refs, instances));
    }
    elements = new Element[core.elementCount()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = core.element(i);
    }
  }

  /**
   * The state of {@code core} now, or empty when it cannot be restored faithfully: the module has
   * passive data segments ({@code data.drop} changes Chicory's instance in a way no API undoes).
   */
  static Optional<CoreState> of(Instance core) {
    for (DataSegment d : core.module().dataSection().dataSegments()) {
      if (d instanceof PassiveDataSegment) {
        return Optional.empty();
      }
    }
    return Optional.of(new CoreState(core));
  }

  /** Whether {@link #restore} can bring the instance back: no table changed its size. */
  boolean restorable() {
    for (Table t : tables) {
      if (t.table().size() != t.refs().length) {
        return false;
      }
    }
    return true;
  }

  /** Puts globals, table entries and element segments back as they were after instantiation. */
  void restore() {
    for (Global g : globals) {
      g.global().setValueLow(g.low());
      g.global().setValueHigh(g.high());
      g.global().setInstance(g.instance());
    }
    for (Table t : tables) {
      TableInstance table = t.table();
      int[] refs = t.refs();
      Instance[] instances = t.instances();
      for (int j = 0; j < refs.length; j++) {
        if (table.ref(j) != refs[j] || table.instance(j) != instances[j]) {
          table.setRef(j, refs[j], instances[j]);
        }
      }
    }
    for (int i = 0; i < elements.length; i++) {
      core.setElement(i, elements[i]);
    }
  }
}
