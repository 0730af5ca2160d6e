package dev.wasmlet.app;

import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Finds the line a key was written on, following a path of table keys ({@code String}) and array
 * indexes ({@code Integer}); a missing step answers the line of the deepest step found.
 */
final class Lines {
  private final TomlTable root;

  Lines(TomlTable root) {
    this.root = root;
  }

  int line(Object... path) {
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
