package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Variable templates as in Spin: literal text with {@code {{ name }}} references to app variables,
 * e.g. {@code "https://{{ host }}/v{{ api_version }}"}.
 */
final class Templates {
  static final Pattern VARIABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private Templates() {}

  /**
   * The variable names a template references, in order.
   *
   * @throws IllegalArgumentException when a reference is unclosed or not a variable name
   */
  static List<String> references(String template) {
    List<String> names = new ArrayList<>();
    int at = 0;
    while (true) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        return names;
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("has \"{{\" without a closing \"}}\"");
      }
      String name = template.substring(open + 2, close).trim();
      if (!VARIABLE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "references \"" + name + "\", which is not a variable name ([a-z][a-z0-9_]*)");
      }
      names.add(name);
      at = close + 2;
    }
  }

  /** Renders a template whose references all have values (check with {@link #references}). */
  static String render(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        return out.append(template, at, template.length()).toString();
      }
      int close = template.indexOf("}}", open + 2);
      out.append(template, at, open);
      out.append(values.get(template.substring(open + 2, close).trim()));
      at = close + 2;
    }
  }
}
