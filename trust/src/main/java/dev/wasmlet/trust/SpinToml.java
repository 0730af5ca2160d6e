package dev.wasmlet.trust;

import java.util.List;
import java.util.Map;

/**
 * The text of a {@code wasmlet.toml} as {@link SpinLayout} rebuilds it from a Spin locked app: TOML
 * lines with every string quoted and escaped, keys bare only when TOML allows it.
 */
final class SpinToml {
  private final StringBuilder out = new StringBuilder();

  /** Starts a table or array-of-tables header after a blank line, e.g. {@code [application]}. */
  SpinToml header(String header) {
    out.append('\n').append(header).append('\n');
    return this;
  }

  /** A comment line; line breaks and other control characters become spaces. */
  SpinToml comment(String text) {
    out.append("# ").append(text.replaceAll("\\p{Cntrl}", " ")).append('\n');
    return this;
  }

  /** {@code key = <value>} with the value already written as TOML. */
  SpinToml raw(String key, String value) {
    out.append(key(key)).append(" = ").append(value).append('\n');
    return this;
  }

  SpinToml string(String key, String value) {
    return raw(key, str(value));
  }

  SpinToml strings(String key, List<String> values) {
    return raw(key, array(values.stream().map(SpinToml::str).toList()));
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** An inline table of strings, e.g. {@code { A = "1", "b.c" = "2" }}. */
  static String inlineTable(Map<String, String> values) {
    return inline(
        values.entrySet().stream().map(e -> key(e.getKey()) + " = " + str(e.getValue())).toList());
  }

  /** An inline table of entries already written as {@code key = value}. */
  static String inline(List<String> entries) {
    return entries.isEmpty() ? "{}" : "{ " + String.join(", ", entries) + " }";
  }

  static String array(List<String> values) {
    return "[" + String.join(", ", values) + "]";
  }

  /** A key: bare when it is letters, digits, '_' and '-', else a quoted string. */
  static String key(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : str(key);
  }

  /** A basic string with {@code "}, {@code \} and control characters escaped. */
  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
