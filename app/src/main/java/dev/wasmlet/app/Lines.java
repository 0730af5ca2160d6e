package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Finds the line a key was written on, following a path of table keys ({@code String}) and array
 * indexes ({@code Integer}); a missing step answers the line of the deepest step found.
 */
final class Lines {
  private final TomlTable root;

  /** Where inline components were written: id to the trigger's {@code component} path. */
  private final Map<String, List<Object>> inline = new HashMap<>();

  Lines(TomlTable root) {
    this.root = root;
  }

  /** Lines of {@code ("component", id, ...)} are looked up at {@code writtenAt} instead. */
  void inlineComponent(String id, List<Object> writtenAt) {
    inline.put(id, List.copyOf(writtenAt));
  }

  int line(Object... path) {
    if (path.length >= 2 && "component".equals(path[0]) && inline.containsKey(path[1])) {
      List<Object> mapped = new ArrayList<>(inline.get(path[1]));
      mapped.addAll(Arrays.asList(path).subList(2, path.length));
      path = mapped.toArray();
    }
    Object node = root;
    int line = 1;
    for (Object step : path) {
      TomlPosition position = null;
      Object next = null;
      if (node instanceof TomlTable table && step instanceof String key) {
        position = table.inputPositionOf(List.of(key));
        next = table.get(List.of(key));
      } else if (node instanceof TomlArray array
          && step instanceof Integer index
          && index >= 0
          && index < array.size()) {
        position = array.inputPositionOf(index);
        next = array.get(index);
      }
      if (position == null || next == null) {
        break;
      }
      line = position.line();
      node = next;
    }
    return line;
  }
}
